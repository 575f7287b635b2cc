#pragma once

// Debian's gRPC is not built with ThreadSanitizer, so the locks gRPC takes when it hands a
// reactor from the thread that started an operation (a write, the finish, the reactor's
// creation) to the thread that calls the reactor back are invisible to TSan, and every
// callback would read as a race with the code before it. A reactor marks the hand-over
// itself: HandOff just before it gives itself to gRPC, TakeOver first thing in each
// callback. Both compile to nothing outside ThreadSanitizer builds.

#if defined(__SANITIZE_THREAD__)
#define FACTDESK_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FACTDESK_TSAN 1
#endif
#endif

#ifdef FACTDESK_TSAN
extern "C" void __tsan_acquire(void* addr);  // NOLINT(bugprone-reserved-identifier)
extern "C" void __tsan_release(void* addr);  // NOLINT(bugprone-reserved-identifier)
#endif

namespace factdesk {

inline void HandOff([[maybe_unused]] const void* reactor) {
#ifdef FACTDESK_TSAN
  __tsan_release(const_cast<void*>(reactor));
#endif
}

inline void TakeOver([[maybe_unused]] const void* reactor) {
#ifdef FACTDESK_TSAN
  __tsan_acquire(const_cast<void*>(reactor));
#endif
}

}  // namespace factdesk
