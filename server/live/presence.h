#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "factdesk/v1/live.pb.h"

namespace factdesk::live {

// Who is online in each workspace, as this replica has heard it. Every replica hears
// every heartbeat (its own NOTIFY channel), so each keeps the same table and expires
// entries itself, 30 s after their last heartbeat.
class PresenceTable {
 public:
  using Clock = std::chrono::steady_clock;

  explicit PresenceTable(std::chrono::seconds ttl) : ttl_(ttl) {}

  // Records a heartbeat (or a departure when !online). Returns the entry to broadcast,
  // or nullopt when nothing a subscriber would notice changed.
  std::optional<v1::Presence> Apply(std::int64_t workspace_id, const v1::Presence& presence,
                                    Clock::time_point now);
  // Removes entries not heard from within the ttl; returns them marked offline.
  std::vector<std::pair<std::int64_t, v1::Presence>> Expire(Clock::time_point now);
  // Everyone online in the workspace.
  std::vector<v1::Presence> Snapshot(std::int64_t workspace_id) const;

 private:
  struct Entry {
    v1::Presence presence;
    Clock::time_point heard;
  };
  const std::chrono::seconds ttl_;
  mutable std::mutex mu_;
  std::map<std::int64_t, std::map<std::string, Entry>> by_workspace_;  // session -> entry
};

// NOTIFY payloads on "factdesk_presence": "<workspace_id>:<Presence as JSON>".
std::string EncodePresence(std::int64_t workspace_id, const v1::Presence& presence);
bool DecodePresence(const std::string& payload, std::int64_t* workspace_id, v1::Presence* presence);

}  // namespace factdesk::live
