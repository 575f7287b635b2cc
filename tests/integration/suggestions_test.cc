// Suggestions through a real server: scored off the request path after an import and
// arriving on the stream, accepted into claims with the exact span, dismissed for
// everyone (across a restart and a rescore), none for a transcript not in English, and
// the dashboard's counts.
#include <map>

#include "checkworthy/english_model.h"
#include "proto/factdesk/v1/metadata.h"
#include "tests/integration/live_helpers.h"
#include "tests/integration/suggestion_fixture.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

// The scorer the server runs, run here on the same text.
const checkworthy::Scorer& LocalScorer() {
  auto scorer = checkworthy::EnglishScorer();
  EXPECT_TRUE(scorer.ok());
  return **scorer;
}

// Suggestion events about `transcript_id`, in order.
std::vector<v1::Event> SuggestionEvents(const std::vector<v1::Event>& events,
                                        std::int64_t transcript_id, v1::EventKind kind) {
  std::vector<v1::Event> out;
  for (const auto& e : events) {
    if (e.kind() == kind && e.suggestions().transcript_id() == transcript_id) out.push_back(e);
  }
  return out;
}

bool Finished(const v1::Event& e) {
  return e.suggestions().status().state() != v1::SCORING_STATE_PENDING;
}

std::unique_ptr<grpc::ClientContext> KeyedCtx(const std::string& token, const std::string& key) {
  auto ctx = Ctx(token);
  ctx->AddMetadata(v1::kIdempotencyKey, key);
  return ctx;
}

// A short interview in Spanish, as plain text with speaker turns.
const char* kSpanish =
    "Entrevistadora: Buenas noches, ministra. ¿Cuánto bajó el desempleo el año pasado?\n\n"
    "Ministra: El desempleo bajó un dieciocho por ciento, según los datos del gobierno, y "
    "la inflación es la más baja de la región desde hace diez años.\n\n"
    "Entrevistadora: Los datos del banco central muestran otra cosa. ¿Por qué no coinciden?\n\n"
    "Ministra: Porque el banco central cuenta otro periodo y no incluye el empleo informal.\n";

TEST_F(SuggestionTest, SuggestionsFollowAnImportOnTheStreamScoredAsTheOfflineScorerScores) {
  StreamCollector stream(server_->channel(), vic_.token, ws_, 0);
  const v1::Transcript t =
      Import("debate.tsv",
             ReadFile(SharedPath("data/debates/clef2018-task1-english-1st-Presidential.tsv")));
  // The import answered before any of its suggestions existed: they come after its event.
  ASSERT_TRUE(stream.WaitUntil(
      [&] {
        const auto added =
            SuggestionEvents(stream.events(), t.id(), v1::EVENT_KIND_SUGGESTIONS_ADDED);
        return !added.empty() && Finished(added.back());
      },
      120s));
  const auto events = stream.events();
  EXPECT_EQ(CheckGapFree(events), "");
  std::int64_t imported_seq = 0;
  for (const auto& e : events) {
    if (e.kind() == v1::EVENT_KIND_TRANSCRIPT_IMPORTED && e.transcript().id() == t.id()) {
      imported_seq = e.seq();
    }
  }
  const auto added = SuggestionEvents(events, t.id(), v1::EVENT_KIND_SUGGESTIONS_ADDED);
  ASSERT_GT(imported_seq, 0);
  EXPECT_GT(added.front().seq(), imported_seq);
  EXPECT_EQ(added.back().suggestions().status().state(), v1::SCORING_STATE_DONE);
  EXPECT_EQ(added.back().suggestions().status().scored_segments(), t.segment_count());
  EXPECT_FALSE(added.front().has_actor()) << "the scorer is nobody's command";

  // Every sentence of every segment once, with the offline scorer's exact score.
  std::map<std::int64_t, v1::Suggestion> streamed;
  for (const auto& e : added) {
    for (const auto& s : e.suggestions().suggestions()) {
      EXPECT_TRUE(streamed.emplace(s.id(), s).second) << "suggestion " << s.id() << " twice";
    }
  }
  const v1::ListSuggestionsResponse listed = ListAll(t.id());  // the best 1000
  EXPECT_EQ(static_cast<std::int64_t>(streamed.size()), CountRows(t.id()));
  std::map<std::int64_t, v1::Segment> segments;
  v1::ListSegmentsRequest seg_req;
  seg_req.set_transcript_id(t.id());
  seg_req.set_page_size(500);
  for (;;) {
    v1::ListSegmentsResponse page;
    ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(ben_.token).get(), seg_req, &page).ok());
    for (const auto& s : page.segments()) segments[s.id()] = s;
    if (page.next_page_token().empty()) break;
    seg_req.set_page_token(page.next_page_token());
  }
  std::size_t sentences = 0;
  for (const auto& [id, seg] : segments) {
    sentences += LocalScorer().ScoreSegment(seg.text(), import::SegmentKind::kSpeech).size();
  }
  EXPECT_EQ(streamed.size(), sentences);
  for (const auto& [id, s] : streamed) {
    const v1::Segment& seg = segments.at(s.segment_id());
    ASSERT_EQ(s.quote(), seg.text().substr(s.start_byte(), s.end_byte() - s.start_byte()));
    EXPECT_DOUBLE_EQ(s.score(), LocalScorer().Score(s.quote())) << s.quote();
    EXPECT_EQ(s.scorer_version(), LocalScorer().version());
    EXPECT_EQ(s.speaker(), seg.speaker());
  }
  // Best first; the best are the numbers and comparisons a desk would check.
  for (int i = 1; i < listed.suggestions_size(); ++i) {
    EXPECT_GE(listed.suggestions(i - 1).score(), listed.suggestions(i).score());
  }
  ASSERT_FALSE(listed.suggestions(0).reasons().empty());
  EXPECT_FALSE(listed.suggestions(0).reasons(0).text().empty());
}

