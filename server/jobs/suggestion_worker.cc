#include "server/jobs/suggestion_worker.h"

#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "checkworthy/english_model.h"
#include "checkworthy/language_check.h"
#include "domain/language_guess.h"
#include "domain/language_tag.h"
#include "events/event_kind.h"
#include "server/store/transcript_store.h"

namespace factdesk::jobs {
namespace {

// Segments per transaction: a few hundred sentences, scored in about a millisecond, so
// the workspace's row (taken for the event's seq) is held briefly; and one event each.
constexpr int kChunkSegments = 64;
constexpr std::size_t kReasonsPerSuggestion = 3;

// Qualified in full: clang-format 14 reads a line opening with `import` as a C++20
// module import and mangles what follows.
factdesk::import::SegmentKind ImportKind(v1::SegmentKind kind) {
  if (kind == v1::SEGMENT_KIND_CUE) return import::SegmentKind::kCue;
  if (kind == v1::SEGMENT_KIND_CAPTION) return import::SegmentKind::kCaption;
  return import::SegmentKind::kSpeech;
}

// The speaker the text importer gave unlabelled paragraphs when no host introduced
// themselves, before it left them unattributed; transcripts imported then keep it.
constexpr std::string_view kNarrator = "Narrator";

// Speech with nobody, or the importer's narrator, named is narration. (Narration the
// importer attributed to a host found by name is stored as that host's speech: segments
// do not record which paragraphs carried no label.)
v1::SuggestionKind SuggestionKindOf(const v1::Segment& segment) {
  if (segment.kind() == v1::SEGMENT_KIND_CUE) return v1::SUGGESTION_KIND_CUE;
  if (segment.kind() == v1::SEGMENT_KIND_CAPTION) return v1::SUGGESTION_KIND_CAPTION;
  const bool narration = segment.speaker_id() == 0 || segment.speaker() == kNarrator;
  return narration ? v1::SUGGESTION_KIND_NARRATION : v1::SUGGESTION_KIND_SPEECH;
}

std::vector<store::NewSuggestion> ScoreSegments(const checkworthy::Scorer& scorer,
                                                const std::vector<v1::Segment>& segments) {
  std::vector<store::NewSuggestion> rows;
  for (const v1::Segment& seg : segments) {
    for (auto& s : scorer.ScoreSegment(seg.text(), ImportKind(seg.kind()), kReasonsPerSuggestion)) {
      store::NewSuggestion row{seg.id(), s.span.begin, s.span.end, SuggestionKindOf(seg), s.score,
                               {}};
      for (const auto& r : s.reasons) {
        v1::SuggestionReason reason;
        reason.set_feature(r.feature);
        reason.set_text(r.text);
        reason.set_weight(r.weight);
        row.reasons.push_back(std::move(reason));
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

// The language verdict: the transcript's tag when it says English (given at import, or
// guessed there); otherwise the check over its first segments, which words why, with
// the tag overruling a text that reads as English.
Result<checkworthy::LanguageVerdict> CheckLanguage(store::Tx& tx, std::int64_t transcript_id) {
  FD_ASSIGN_OR_RETURN(const v1::Transcript transcript, store::GetTranscript(tx, transcript_id));
  const std::string& tag = transcript.language();
  if (domain::PrimaryLanguage(tag) == "en") return checkworthy::LanguageVerdict{true, ""};
  FD_ASSIGN_OR_RETURN(const auto sample,
                      store::ListSegments(tx, transcript_id, 0, domain::kLanguageSampleSegments));
  std::vector<std::string_view> texts;
  texts.reserve(sample.size());
  for (const auto& seg : sample) texts.push_back(seg.text());
  checkworthy::LanguageVerdict verdict = checkworthy::CheckEnglish(texts);
  const bool tagged = !tag.empty() && tag != domain::kUndeterminedLanguage;
  if (tagged && verdict.english) verdict = {false, "its language is " + tag};
  return verdict;
}

}  // namespace

Result<v1::SuggestionBatch> ScoreChunk(store::Tx& tx, const checkworthy::Scorer& scorer,
                                       const store::ScoringJob& job) {
  v1::SuggestionBatch batch;
  batch.set_transcript_id(job.transcript_id);
  if (job.next_ordinal == 0) {
    FD_ASSIGN_OR_RETURN(const auto verdict, CheckLanguage(tx, job.transcript_id));
    if (!verdict.english) {
      store::MarkNotEnglish(tx, job.transcript_id, "not in English: " + verdict.why,
                            scorer.version());
      *batch.mutable_status() = store::GetScoringStatus(tx, job.transcript_id);
      return batch;
    }
  }
  FD_ASSIGN_OR_RETURN(const auto segments,
                      store::ListSegments(tx, job.transcript_id, job.next_ordinal, kChunkSegments));
  const bool finished = static_cast<int>(segments.size()) < kChunkSegments;
  const int next = segments.empty() ? job.next_ordinal : segments.back().ordinal() + 1;
  store::AdvanceScoring(tx, job.transcript_id, next, scorer.version(), finished);
  for (auto& s : store::InsertSuggestions(tx, job.workspace_id, job.transcript_id, scorer.version(),
                                          ScoreSegments(scorer, segments))) {
    *batch.add_suggestions() = std::move(s);
  }
  *batch.mutable_status() = store::GetScoringStatus(tx, job.transcript_id);
  return batch;
}

bool MayQueueSuggestionWork(v1::EventKind kind) {
  switch (kind) {
    case v1::EVENT_KIND_TRANSCRIPT_IMPORTED:
    case v1::EVENT_KIND_TRANSCRIPT_OPENED:
    case v1::EVENT_KIND_SEGMENTS_APPENDED:
    case v1::EVENT_KIND_SEGMENT_CORRECTED:
    case v1::EVENT_KIND_SUGGESTIONS_ADDED:
    case v1::EVENT_KIND_SUGGESTIONS_RESCORED:
    // A published claim's change, or a claim leaving or reaching PUBLISHED.
    case v1::EVENT_KIND_CLAIM_UPDATED:
    case v1::EVENT_KIND_CLAIM_REOPENED:
    case v1::EVENT_KIND_CLAIM_PUBLISHED:
    case v1::EVENT_KIND_CLAIM_CORRECTED:
    case v1::EVENT_KIND_CLAIM_REANCHORED:
    case v1::EVENT_KIND_UNSPECIFIED:
      return true;
    case v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED:
    case v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED:
    case v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED:
    case v1::EVENT_KIND_MEMBER_SET:
    case v1::EVENT_KIND_MEMBER_REMOVED:
    case v1::EVENT_KIND_CLAIM_CREATED:
    case v1::EVENT_KIND_CLAIM_ASSIGNED:
    case v1::EVENT_KIND_CLAIM_TAKEN:
    case v1::EVENT_KIND_CLAIM_DISMISSED:
    case v1::EVENT_KIND_SOURCE_ADDED:
    case v1::EVENT_KIND_SOURCE_REMOVED:
    case v1::EVENT_KIND_NOTE_ADDED:
    case v1::EVENT_KIND_NOTE_EDITED:
    case v1::EVENT_KIND_NOTE_REMOVED:
    case v1::EVENT_KIND_REVIEW_SUBMITTED:
    case v1::EVENT_KIND_REVIEW_REVISED:
    case v1::EVENT_KIND_DISPUTE_DECIDED:
    case v1::EVENT_KIND_CLAIM_MATCHED:
    case v1::EVENT_KIND_CLAIM_LINKED:
    case v1::EVENT_KIND_CLAIM_TAGGED:
    case v1::EVENT_KIND_CLAIM_UNTAGGED:
    case v1::EVENT_KIND_SUGGESTION_ACCEPTED:
    case v1::EVENT_KIND_SUGGESTION_DISMISSED:
    case v1::EVENT_KIND_TRANSCRIPT_CLOSED:
    case v1::EVENT_KIND_SUGGESTIONS_MATCHED:
      return false;
    FD_EVENT_KIND_SENTINELS:
      break;
  }
  return true;
}

SuggestionWorker::SuggestionWorker(store::Db& db, ArchiveMatcher& matcher,
                                   SuggestionWorkerOptions options)
    : db_(db),
      matcher_(matcher),
      matching_(options.matching),
      worker_({"suggestions", options.threads, options.poll}, [this] { return Round(); }) {}

RoundResult SuggestionWorker::Round() {
  const Result<bool> scored = ScoreNextChunk();
  if (!scored.ok()) return RoundResult::kFailed;
  if (*scored) return RoundResult::kBusy;
  // Scoring first: a new transcript's suggestions before the matches of older ones.
  const Result<bool> matched = MatchDueSuggestions(db_, matcher_, matching_);
  if (!matched.ok()) {
    spdlog::warn("suggestions: matching failed: {}", matched.status().message());
    return RoundResult::kFailed;
  }
  return *matched ? RoundResult::kBusy : RoundResult::kIdle;
}

Result<bool> SuggestionWorker::ScoreNextChunk() {
  FD_ASSIGN_OR_RETURN(const checkworthy::Scorer* scorer, checkworthy::EnglishScorer());
  bool found = false;
  int added = 0;
  const Status s = db_.Write("ScoreSuggestions", 0, [&](store::Tx& tx) -> Status {
    found = false;
    const auto job = store::ClaimScoringJob(tx);
    if (!job) return Status::Ok();
    found = true;
    // The queue row is locked first, then the workspace's row (RescoreTranscript takes
    // them in the same order).
    FD_RETURN_IF_ERROR(tx.TakeSeq(job->workspace_id).status());
    FD_ASSIGN_OR_RETURN(v1::SuggestionBatch batch, ScoreChunk(tx, *scorer, *job));
    added = batch.suggestions_size();
    v1::Event event;
    event.set_kind(v1::EVENT_KIND_SUGGESTIONS_ADDED);
    *event.mutable_suggestions() = std::move(batch);
    tx.Append(event);
    return Status::Ok();
  });
  if (!s.ok()) {
    spdlog::warn("suggestions: scoring failed: {}", s.message());
    return s;
  }
  if (found) {
    ++counters_.chunks;
    counters_.sentences += added;
  }
  return found;
}

}  // namespace factdesk::jobs
