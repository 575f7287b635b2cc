// The model's suggestions: the listing and the suggestion.* events in any order, ranking,
// per-segment lookups for the underline, walking them, and the scorer's status.

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "client/model/workspace_model.h"
#include "tests/unit/model/model_fixtures.h"

namespace factdesk::model {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

constexpr std::int64_t kTranscript = 10;

v1::Suggestion MakeSuggestion(std::int64_t id, double score, std::int32_t ordinal,
                              std::int32_t start) {
  v1::Suggestion s;
  s.set_id(id);
  s.set_workspace_id(kWorkspace);
  s.set_transcript_id(kTranscript);
  s.set_segment_id(kTranscript * 1000 + ordinal);
  s.set_segment_ordinal(ordinal);
  s.set_start_byte(start);
  s.set_end_byte(start + 20);
  s.set_score(score);
  s.set_state(v1::SUGGESTION_STATE_OPEN);
  s.set_kind(v1::SUGGESTION_KIND_SPEECH);
  auto* reason = s.add_reasons();
  reason->set_feature("cue:percentage");
  reason->set_text("a percentage");
  reason->set_weight(1.2);
  return s;
}

v1::ScoringStatus Status(v1::ScoringState state, const std::string& note = "") {
  v1::ScoringStatus st;
  st.set_transcript_id(kTranscript);
  st.set_state(state);
  st.set_note(note);
  return st;
}

v1::Event SuggestionEvent(std::int64_t seq, std::string_view kind,
                          const std::vector<v1::Suggestion>& suggestions,
                          std::optional<v1::ScoringStatus> status = std::nullopt) {
  v1::Event e = MakeEvent(seq, kind);
  e.mutable_suggestions()->set_transcript_id(kTranscript);
  for (const auto& s : suggestions) *e.mutable_suggestions()->add_suggestions() = s;
  if (status) *e.mutable_suggestions()->mutable_status() = *status;
  return e;
}

std::vector<std::int64_t> Ids(const std::vector<const v1::Suggestion*>& list) {
  std::vector<std::int64_t> ids;
  for (const auto* s : list) ids.push_back(s->id());
  return ids;
}

TEST(ModelSuggestions, AddedEventsRankBestFirstAndUnderlineBySegment) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  ASSERT_TRUE(
      model
          .Apply(SuggestionEvent(1, "suggestion.added",
                                 {MakeSuggestion(1, 0.2, 0, 0), MakeSuggestion(2, 0.9, 0, 30),
                                  MakeSuggestion(3, 0.5, 1, 0)},
                                 Status(v1::SCORING_STATE_PENDING)))
          .applied());
  EXPECT_EQ(Ids(model.suggestions().Ranked(kTranscript)), (std::vector<std::int64_t>{2, 3, 1}));
  EXPECT_EQ(Ids(model.suggestions().OfSegment(kTranscript * 1000)),
            (std::vector<std::int64_t>{1, 2}));
  ASSERT_NE(model.suggestions().Status(kTranscript), nullptr);
  EXPECT_EQ(model.suggestions().Status(kTranscript)->state(), v1::SCORING_STATE_PENDING);
  // The scorer's progress is not a change anyone has to catch up on.
  EXPECT_EQ(model.UnseenChanges(), 0);
}

