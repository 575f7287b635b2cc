#pragma once

#include <string>

#include <sys/types.h>

#include "common/result.h"

namespace factdesk::cli {

// Reads a file as another program writes it (as `tail -F` does), or standard input ("-").
class FileTail {
 public:
  // What one read found.
  struct Chunk {
    std::string bytes;       // new bytes; empty when nothing new has arrived
    bool restarted = false;  // the file was truncated or replaced: bytes are its start
    bool ended = false;      // standard input closed, or the end of a file not followed
  };

  // "-" is standard input. INVALID_ARGUMENT "FILE: cannot read PATH: reason".
  static Result<FileTail> Open(const std::string& path, bool follow);
  FileTail(FileTail&& other) noexcept;
  FileTail& operator=(FileTail&&) = delete;
  FileTail(const FileTail&) = delete;
  ~FileTail();

  // Up to 64 KiB of what is new. Standard input blocks until bytes arrive, it closes, or a
  // signal interrupts the wait; a file never blocks.
  Result<Chunk> Read();
  bool is_stdin() const { return path_ == "-"; }
  const std::string& path() const { return path_; }

 private:
  FileTail(std::string path, int fd, bool follow);
  // A file that got shorter, or whose name now names another file, starts again.
  bool Restart();

  std::string path_;
  int fd_ = -1;
  bool follow_ = false;
  off_t offset_ = 0;
};

}  // namespace factdesk::cli
