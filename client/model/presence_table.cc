#include "client/model/presence_table.h"

#include <algorithm>

namespace factdesk::model {
namespace {

PresenceTable::Clock::time_point ToTimePoint(const google::protobuf::Timestamp& ts) {
  const auto since_epoch =
      std::chrono::seconds(ts.seconds()) + std::chrono::nanoseconds(ts.nanos());
  return PresenceTable::Clock::time_point(
      std::chrono::duration_cast<PresenceTable::Clock::duration>(since_epoch));
}

bool Older(const google::protobuf::Timestamp& a, const google::protobuf::Timestamp& b) {
  return a.seconds() < b.seconds() || (a.seconds() == b.seconds() && a.nanos() < b.nanos());
}

}  // namespace

bool PresenceTable::Apply(const v1::Presence& presence, Clock::time_point now) {
  auto it = entries_.find(presence.session_id());
  if (it != entries_.end() && Older(presence.updated_at(), it->second.presence.updated_at())) {
    return false;  // a late copy from another replica
  }
  if (!presence.online()) {
    if (it == entries_.end()) return false;
    entries_.erase(it);
    return true;
  }
  const Clock::time_point expires = std::max(ToTimePoint(presence.updated_at()), now) + kExpiry;
  if (it == entries_.end()) {
    entries_.emplace(presence.session_id(), Entry{presence, expires});
  } else {
    it->second = Entry{presence, expires};
  }
  return true;
}

std::size_t PresenceTable::Expire(Clock::time_point now) {
  return std::erase_if(entries_, [now](const auto& kv) { return kv.second.expires <= now; });
}

const v1::Presence* PresenceTable::Find(const std::string& session_id) const {
  auto it = entries_.find(session_id);
  return it == entries_.end() ? nullptr : &it->second.presence;
}

std::vector<const v1::Presence*> PresenceTable::Select(
    const std::function<bool(const v1::Presence&)>& keep) const {
  std::vector<const v1::Presence*> out;
  for (const auto& [session, entry] : entries_) {
    if (keep(entry.presence)) out.push_back(&entry.presence);
  }
  std::sort(out.begin(), out.end(), [](const v1::Presence* a, const v1::Presence* b) {
    if (a->user().handle() != b->user().handle()) return a->user().handle() < b->user().handle();
    return a->session_id() < b->session_id();
  });
  return out;
}

}  // namespace factdesk::model
