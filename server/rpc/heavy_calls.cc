#include "server/rpc/heavy_calls.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace factdesk::rpc {
namespace {

std::size_t MiB(std::size_t bytes) {
  return (bytes + (std::size_t{1} << 20U) - 1) >> 20U;
}

}  // namespace

std::size_t ImportMemoryCost(std::string_view content) {
  std::size_t lines = 0;
  bool blank = true;
  for (const char c : content) {
    if (c == '\n') {
      lines += blank ? 0 : 1;
      blank = true;
    } else if (c != '\r' && c != ' ' && c != '\t') {
      blank = false;
    }
  }
  lines += blank ? 0 : 1;
  return std::max(content.size() * kImportMemoryFactor, lines * kImportBytesPerLine);
}

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

Result<HeavyCalls::Slot> HeavyCalls::EnterImport(std::int64_t user_id, std::string_view content) {
  const std::size_t cost = ImportMemoryCost(content);
  const std::lock_guard lock(mu_);
  FD_RETURN_IF_ERROR(CheckUser(user_id, "import"));
  if (import_bytes_ + cost > options_.import_budget_bytes) {
    return Status::ResourceExhausted(fmt::format(
        "the server's imports are using {} MiB of their {} MiB memory budget "
        "(--import-memory-budget-mib) and this one needs {} MiB ({}x its size, or {} bytes "
        "a line if more); try again when others have finished, or send it in parts",
        MiB(import_bytes_), MiB(options_.import_budget_bytes), MiB(cost), kImportMemoryFactor,
        kImportBytesPerLine));
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