TEST_F(SuggestionTest, NarrationAndCuesAreScoredButKnowTheirKind) {
  const v1::Transcript t =
      Import("report.txt",
             "Prices in Riverside rose by 40 percent last year, the county's report says.\n\n"
             "Alex Smith: We will cut the sales tax by 10 percent next year.\n\n(APPLAUSE)\n");
  ASSERT_EQ(WaitScored(t.id()).status().state(), v1::SCORING_STATE_DONE);
  std::map<std::string, v1::SuggestionKind> kinds;
  const v1::ListSuggestionsResponse listed = ListAll(t.id());
  for (const auto& s : listed.suggestions()) kinds[s.quote()] = s.kind();
  EXPECT_EQ(kinds.size(), 3U);
  EXPECT_EQ(kinds["Prices in Riverside rose by 40 percent last year, the county's report says."],
            v1::SUGGESTION_KIND_NARRATION);
  EXPECT_EQ(kinds["We will cut the sales tax by 10 percent next year."],
            v1::SUGGESTION_KIND_SPEECH);
  EXPECT_EQ(kinds["(APPLAUSE)"], v1::SUGGESTION_KIND_CUE);
  // The seed podcast's cues are scored too.
  EXPECT_EQ(Best(seed_.id(), v1::SUGGESTION_KIND_CUE).quote().front(), '(');
}

