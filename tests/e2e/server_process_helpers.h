// What the tests of a factdesk-server process share: admin commands to set up its data
// directory, and its resident memory read from /proc (with ASan's quarantine kept small,
// so freed memory does not count).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace factdesk::testing {

// ASan keeps freed memory in quarantine (256 MiB by default), which would count as
// growth; a small quarantine keeps RSS about what the server holds. Pass as the server's
// environment.
const std::map<std::string, std::string>& SmallQuarantine();

// VmRSS of the process, in KiB (a test failure and 0 when it cannot be read).
long RssKiB(pid_t pid);

// Runs `factdesk-server admin --data-dir DATA_DIR ARGS...`, expecting success; its output
// without the trailing newlines.
std::string Admin(const std::string& data_dir, std::vector<std::string> args);

}  // namespace factdesk::testing
