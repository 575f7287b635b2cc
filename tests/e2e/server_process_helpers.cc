#include "tests/e2e/server_process_helpers.h"

#include <chrono>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/process.h"

namespace factdesk::testing {

const std::map<std::string, std::string>& SmallQuarantine() {
  static const std::map<std::string, std::string> env = {
      {"ASAN_OPTIONS", "quarantine_size_mb=8:detect_leaks=1"}};
  return env;
}

long RssKiB(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  ADD_FAILURE() << "no VmRSS in /proc/" << pid << "/status";
  return 0;
}

std::string Admin(const std::string& data_dir, std::vector<std::string> args) {
  ProcessOptions o;
  o.argv = {ServerBinary(), "admin", "--data-dir", data_dir};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  const ProcessResult r = RunProcess(o, std::chrono::seconds(120));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace factdesk::testing