TEST_F(SuggestionTest, AnAcceptedSuggestionBecomesAClaimWithItsExactSpanOnce) {
  const v1::Suggestion s = Best(seed_.id(), v1::SUGGESTION_KIND_SPEECH);
  StreamCollector stream(server_->channel(), vic_.token, ws_, 0);
  v1::AcceptSuggestionRequest req;
  req.set_suggestion_id(s.id());
  v1::AcceptSuggestionResponse first;
  ASSERT_TRUE(
      suggestions()->AcceptSuggestion(KeyedCtx(ben_.token, "accept-1").get(), req, &first).ok());
  const v1::Claim& claim = first.claim();
  EXPECT_EQ(claim.segment_id(), s.segment_id());
  EXPECT_EQ(claim.start_byte(), s.start_byte());
  EXPECT_EQ(claim.end_byte(), s.end_byte());
  EXPECT_EQ(claim.quote(), s.quote());
  // As CreateClaim marks the same range: quote, context, default summary and claimant.
  v1::CreateClaimRequest same;
  same.set_segment_id(s.segment_id());
  same.set_start_byte(s.start_byte());
  same.set_end_byte(s.end_byte());
  v1::Claim created;
  ASSERT_TRUE(server_->claims()->CreateClaim(Ctx(eve_.token).get(), same, &created).ok());
  EXPECT_EQ(claim.summary(), created.summary());
  EXPECT_EQ(claim.claimant(), created.claimant());
  EXPECT_EQ(claim.prefix(), created.prefix());
  EXPECT_EQ(claim.suffix(), created.suffix());
  EXPECT_EQ(claim.status(), v1::CLAIM_STATUS_OPEN);
  EXPECT_EQ(claim.created_by().handle(), "ben");
  EXPECT_EQ(first.suggestion().state(), v1::SUGGESTION_STATE_ACCEPTED);
  EXPECT_EQ(first.suggestion().claim_id(), claim.id());
  EXPECT_EQ(first.suggestion().decided_by().handle(), "ben");

  // A retry with the same key gets the same claim; a new request is refused.
  v1::AcceptSuggestionResponse retried;
  ASSERT_TRUE(
      suggestions()->AcceptSuggestion(KeyedCtx(ben_.token, "accept-1").get(), req, &retried).ok());
  EXPECT_EQ(retried.claim().id(), claim.id());
  v1::AcceptSuggestionResponse again;
  const auto refused = suggestions()->AcceptSuggestion(Ctx(eve_.token).get(), req, &again);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(refused.error_message(),
            "suggestion " + std::to_string(s.id()) + " was accepted by ben (claim " +
                std::to_string(claim.id()) + "); only an open suggestion can be accepted");

  v1::GetClaimRequest get;
  get.set_claim_id(claim.id());
  v1::Claim stored;
  ASSERT_TRUE(server_->claims()->GetClaim(Ctx(vic_.token).get(), get, &stored).ok());
  EXPECT_EQ(stored.quote(), s.quote());
  // The stream says it once, with the claim it became.
  ASSERT_TRUE(stream.WaitUntil(
      [&] {
        return !SuggestionEvents(stream.events(), seed_.id(), v1::EVENT_KIND_SUGGESTION_ACCEPTED)
                    .empty();
      },
      30s));
  const auto accepted =
      SuggestionEvents(stream.events(), seed_.id(), v1::EVENT_KIND_SUGGESTION_ACCEPTED);
  ASSERT_EQ(accepted.size(), 1U);
  EXPECT_EQ(accepted[0].claim_id(), claim.id());
  EXPECT_EQ(accepted[0].claim().quote(), s.quote());
  EXPECT_EQ(accepted[0].actor().handle(), "ben");
}

