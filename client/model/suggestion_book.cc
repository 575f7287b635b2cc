#include "client/model/suggestion_book.h"

#include <algorithm>
#include <tuple>

namespace factdesk::model {
namespace {

bool Decided(const v1::Suggestion& s) {
  return s.state() == v1::SUGGESTION_STATE_ACCEPTED || s.state() == v1::SUGGESTION_STATE_DISMISSED;
}

bool IsOpen(const v1::Suggestion& s) {
  return s.state() == v1::SUGGESTION_STATE_OPEN || s.state() == v1::SUGGESTION_STATE_UNSPECIFIED;
}

// Best first: the higher score, then reading order, then id (a stable total order).
bool Better(const v1::Suggestion* a, const v1::Suggestion* b) {
  if (a->score() != b->score()) return a->score() > b->score();
  return std::tuple(a->segment_ordinal(), a->start_byte(), a->id()) <
         std::tuple(b->segment_ordinal(), b->start_byte(), b->id());
}

}  // namespace

void SuggestionBook::Store(const v1::Suggestion& suggestion) {
  auto it = by_id_.find(suggestion.id());
  // A decision is final: an open copy read before it never undoes it.
  if (it != by_id_.end() && Decided(it->second) && !Decided(suggestion)) return;
  by_id_.insert_or_assign(suggestion.id(), suggestion);
  by_transcript_[suggestion.transcript_id()].insert(suggestion.id());
  by_segment_[suggestion.segment_id()].insert(suggestion.id());
}

void SuggestionBook::Forget(std::int64_t suggestion_id) {
  auto s = by_id_.find(suggestion_id);
  if (s == by_id_.end()) return;
  if (auto t = by_transcript_.find(s->second.transcript_id()); t != by_transcript_.end()) {
    t->second.erase(suggestion_id);
  }
  if (auto seg = by_segment_.find(s->second.segment_id()); seg != by_segment_.end()) {
    seg->second.erase(suggestion_id);
  }
  by_id_.erase(s);
}

void SuggestionBook::DropOpen(std::int64_t transcript_id) {
  auto t = by_transcript_.find(transcript_id);
  if (t == by_transcript_.end()) return;
  std::vector<std::int64_t> open;
  for (const std::int64_t id : t->second) {
    if (const v1::Suggestion* s = Find(id); s != nullptr && IsOpen(*s)) open.push_back(id);
  }
  for (const std::int64_t id : open) Forget(id);
}

void SuggestionBook::DropOpenOfSegment(std::int64_t segment_id) {
  std::vector<std::int64_t> open;
  for (const v1::Suggestion* s : OfSegment(segment_id)) open.push_back(s->id());
  for (const std::int64_t id : open) Forget(id);
}

void SuggestionBook::SetListing(std::int64_t transcript_id,
                                const v1::ListSuggestionsResponse& listing) {
  for (const auto& s : listing.suggestions()) Store(s);
  if (listing.has_status()) status_[transcript_id] = listing.status();
}

void SuggestionBook::Upsert(const v1::Suggestion& suggestion) {
  Store(suggestion);
}

void SuggestionBook::Apply(v1::EventKind kind, const v1::SuggestionBatch& batch) {
  if (kind == v1::EVENT_KIND_SUGGESTIONS_RESCORED) DropOpen(batch.transcript_id());
  for (const auto& s : batch.suggestions()) Store(s);
  if (batch.has_status()) status_[batch.transcript_id()] = batch.status();
}

void SuggestionBook::Clear() {
  *this = SuggestionBook();
}

const v1::Suggestion* SuggestionBook::Find(std::int64_t suggestion_id) const {
  auto it = by_id_.find(suggestion_id);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::vector<const v1::Suggestion*> SuggestionBook::Ranked(std::int64_t transcript_id) const {
  std::vector<const v1::Suggestion*> out;
  auto t = by_transcript_.find(transcript_id);
  if (t == by_transcript_.end()) return out;
  for (const std::int64_t id : t->second) {
    const v1::Suggestion* s = Find(id);
    if (s != nullptr && IsOpen(*s)) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), Better);
  return out;
}

std::vector<const v1::Suggestion*> SuggestionBook::OfSegment(std::int64_t segment_id) const {
  std::vector<const v1::Suggestion*> out;
  auto seg = by_segment_.find(segment_id);
  if (seg == by_segment_.end()) return out;
  for (const std::int64_t id : seg->second) {
    const v1::Suggestion* s = Find(id);
    if (s != nullptr && IsOpen(*s)) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const v1::Suggestion* a, const v1::Suggestion* b) {
    return std::tuple(a->start_byte(), a->id()) < std::tuple(b->start_byte(), b->id());
  });
  return out;
}

const v1::ScoringStatus* SuggestionBook::Status(std::int64_t transcript_id) const {
  auto it = status_.find(transcript_id);
  return it == status_.end() ? nullptr : &it->second;
}

const v1::Suggestion* SuggestionBook::Step(std::int64_t transcript_id, std::int64_t suggestion_id,
                                           bool forward) const {
  const auto ranked = Ranked(transcript_id);
  if (ranked.empty()) return nullptr;
  auto at = std::find_if(ranked.begin(), ranked.end(),
                         [&](const v1::Suggestion* s) { return s->id() == suggestion_id; });
  if (at == ranked.end()) return forward ? ranked.front() : ranked.back();
  if (forward) return std::next(at) == ranked.end() ? nullptr : *std::next(at);
  return at == ranked.begin() ? nullptr : *std::prev(at);
}

}  // namespace factdesk::model
