#include "client/cli/live_feed.h"

#include <algorithm>

#include <fmt/format.h>

#include "client/cli/segment_text.h"

namespace factdesk::cli {
namespace {

using TS = v1::TranscriptService::Stub;

constexpr std::chrono::milliseconds kStopCheck{50};
// AppendSegments takes 1 to 500 segments a call (transcript.proto).
constexpr std::size_t kMaxAppendBatch = 500;

v1::SegmentInput ToInput(const import::Segment& s) {
  v1::SegmentInput in;
  // Explicit: a speakerless caption is speech, which UNSPECIFIED would make a cue.
  switch (s.kind) {
    case import::SegmentKind::kSpeech:
      in.set_kind(v1::SEGMENT_KIND_SPEECH);
      break;
    case import::SegmentKind::kCue:
      in.set_kind(v1::SEGMENT_KIND_CUE);
      break;
    case import::SegmentKind::kCaption:
      in.set_kind(v1::SEGMENT_KIND_CAPTION);
      break;
  }
  in.set_speaker(s.speaker);
  if (s.start_ms) in.set_start_ms(*s.start_ms);
  if (s.end_ms) in.set_end_ms(*s.end_ms);
  in.set_text(s.text);
  return in;
}

}  // namespace

bool IsOutage(const Status& status) {
  return status.code() == Code::kUnavailable || status.code() == Code::kDeadlineExceeded;
}

void SleepUnlessStopped(std::chrono::milliseconds wait, const std::atomic<bool>& stop) {
  const auto until = std::chrono::steady_clock::now() + wait;
  while (!stop && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min(kStopCheck, wait));
  }
}

Status LiveFeed::Open(const v1::OpenLiveTranscriptRequest& request) {
  FD_ASSIGN_OR_RETURN(transcript_,
                      CallThroughOutages(api_, &TS::OpenLiveTranscript, request, stop_));
  return Status::Ok();
}

Status LiveFeed::Continue(std::int64_t transcript_id) {
  v1::GetTranscriptRequest req;
  req.set_transcript_id(transcript_id);
  FD_ASSIGN_OR_RETURN(transcript_, CallThroughOutages(api_, &TS::GetTranscript, req, stop_));
  return Status::Ok();
}

void LiveFeed::Queue(std::vector<import::Segment> segments, int base) {
  for (import::Segment& s : segments) {
    const int ordinal = base + s.ordinal;
    if (ordinal >= count()) queue_.emplace_back(ordinal, std::move(s));
  }
}

Status LiveFeed::Flush() {
  while (!queue_.empty()) {
    while (!queue_.empty() && queue_.front().first < count()) queue_.pop_front();
    if (queue_.empty()) break;
    if (queue_.front().first != count()) {
      return Status::FailedPrecondition(fmt::format(
          "transcript {} has {} segments, but this feed's next one is segment {}: something "
          "else appended to it",
          transcript_.id(), count(), SegmentNumber(queue_.front().first)));
    }
    v1::AppendSegmentsRequest req;
    req.set_transcript_id(transcript_.id());
    req.set_first_ordinal(count());
    const auto n = std::min<std::size_t>(queue_.size(), kMaxAppendBatch);
    for (std::size_t i = 0; i < n; ++i) *req.add_segments() = ToInput(queue_[i].second);
    auto appended = CallThroughOutages(api_, &TS::AppendSegments, req, stop_);
    if (!appended.ok() && appended.status().code() == Code::kAborted) {
      FD_RETURN_IF_ERROR(Realign(appended.status()));
      continue;
    }
    FD_RETURN_IF_ERROR(appended.status());
    transcript_ = appended->transcript();
    std::cout << fmt::format("sent segments {}-{} to transcript {} ({} in all)\n",
                             req.first_ordinal() + 1, req.first_ordinal() + req.segments_size(),
                             transcript_.id(), count())
              << std::flush;
  }
  return Status::Ok();
}

Status LiveFeed::Realign(const Status& aborted) {
  const int before = count();
  FD_RETURN_IF_ERROR(Continue(transcript_.id()));
  if (count() == before) return aborted;  // not a count this feed can go on from
  std::cout << fmt::format(
                   "transcript {} has {} segments (an append whose answer was lost went "
                   "in): going on from there\n",
                   transcript_.id(), count())
            << std::flush;
  return Status::Ok();
}

Status LiveFeed::Close() {
  v1::CloseTranscriptRequest req;
  req.set_transcript_id(transcript_.id());
  FD_ASSIGN_OR_RETURN(transcript_, CallThroughOutages(api_, &TS::CloseTranscript, req, stop_));
  return Status::Ok();
}

}  // namespace factdesk::cli