TEST_F(SuggestionTest, ACueCannotBecomeAClaimAndNothingIsWritten) {
  const v1::Suggestion cue = Best(seed_.id(), v1::SUGGESTION_KIND_CUE);
  const auto before = server_->Snapshot();
  v1::AcceptSuggestionRequest req;
  req.set_suggestion_id(cue.id());
  v1::AcceptSuggestionResponse resp;
  const auto status = suggestions()->AcceptSuggestion(Ctx(ben_.token).get(), req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("only speech can carry claims"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(server_->Snapshot(), before);
}

// The restart leaves the suite a server on the same database, as later tests expect.
TEST_F(SuggestionTest, DismissedStaysDismissedForEveryoneAcrossARestartAndARescore) {
  const v1::Transcript t =
      Import("debate2.tsv",
             ReadFile(SharedPath("data/debates/clef2018-task1-english-2nd-Presidential.tsv")));
  const auto scored = WaitScored(t.id());
  ASSERT_EQ(scored.status().state(), v1::SCORING_STATE_DONE);
  const v1::Suggestion best = scored.suggestions(0);
  const std::int64_t rows = CountRows(t.id());
  v1::DismissSuggestionRequest req;
  req.set_suggestion_id(best.id());
  req.set_reason("  A question to the moderator, not a claim.\n");
  v1::Suggestion dismissed;
  ASSERT_TRUE(suggestions()->DismissSuggestion(Ctx(ben_.token).get(), req, &dismissed).ok());
  EXPECT_EQ(dismissed.state(), v1::SUGGESTION_STATE_DISMISSED);
  EXPECT_EQ(dismissed.reason(), "A question to the moderator, not a claim.");
  EXPECT_EQ(dismissed.decided_by().handle(), "ben");

  auto open_ids = [&](const TestUser& as) {
    v1::ListSuggestionsRequest list;
    list.set_transcript_id(t.id());
    list.set_top(1000);
    v1::ListSuggestionsResponse resp;
    EXPECT_TRUE(suggestions()->ListSuggestions(Ctx(as.token).get(), list, &resp).ok());
    std::set<std::int64_t> ids;
    for (const auto& s : resp.suggestions()) ids.insert(s.id());
    return ids;
  };
  EXPECT_EQ(open_ids(vic_).count(best.id()), 0U) << "hidden for other users";
  EXPECT_EQ(open_ids(eve_).count(best.id()), 0U);

  // A restart: another server process-alike on the same database.
  const std::string url = server_->database_url();
  server_.reset();
  server_ = std::make_unique<TestServer>(url, ScoringServerOptions);
  EXPECT_EQ(open_ids(vic_).count(best.id()), 0U) << "hidden after a restart";

  // A rescore drops the open ones and scores again; the dismissed one stays as it was.
  v1::RescoreTranscriptRequest rescore;
  rescore.set_transcript_id(t.id());
  v1::ScoringStatus status;
  ASSERT_TRUE(suggestions()->RescoreTranscript(Ctx(eve_.token).get(), rescore, &status).ok());
  EXPECT_EQ(status.state(), v1::SCORING_STATE_PENDING);
  const auto rescored = WaitScored(t.id());
  ASSERT_EQ(rescored.status().state(), v1::SCORING_STATE_DONE);
  EXPECT_EQ(CountRows(t.id()), rows);
  int dismissed_rows = 0;
  for (const auto& s : rescored.suggestions()) {
    if (s.start_byte() == best.start_byte() && s.segment_id() == best.segment_id()) {
      ++dismissed_rows;
      EXPECT_EQ(s.id(), best.id());
      EXPECT_EQ(s.state(), v1::SUGGESTION_STATE_DISMISSED);
      EXPECT_EQ(s.reason(), "A question to the moderator, not a claim.");
    }
  }
  EXPECT_EQ(dismissed_rows, 1);
  EXPECT_EQ(open_ids(vic_).count(best.id()), 0U);
}

TEST_F(SuggestionTest, TheLanguageGivenAtImportDecidesWhetherTheEnglishScorerRuns) {
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws_);
  req.set_filename("hearing.txt");
  req.set_content(
      "Ana Moreno: Unemployment fell by 18 percent last year, the lowest in a "
      "decade.\n\nBen Okafor: The central bank's figures say it rose.\n");
  req.set_language("de");  // wrongly, but the desk's word wins over the text's
  v1::ImportTranscriptResponse resp;
  ASSERT_TRUE(server_->transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &resp).ok());
  const auto listed = WaitScored(resp.transcript().id());
  EXPECT_EQ(listed.status().state(), v1::SCORING_STATE_NOT_ENGLISH);
  EXPECT_EQ(listed.status().note(), "not in English: its language is de");
  EXPECT_EQ(listed.suggestions_size(), 0);
}

