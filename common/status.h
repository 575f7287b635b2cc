#pragma once

#include <string>
#include <utility>

namespace factdesk {

// The canonical status codes, numbered as gRPC numbers them, so the RPC layer
// converts a Status with a cast. Libraries below the RPC layer return these
// instead of throwing.
enum class Code {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  // "field: reason", the shape every INVALID_ARGUMENT message has.
  static Status InvalidArgument(const std::string& field, const std::string& reason) {
    return {Code::kInvalidArgument, field + ": " + reason};
  }
  static Status NotFound(std::string message) { return {Code::kNotFound, std::move(message)}; }
  static Status PermissionDenied(std::string message) {
    return {Code::kPermissionDenied, std::move(message)};
  }
  static Status FailedPrecondition(std::string message) {
    return {Code::kFailedPrecondition, std::move(message)};
  }
  static Status Aborted(std::string message) { return {Code::kAborted, std::move(message)}; }
  static Status Internal(std::string message) { return {Code::kInternal, std::move(message)}; }
  static Status Unavailable(std::string message) {
    return {Code::kUnavailable, std::move(message)};
  }
  static Status Unauthenticated(std::string message) {
    return {Code::kUnauthenticated, std::move(message)};
  }
  static Status ResourceExhausted(std::string message) {
    return {Code::kResourceExhausted, std::move(message)};
  }
  static Status AlreadyExists(std::string message) {
    return {Code::kAlreadyExists, std::move(message)};
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "INVALID_ARGUMENT: summary: must not be empty"
  std::string ToString() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace factdesk

// Returns early from a function returning Status or Result<T> when `expr` fails.
#define FD_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::factdesk::Status fd_status_ = (expr);  \
    if (!fd_status_.ok()) return fd_status_; \
  } while (false)
