#pragma once

#include <cstddef>
#include <string_view>

namespace factdesk {

// A file compiled into the binary (see cmake/EmbedFiles.cmake).
struct EmbeddedFile {
  std::string_view name;
  std::string_view contents;
};

}  // namespace factdesk
