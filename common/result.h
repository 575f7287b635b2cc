#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "common/status.h"

namespace factdesk {

// A value or the Status that explains why there is none (std::expected is C++23).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace factdesk

#define FD_CONCAT_INNER_(a, b) a##b
#define FD_CONCAT_(a, b) FD_CONCAT_INNER_(a, b)
// `FD_ASSIGN_OR_RETURN(auto x, Compute());` returns the status when Compute fails.
#define FD_ASSIGN_OR_RETURN(lhs, expr) \
  FD_ASSIGN_OR_RETURN_IMPL_(FD_CONCAT_(fd_result_, __LINE__), lhs, expr)
#define FD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
