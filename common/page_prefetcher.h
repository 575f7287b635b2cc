#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "common/result.h"

namespace factdesk {

// Reads the pages of a long read (an export) on threads of its own, ahead of its
// consumer, so that the database answers for the next pages while the consumer formats
// this one: the two take turns on one thread otherwise, and each waits for the other.
// With several readers, reader r reads pages r, r + readers, ...: a page's statements
// run one after another, so a second reader keeps PostgreSQL busy while the first maps
// its rows.
//
// Pages come out in order, each once. Each reader holds at most one read page the
// consumer has not taken, so the memory held is readers + 1 pages whatever the read's
// size. A failed read ends the pages at that page: Next returns its status and
// nothing after it. Destroying the prefetcher early (the client cancelled, the consumer
// failed) lets the pages being read finish, reads no others and joins the threads.
template <typename Page>
class PagePrefetcher {
 public:
  using ReadPage = std::function<Result<Page>(std::size_t index)>;

  // Reads pages 0 .. pages - 1 with `read`, which runs on the readers' threads only, on
  // as many pages at once as there are readers (at least 1).
  PagePrefetcher(std::size_t pages, ReadPage read, std::size_t readers = 1)
      : pages_(pages), read_(std::move(read)), slots_(std::max<std::size_t>(readers, 1)) {
    threads_.reserve(slots_.size());
    for (std::size_t r = 0; r < slots_.size(); ++r) threads_.emplace_back([this, r] { Run(r); });
  }

  PagePrefetcher(const PagePrefetcher&) = delete;
  PagePrefetcher& operator=(const PagePrefetcher&) = delete;

  ~PagePrefetcher() {
    {
      const std::lock_guard lock(mu_);
      stop_ = true;
    }
    changed_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }

  // The next page in order, or the read's error. Past the last page (or after an
  // error) there is nothing to wait for: FAILED_PRECONDITION.
  Result<Page> Next() {
    std::unique_lock lock(mu_);
    if (failed_ || next_ >= pages_) return Status::FailedPrecondition("no page is left to read");
    Slot& slot = slots_[next_ % slots_.size()];
    changed_.wait(lock, [&] { return slot.page.has_value(); });
    Result<Page> page = std::move(*slot.page);
    slot.page.reset();
    failed_ = !page.ok();
    ++next_;
    lock.unlock();
    changed_.notify_all();
    return page;
  }

 private:
  struct Slot {
    std::optional<Result<Page>> page;
  };

  void Run(std::size_t reader) {
    Slot& slot = slots_[reader];
    for (std::size_t i = reader; i < pages_; i += slots_.size()) {
      {
        std::unique_lock lock(mu_);
        changed_.wait(lock, [&] { return stop_ || failed_ || !slot.page.has_value(); });
        if (stop_ || failed_) return;
      }
      Result<Page> page = read_(i);
      const bool failed = !page.ok();
      {
        const std::lock_guard lock(mu_);
        slot.page.emplace(std::move(page));
      }
      changed_.notify_all();
      if (failed) return;
    }
  }

  const std::size_t pages_;
  const ReadPage read_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<Slot> slots_;  // one per reader: its read page, until taken
  std::size_t next_ = 0;     // the page Next returns next
  bool failed_ = false;      // Next returned an error: no more pages
  bool stop_ = false;
  // Last: they start reading as soon as they are made.
  std::vector<std::thread> threads_;
};

}  // namespace factdesk
