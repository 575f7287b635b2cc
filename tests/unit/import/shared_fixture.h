#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

// The shared fixtures (../shared), read in place: the seed transcript, the debates and
// the WebVTT conformance suite are never copied into the project.
namespace factdesk::import::testing {

inline std::filesystem::path SharedPath(std::string_view relative) {
  return std::filesystem::path(FACTDESK_SHARED_DIR) / relative;
}

// The file's bytes; empty when it cannot be read, which the tests assert against.
inline std::string ReadShared(std::string_view relative) {
  std::ifstream in(SharedPath(relative), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace factdesk::import::testing
