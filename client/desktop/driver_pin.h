#pragma once

namespace factdesk::desktop {

// Under AddressSanitizer: keeps every shared library loaded so far (the GL driver that
// GLX dlopen()ed, LLVM, ...) mapped until the process exits, so LeakSanitizer's report at
// exit can name the library a third-party leak comes from (and the suppressions in
// tests/ui/lsan.supp can match it) instead of "<unknown module>" after the driver was
// unloaded. Does nothing in other builds.
void PinLoadedLibraries();

}  // namespace factdesk::desktop