TEST(ModelSuggestions, AcceptedAndDismissedLeaveTheQueueAndAnOlderListingDoesNotBringThemBack) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  v1::ListSuggestionsResponse listing;
  *listing.add_suggestions() = MakeSuggestion(1, 0.8, 0, 0);
  *listing.add_suggestions() = MakeSuggestion(2, 0.7, 1, 0);
  *listing.add_suggestions() = MakeSuggestion(3, 0.6, 2, 0);
  *listing.mutable_status() = Status(v1::SCORING_STATE_DONE);

  v1::Suggestion accepted = MakeSuggestion(1, 0.8, 0, 0);
  accepted.set_state(v1::SUGGESTION_STATE_ACCEPTED);
  accepted.set_claim_id(900);
  v1::Event accept = SuggestionEvent(1, "suggestion.accepted", {accepted});
  *accept.mutable_claim() = MakeClaim(900, 1, 0, 0);
  const ApplyResult r = model.Apply(accept);
  ASSERT_TRUE(r.applied());
  // Accepting marks the claim: it is in the model as one created.
  ASSERT_NE(model.FindClaim(900), nullptr);
  EXPECT_EQ(r.change->subject, Change::Subject::kClaim);
  v1::Suggestion dismissed = MakeSuggestion(2, 0.7, 1, 0);
  dismissed.set_state(v1::SUGGESTION_STATE_DISMISSED);
  dismissed.set_reason("an opinion");
  ASSERT_TRUE(model.Apply(SuggestionEvent(2, "suggestion.dismissed", {dismissed})).applied());

  // The listing was read before both decisions and arrives after them.
  model.SetSuggestions(kTranscript, listing);
  EXPECT_EQ(Ids(model.suggestions().Ranked(kTranscript)), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(model.suggestions().OfSegment(kTranscript * 1000).empty());
  EXPECT_EQ(model.suggestions().Find(2)->reason(), "an opinion");
  EXPECT_EQ(model.suggestions().Status(kTranscript)->state(), v1::SCORING_STATE_DONE);
}

TEST(ModelSuggestions, ARescoreDropsTheOpenOnesAndKeepsTheDecided) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  v1::Suggestion accepted = MakeSuggestion(1, 0.8, 0, 0);
  accepted.set_state(v1::SUGGESTION_STATE_ACCEPTED);
  ASSERT_TRUE(
      model.Apply(SuggestionEvent(1, "suggestion.added", {accepted, MakeSuggestion(2, 0.7, 1, 0)}))
          .applied());
  ASSERT_TRUE(
      model.Apply(SuggestionEvent(2, "suggestion.rescored", {}, Status(v1::SCORING_STATE_PENDING)))
          .applied());
  EXPECT_TRUE(model.suggestions().Ranked(kTranscript).empty());
  EXPECT_EQ(model.suggestions().Find(2), nullptr);
  ASSERT_NE(model.suggestions().Find(1), nullptr);
  ASSERT_TRUE(model.Apply(SuggestionEvent(3, "suggestion.added", {MakeSuggestion(4, 0.75, 1, 0)}))
                  .applied());
  EXPECT_EQ(Ids(model.suggestions().Ranked(kTranscript)), (std::vector<std::int64_t>{4}));
}

TEST(ModelSuggestions, ACorrectedSegmentLosesItsOpenSuggestions) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  v1::Suggestion dismissed = MakeSuggestion(1, 0.8, 0, 0);
  dismissed.set_state(v1::SUGGESTION_STATE_DISMISSED);
  ASSERT_TRUE(model
                  .Apply(SuggestionEvent(
                      1, "suggestion.added",
                      {dismissed, MakeSuggestion(2, 0.7, 0, 30), MakeSuggestion(3, 0.6, 1, 0)}))
                  .applied());
  v1::Event corrected = MakeEvent(2, "segment.corrected");
  v1::Segment seg;
  seg.set_id(kTranscript * 1000);
  seg.set_transcript_id(kTranscript);
  seg.set_ordinal(0);
  seg.set_text("The corrected text.");
  seg.set_revision(1);
  *corrected.add_segments() = seg;
  corrected.mutable_correction()->set_segment_id(seg.id());
  corrected.mutable_correction()->set_revision(1);
  ASSERT_TRUE(model.Apply(corrected).applied());
  // The open one pointed into the old text; the decided one and the other segment's stay.
  EXPECT_EQ(model.suggestions().Find(2), nullptr);
  EXPECT_NE(model.suggestions().Find(1), nullptr);
  EXPECT_EQ(Ids(model.suggestions().Ranked(kTranscript)), (std::vector<std::int64_t>{3}));
}

