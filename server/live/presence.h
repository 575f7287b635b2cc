#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "factdesk/v1/live.pb.h"

namespace factdesk::live {

struct PresenceOptions {
  // An entry not heard from (UpdatePresence) for this long is gone.
  std::chrono::milliseconds ttl{30000};
  // Live entries are announced again this often, so clients, which drop an entry they
  // have not heard of for 35 s, keep it while its session is alive.
  std::chrono::milliseconds refresh{10000};
  // Sessions one user may hold in one workspace; a new one beyond this pushes out the
  // one heard from longest ago.
  std::size_t max_sessions_per_user = 8;
};

// Who is online in each workspace, as this replica has heard it. Every replica hears
// every heartbeat (its own NOTIFY channel), so each keeps the same table, expires
// entries itself and announces live ones again every `refresh`. One entry per user and
// session: only the latest heartbeat of a session counts. Times are passed in, so tests
// drive it without a clock.
class PresenceTable {
 public:
  using Clock = std::chrono::steady_clock;
  using Announcement = std::pair<std::int64_t, v1::Presence>;  // workspace, entry

  explicit PresenceTable(PresenceOptions options) : options_(options) {}

  // Records a heartbeat (or a departure when !online). Returns what subscribers must be
  // told: the entry when it is new, moved or gone, and the departure of a session it
  // pushed out; nothing for a heartbeat from where the session already was.
  std::vector<v1::Presence> Apply(std::int64_t workspace_id, const v1::Presence& presence,
                                  Clock::time_point now);
  // Removes entries not heard from within the ttl; returns them marked offline.
  std::vector<Announcement> Expire(Clock::time_point now);
  // Live entries last announced `refresh` ago or more, now announced again.
  std::vector<Announcement> DueForRefresh(Clock::time_point now);
  // Everyone online in the workspace.
  std::vector<v1::Presence> Snapshot(std::int64_t workspace_id) const;
  // Entries in all workspaces.
  std::size_t size() const;

  const PresenceOptions& options() const { return options_; }

 private:
  struct Entry {
    v1::Presence presence;
    Clock::time_point heard;
    Clock::time_point announced;
  };
  using Sessions = std::map<std::string, Entry>;  // by user id and session id

  // With mu_ held: makes room for one more session of `user_id`; returns who left.
  std::vector<v1::Presence> EvictOldestLocked(Sessions& sessions, std::int64_t user_id);

  const PresenceOptions options_;
  mutable std::mutex mu_;
  std::map<std::int64_t, Sessions> by_workspace_;
};

// NOTIFY payloads on "factdesk_presence": "<workspace_id>:<Presence as JSON>".
std::string EncodePresence(std::int64_t workspace_id, const v1::Presence& presence);
bool DecodePresence(const std::string& payload, std::int64_t* workspace_id, v1::Presence* presence);

}  // namespace factdesk::live
