#include "server/live/presence.h"

#include <charconv>

#include <google/protobuf/util/json_util.h>

namespace factdesk::live {
namespace {

// Same place and activity: a plain heartbeat, not worth broadcasting.
bool SamePlace(const v1::Presence& a, const v1::Presence& b) {
  return a.online() == b.online() && a.transcript_id() == b.transcript_id() &&
         a.segment_id() == b.segment_id() && a.claim_id() == b.claim_id() &&
         a.activity() == b.activity();
}

// Sessions are the clients' own names: two users may both call theirs "laptop".
std::string KeyOf(const v1::Presence& p) {
  return std::to_string(p.user().id()) + "/" + p.session_id();
}

v1::Presence Offline(v1::Presence p) {
  p.set_online(false);
  return p;
}

}  // namespace

std::vector<v1::Presence> PresenceTable::Apply(std::int64_t workspace_id,
                                               const v1::Presence& presence,
                                               Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto& sessions = by_workspace_[workspace_id];
  const std::string key = KeyOf(presence);
  auto it = sessions.find(key);
  std::vector<v1::Presence> out;
  if (!presence.online()) {
    if (it != sessions.end()) {
      sessions.erase(it);
      out.push_back(presence);
    }
  } else if (it != sessions.end()) {
    const bool same = SamePlace(it->second.presence, presence);
    it->second.presence = presence;
    it->second.heard = now;
    if (!same) {
      it->second.announced = now;
      out.push_back(presence);
    }
  } else {
    out = EvictOldestLocked(sessions, presence.user().id());
    sessions.emplace(key, Entry{presence, now, now});
    out.push_back(presence);
  }
  if (sessions.empty()) by_workspace_.erase(workspace_id);
  return out;
}

std::vector<v1::Presence> PresenceTable::EvictOldestLocked(Sessions& sessions,
                                                           std::int64_t user_id) {
  std::vector<v1::Presence> gone;
  for (;;) {
    std::size_t count = 0;
    auto oldest = sessions.end();
    for (auto it = sessions.begin(); it != sessions.end(); ++it) {
      if (it->second.presence.user().id() != user_id) continue;
      ++count;
      if (oldest == sessions.end() || it->second.heard < oldest->second.heard) oldest = it;
    }
    if (count < options_.max_sessions_per_user || oldest == sessions.end()) return gone;
    gone.push_back(Offline(oldest->second.presence));
    sessions.erase(oldest);
  }
}

std::vector<PresenceTable::Announcement> PresenceTable::Expire(Clock::time_point now) {
  std::vector<Announcement> gone;
  std::lock_guard lock(mu_);
  for (auto ws = by_workspace_.begin(); ws != by_workspace_.end();) {
    for (auto it = ws->second.begin(); it != ws->second.end();) {
      if (now - it->second.heard > options_.ttl) {
        gone.emplace_back(ws->first, Offline(it->second.presence));
        it = ws->second.erase(it);
      } else {
        ++it;
      }
    }
    ws = ws->second.empty() ? by_workspace_.erase(ws) : std::next(ws);
  }
  return gone;
}

std::vector<PresenceTable::Announcement> PresenceTable::DueForRefresh(Clock::time_point now) {
  std::vector<Announcement> due;
  std::lock_guard lock(mu_);
  for (auto& [ws, sessions] : by_workspace_) {
    for (auto& [key, entry] : sessions) {
      if (now - entry.announced < options_.refresh) continue;
      entry.announced = now;
      due.emplace_back(ws, entry.presence);
    }
  }
  return due;
}

std::vector<v1::Presence> PresenceTable::Snapshot(std::int64_t workspace_id) const {
  std::vector<v1::Presence> out;
  std::lock_guard lock(mu_);
  if (auto it = by_workspace_.find(workspace_id); it != by_workspace_.end()) {
    for (const auto& [key, entry] : it->second) out.push_back(entry.presence);
  }
  return out;
}

std::size_t PresenceTable::size() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& [ws, sessions] : by_workspace_) n += sessions.size();
  return n;
}

std::string EncodePresence(std::int64_t workspace_id, const v1::Presence& presence) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(presence, &json);
  return std::to_string(workspace_id) + ":" + json;
}

bool DecodePresence(const std::string& payload, std::int64_t* workspace_id,
                    v1::Presence* presence) {
  const auto colon = payload.find(':');
  if (colon == std::string::npos) return false;
  const auto r = std::from_chars(payload.data(), payload.data() + colon, *workspace_id);
  if (r.ec != std::errc() || r.ptr != payload.data() + colon) return false;
  return google::protobuf::util::JsonStringToMessage(payload.substr(colon + 1), presence).ok();
}

}  // namespace factdesk::live