TEST_F(SuggestionTest, ATranscriptNotInEnglishGetsNoSuggestionsAndTheListSaysWhy) {
  StreamCollector stream(server_->channel(), vic_.token, ws_, 0);
  const v1::Transcript t = Import("entrevista.txt", kSpanish);
  const auto listed = WaitScored(t.id());
  EXPECT_EQ(listed.status().state(), v1::SCORING_STATE_NOT_ENGLISH);
  EXPECT_EQ(listed.suggestions_size(), 0);
  EXPECT_NE(listed.status().note().find("not in English"), std::string::npos)
      << listed.status().note();
  EXPECT_NE(listed.status().note().find("common English words"), std::string::npos)
      << listed.status().note();
  EXPECT_EQ(server_->QueryValue("SELECT count(*) FROM suggestions WHERE transcript_id = " +
                                std::to_string(t.id())),
            "0");
  // The stream says so too.
  ASSERT_TRUE(stream.WaitUntil(
      [&] {
        const auto added =
            SuggestionEvents(stream.events(), t.id(), v1::EVENT_KIND_SUGGESTIONS_ADDED);
        return !added.empty() && Finished(added.back());
      },
      60s));
  const auto added = SuggestionEvents(stream.events(), t.id(), v1::EVENT_KIND_SUGGESTIONS_ADDED);
  ASSERT_EQ(added.size(), 1U);
  EXPECT_EQ(added[0].suggestions().status().state(), v1::SCORING_STATE_NOT_ENGLISH);
  EXPECT_EQ(added[0].suggestions().suggestions_size(), 0);
}

TEST_F(SuggestionTest, TheDashboardCountsWhatBecameOfSuggestionsAndWhereTheScorerMissed) {
  const v1::Transcript t = Import(
      "vp.tsv", ReadFile(SharedPath("data/debates/clef2018-task1-english-Vice-Presidential.tsv")));
  const auto scored = WaitScored(t.id());
  ASSERT_GT(scored.suggestions_size(), 20);
  v1::AcceptSuggestionRequest accept;
  v1::AcceptSuggestionResponse accepted;
  v1::DismissSuggestionRequest dismiss;
  v1::Suggestion dismissed;
  int taken = 0;
  for (const auto& s : scored.suggestions()) {
    if (s.kind() != v1::SUGGESTION_KIND_SPEECH) continue;
    if (taken == 0) {
      accept.set_suggestion_id(s.id());
      ASSERT_TRUE(suggestions()->AcceptSuggestion(Ctx(ben_.token).get(), accept, &accepted).ok());
    } else {
      dismiss.set_suggestion_id(s.id());
      dismiss.set_reason("opinion");
      ASSERT_TRUE(
          suggestions()->DismissSuggestion(Ctx(ben_.token).get(), dismiss, &dismissed).ok());
    }
    if (++taken == 3) break;
  }
  // A claim marked by hand on a sentence far down the ranking (the last of the best 1000
  // of about 1,400): a miss.
  v1::Suggestion low;
  for (const auto& s : scored.suggestions()) {
    if (s.kind() == v1::SUGGESTION_KIND_SPEECH) low = s;
  }
  v1::CreateClaimRequest mark;
  mark.set_segment_id(low.segment_id());
  mark.set_start_byte(low.start_byte());
  mark.set_end_byte(low.end_byte());
  v1::Claim missed;
  ASSERT_TRUE(server_->claims()->CreateClaim(Ctx(ben_.token).get(), mark, &missed).ok());

  v1::GetDashboardRequest req;
  req.set_workspace_id(ws_);
  req.set_transcript_id(t.id());
  v1::Dashboard d;
  ASSERT_TRUE(server_->dashboards()->GetDashboard(Ctx(vic_.token).get(), req, &d).ok());
  EXPECT_EQ(d.suggestions().accepted(), 1);
  EXPECT_EQ(d.suggestions().dismissed(), 2);
  EXPECT_EQ(d.suggestions().open(), CountRows(t.id()) - 3);
  EXPECT_EQ(d.suggestions().claims_ranked_low(), 1);
  ASSERT_EQ(d.suggestions().claims_ranked_low_ids_size(), 1);
  EXPECT_EQ(d.suggestions().claims_ranked_low_ids(0), missed.id());
}

}  // namespace
}  // namespace factdesk::testing