TEST(ModelSuggestions, WalkingGoesInRankOrderAndStopsAtTheEnds) {
  SuggestionBook book;
  v1::SuggestionBatch batch;
  batch.set_transcript_id(kTranscript);
  *batch.add_suggestions() = MakeSuggestion(1, 0.3, 0, 0);
  *batch.add_suggestions() = MakeSuggestion(2, 0.9, 5, 0);
  *batch.add_suggestions() = MakeSuggestion(3, 0.6, 2, 0);
  book.Apply(v1::EVENT_KIND_SUGGESTIONS_ADDED, batch);
  // From none: the best going forward, the worst going back.
  EXPECT_EQ(book.Step(kTranscript, 0, true)->id(), 2);
  EXPECT_EQ(book.Step(kTranscript, 0, false)->id(), 1);
  EXPECT_EQ(book.Step(kTranscript, 2, true)->id(), 3);
  EXPECT_EQ(book.Step(kTranscript, 3, true)->id(), 1);
  EXPECT_EQ(book.Step(kTranscript, 1, true), nullptr);
  EXPECT_EQ(book.Step(kTranscript, 2, false), nullptr);
  EXPECT_EQ(book.Step(99, 0, true), nullptr);
}

TEST(ModelSuggestions, ANonEnglishTranscriptHasTheScorersNoteAndNoQueue) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  ASSERT_TRUE(model
                  .Apply(SuggestionEvent(
                      1, "suggestion.added", {},
                      Status(v1::SCORING_STATE_NOT_ENGLISH, "the transcript is not in English")))
                  .applied());
  EXPECT_TRUE(model.suggestions().Ranked(kTranscript).empty());
  ASSERT_NE(model.suggestions().Status(kTranscript), nullptr);
  EXPECT_EQ(model.suggestions().Status(kTranscript)->note(), "the transcript is not in English");
}

v1::CheckMatch Match(std::int64_t check_id, const std::string& url) {
  v1::CheckMatch m;
  m.set_source("archive");
  m.mutable_check()->set_id(check_id);
  m.mutable_check()->set_url(url);
  m.set_score(14.2);
  return m;
}

TEST(ModelSuggestions, MatchesArriveOnALaterEventAndAnAcceptedOneGivesTheClaimItsMatches) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  ASSERT_TRUE(model
                  .Apply(SuggestionEvent(1, "suggestion.added", {MakeSuggestion(1, 0.8, 0, 0)},
                                         Status(v1::SCORING_STATE_DONE)))
                  .applied());
  // The server matched it later: the same suggestion again, with its matches.
  v1::Suggestion matched = MakeSuggestion(1, 0.8, 0, 0);
  *matched.add_matches() = Match(55, "https://checks.example/a");
  ASSERT_TRUE(model.Apply(SuggestionEvent(2, "suggestion.matched", {matched})).applied());
  ASSERT_EQ(model.suggestions().Ranked(kTranscript).size(), 1u);
  ASSERT_EQ(model.suggestions().Find(1)->matches_size(), 1);

  v1::Suggestion accepted = matched;
  accepted.set_state(v1::SUGGESTION_STATE_ACCEPTED);
  accepted.set_claim_id(900);
  v1::Event accept = SuggestionEvent(3, "suggestion.accepted", {accepted});
  *accept.mutable_claim() = MakeClaim(900, 1, 0, 0);
  ASSERT_TRUE(model.Apply(accept).applied());
  const v1::ListClaimMatchesResponse* shown = model.MatchesOf(900);
  ASSERT_NE(shown, nullptr) << "the inspector would wait for the claim's own matching";
  EXPECT_TRUE(shown->matched());
  ASSERT_EQ(shown->matches_size(), 1);
  EXPECT_EQ(shown->matches(0).check().id(), 55);
}

}  // namespace
}  // namespace factdesk::model
