#include "server/rpc/heavy_calls.h"

#include <utility>

#include <fmt/format.h>

namespace factdesk::rpc {
namespace {

std::size_t MiB(std::size_t bytes) {
  return (bytes + (std::size_t{1} << 20U) - 1) >> 20U;
}

}  // namespace

HeavyCalls::Slot& HeavyCalls::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    if (owner_ != nullptr) owner_->Leave(user_id_, bytes_);
    owner_ = std::exchange(other.owner_, nullptr);
    user_id_ = other.user_id_;
    bytes_ = other.bytes_;
  }
  return *this;
}

HeavyCalls::Slot::~Slot() {
  if (owner_ != nullptr) owner_->Leave(user_id_, bytes_);
}

Status HeavyCalls::CheckUser(std::int64_t user_id, std::string_view what) const {
  const auto it = running_.find(user_id);
  const int running = it == running_.end() ? 0 : it->second;
  if (running < options_.per_user) return Status::Ok();
  return Status::ResourceExhausted(fmt::format(
      "you already have {} imports, exports or searches running; the limit is {} at once per "
      "user (--heavy-calls-per-user); this {} can be tried again when one ends",
      running, options_.per_user, what));
}

Result<HeavyCalls::Slot> HeavyCalls::Enter(std::int64_t user_id, std::string_view what) {
  const std::lock_guard lock(mu_);
  FD_RETURN_IF_ERROR(CheckUser(user_id, what));
  ++running_[user_id];
  return Slot(this, user_id, 0);
}

Result<HeavyCalls::Slot> HeavyCalls::EnterImport(std::int64_t user_id, std::size_t content_bytes) {
  const std::size_t cost = content_bytes * kImportMemoryFactor;
  const std::lock_guard lock(mu_);
  FD_RETURN_IF_ERROR(CheckUser(user_id, "import"));
  if (import_bytes_ + cost > options_.import_budget_bytes) {
    return Status::ResourceExhausted(fmt::format(
        "the server's imports are using {} MiB of their {} MiB memory budget "
        "(--import-memory-budget-mib) and this one needs {} MiB ({}x its size); try again "
        "when others have finished",
        MiB(import_bytes_), MiB(options_.import_budget_bytes), MiB(cost), kImportMemoryFactor));
  }
  ++running_[user_id];
  import_bytes_ += cost;
  return Slot(this, user_id, cost);
}

void HeavyCalls::Leave(std::int64_t user_id, std::size_t bytes) {
  const std::lock_guard lock(mu_);
  import_bytes_ -= bytes;
  if (--running_[user_id] <= 0) running_.erase(user_id);
}

}  // namespace factdesk::rpc
