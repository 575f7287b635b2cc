#include "client/model/segment_cache.h"

#include <string>

namespace factdesk::model {

Status SegmentCache::Set(std::int64_t transcript_id, std::int32_t first_ordinal,
                         std::vector<v1::Segment> segments) {
  if (first_ordinal < 0) return Status::InvalidArgument("first_ordinal", "must not be negative");
  // Validate the whole page before storing any of it.
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& s = segments[i];
    const auto expected = static_cast<std::int64_t>(first_ordinal) + static_cast<std::int64_t>(i);
    if (s.transcript_id() != 0 && s.transcript_id() != transcript_id) {
      return Status::InvalidArgument("segments", "segment " + std::to_string(s.id()) +
                                                     " belongs to transcript " +
                                                     std::to_string(s.transcript_id()));
    }
    if (s.ordinal() != expected) {
      return Status::InvalidArgument("segments", "segment " + std::to_string(s.id()) +
                                                     " has ordinal " + std::to_string(s.ordinal()) +
                                                     ", expected " + std::to_string(expected));
    }
  }
  auto& page = by_transcript_[transcript_id];
  for (auto& s : segments) {
    const std::int32_t ordinal = s.ordinal();
    auto stored = page.find(ordinal);
    if (stored != page.end() && stored->second.id() == s.id() &&
        stored->second.revision() > s.revision()) {
      continue;  // an older copy than the correction already applied
    }
    by_id_[s.id()] = {transcript_id, ordinal};
    page.insert_or_assign(ordinal, std::move(s));
  }
  return Status::Ok();
}

const v1::Segment* SegmentCache::At(std::int64_t transcript_id, std::int32_t ordinal) const {
  auto t = by_transcript_.find(transcript_id);
  if (t == by_transcript_.end()) return nullptr;
  auto s = t->second.find(ordinal);
  return s == t->second.end() ? nullptr : &s->second;
}

const v1::Segment* SegmentCache::Find(std::int64_t segment_id) const {
  auto it = by_id_.find(segment_id);
  return it == by_id_.end() ? nullptr : At(it->second.first, it->second.second);
}

const std::map<std::int32_t, v1::Segment>* SegmentCache::Of(std::int64_t transcript_id) const {
  auto t = by_transcript_.find(transcript_id);
  return t == by_transcript_.end() ? nullptr : &t->second;
}

std::optional<std::int32_t> SegmentCache::FirstMissing(std::int64_t transcript_id,
                                                       std::int32_t from,
                                                       std::int32_t count) const {
  const auto* loaded = Of(transcript_id);
  std::int32_t ordinal = from < 0 ? 0 : from;
  if (loaded != nullptr) {
    // Walk the consecutive run starting at `ordinal`.
    for (auto it = loaded->find(ordinal); it != loaded->end() && it->first == ordinal; ++it) {
      ++ordinal;
    }
  }
  if (ordinal >= count) return std::nullopt;
  return ordinal;
}

void SegmentCache::Drop(std::int64_t transcript_id) {
  auto t = by_transcript_.find(transcript_id);
  if (t == by_transcript_.end()) return;
  for (const auto& [ordinal, segment] : t->second) by_id_.erase(segment.id());
  by_transcript_.erase(t);
}

void SegmentCache::Clear() {
  by_transcript_.clear();
  by_id_.clear();
}

}  // namespace factdesk::model
