#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "common/result.h"

namespace factdesk::rpc {

struct HeavyCallOptions {
  // Imports, exports and searches one user may have running at once (--heavy-calls-per-user).
  int per_user = 2;
  // Memory all running imports may claim together (--import-memory-budget-mib).
  std::size_t import_budget_bytes = std::size_t{512} << 20U;
};

// What an import is taken to cost while it runs: the content as received, the parsed
// segments and the rows built for COPY. For transcripts as people write them that is a
// small multiple of the size (the seed transcripts: about 4x; 8x leaves room); a file of
// very short lines costs per line instead (a segment's strings, numbers and vector slot),
// so an import reserves whichever is more.
inline constexpr std::size_t kImportMemoryFactor = 8;
inline constexpr std::size_t kImportBytesPerLine = 200;

// The memory an import of `content` reserves: the larger of kImportMemoryFactor times
// its size and kImportBytesPerLine for each of its non-empty lines.
std::size_t ImportMemoryCost(std::string_view content);

// Bounds the calls that cost the server the most: a few per user at once, and imports
// together within a memory budget. Past either, RESOURCE_EXHAUSTED names the limit.
class HeavyCalls {
 public:
  explicit HeavyCalls(HeavyCallOptions options) : options_(options) {}

  // A heavy call's place, held while it runs (released by its destructor).
  class Slot {
   public:
    Slot() = default;
    Slot(HeavyCalls* owner, std::int64_t user_id, std::size_t bytes)
        : owner_(owner), user_id_(user_id), bytes_(bytes) {}
    Slot(Slot&& other) noexcept { *this = std::move(other); }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();

   private:
    HeavyCalls* owner_ = nullptr;
    std::int64_t user_id_ = 0;
    std::size_t bytes_ = 0;
  };

  // An export or a search by this user. `what` names it in the refusal.
  Result<Slot> Enter(std::int64_t user_id, std::string_view what);
  // An import of `content` by this user: a place and its memory from the budget.
  Result<Slot> EnterImport(std::int64_t user_id, std::string_view content);

  const HeavyCallOptions& options() const { return options_; }

 private:
  Status CheckUser(std::int64_t user_id, std::string_view what) const;
  void Leave(std::int64_t user_id, std::size_t bytes);

  const HeavyCallOptions options_;
  mutable std::mutex mu_;
  std::unordered_map<std::int64_t, int> running_;  // by user
  std::size_t import_bytes_ = 0;
};

}  // namespace factdesk::rpc
