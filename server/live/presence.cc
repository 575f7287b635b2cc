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

}  // namespace

std::optional<v1::Presence> PresenceTable::Apply(std::int64_t workspace_id,
                                                 const v1::Presence& presence,
                                                 Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto& sessions = by_workspace_[workspace_id];
  auto it = sessions.find(presence.session_id());
  if (!presence.online()) {
    if (it == sessions.end()) return std::nullopt;
    sessions.erase(it);
    if (sessions.empty()) by_workspace_.erase(workspace_id);
    return presence;
  }
  if (it != sessions.end()) {
    const bool same = SamePlace(it->second.presence, presence);
    it->second = {presence, now};
    if (same) return std::nullopt;
    return presence;
  }
  sessions.emplace(presence.session_id(), Entry{presence, now});
  return presence;
}

std::vector<std::pair<std::int64_t, v1::Presence>> PresenceTable::Expire(Clock::time_point now) {
  std::vector<std::pair<std::int64_t, v1::Presence>> gone;
  std::lock_guard lock(mu_);
  for (auto ws = by_workspace_.begin(); ws != by_workspace_.end();) {
    for (auto it = ws->second.begin(); it != ws->second.end();) {
      if (now - it->second.heard > ttl_) {
        v1::Presence p = it->second.presence;
        p.set_online(false);
        gone.emplace_back(ws->first, std::move(p));
        it = ws->second.erase(it);
      } else {
        ++it;
      }
    }
    ws = ws->second.empty() ? by_workspace_.erase(ws) : std::next(ws);
  }
  return gone;
}

std::vector<v1::Presence> PresenceTable::Snapshot(std::int64_t workspace_id) const {
  std::vector<v1::Presence> out;
  std::lock_guard lock(mu_);
  if (auto it = by_workspace_.find(workspace_id); it != by_workspace_.end()) {
    for (const auto& [session, entry] : it->second) out.push_back(entry.presence);
  }
  return out;
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
