#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "factdesk/v1/live.pb.h"

namespace factdesk::model {

// Who is where, one entry per client session. Presence is not sequenced: the server
// sends every change and an entry with online=false when a session leaves or expires.
// As a fallback for a missed "left" (the stream was down), an entry also expires here
// 35 s after the later of its updated_at and when it was received — the later, so a
// client clock running ahead of the server's does not expire fresh entries.
class PresenceTable {
 public:
  using Clock = std::chrono::system_clock;
  static constexpr std::chrono::seconds kExpiry{35};

  // Stores, refreshes or (online=false) removes the session's entry. An entry older
  // than the stored one (updated_at) is ignored. Returns whether anything changed.
  bool Apply(const v1::Presence& presence, Clock::time_point now);
  // Removes entries past their expiry; returns how many.
  std::size_t Expire(Clock::time_point now);
  void Clear() { entries_.clear(); }

  const v1::Presence* Find(const std::string& session_id) const;
  std::size_t size() const { return entries_.size(); }

  // Entries that pass `keep`, by user handle then session id.
  std::vector<const v1::Presence*> Select(
      const std::function<bool(const v1::Presence&)>& keep) const;

 private:
  struct Entry {
    v1::Presence presence;
    Clock::time_point expires;
  };
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace factdesk::model
