#include "client/cli/file_tail.h"

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace factdesk::cli {
namespace {

constexpr std::size_t kReadBytes = 64 * 1024;

Status CannotRead(const std::string& path, int error) {
  return Status::InvalidArgument(
      "FILE", "cannot read " + path + ": " + std::generic_category().message(error));
}

}  // namespace

Result<FileTail> FileTail::Open(const std::string& path, bool follow) {
  if (path == "-") return FileTail(path, STDIN_FILENO, follow);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return CannotRead(path, errno);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument("FILE", path + " is a directory; give a file in it");
  }
  return FileTail(path, fd, follow);
}

FileTail::FileTail(std::string path, int fd, bool follow)
    : path_(std::move(path)), fd_(fd), follow_(follow) {}

FileTail::FileTail(FileTail&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      follow_(other.follow_),
      offset_(other.offset_) {}

FileTail::~FileTail() {
  if (fd_ > STDIN_FILENO) ::close(fd_);
}

Result<FileTail::Chunk> FileTail::Read() {
  Chunk chunk;
  chunk.bytes.resize(kReadBytes);
  const ssize_t n = ::read(fd_, chunk.bytes.data(), kReadBytes);
  if (n < 0 && errno != EINTR) return CannotRead(path_, errno);
  chunk.bytes.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  if (n > 0) {
    offset_ += n;
    return chunk;
  }
  if (n == 0 && (is_stdin() || !follow_)) {
    chunk.ended = true;
  } else if (n == 0 && Restart()) {
    chunk.restarted = true;
    auto again = Read();
    if (again.ok()) again->restarted = true;
    return again;
  }
  return chunk;
}

bool FileTail::Restart() {
  struct stat now {};
  struct stat named {};
  if (::fstat(fd_, &now) != 0 || ::stat(path_.c_str(), &named) != 0) return false;
  if (now.st_ino == named.st_ino && now.st_dev == named.st_dev) {
    if (named.st_size >= offset_) return false;
    ::lseek(fd_, 0, SEEK_SET);  // truncated in place
  } else {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);  // replaced (rotated)
    if (fd < 0) return false;
    ::close(fd_);
    fd_ = fd;
  }
  offset_ = 0;
  return true;
}

}  // namespace factdesk::cli
