// Bad input to SuggestionService: the exact code, a message naming the problem, and
// nothing written.
#include <cmath>
#include <limits>

#include "tests/integration/api_fixture.h"
#include "tests/integration/suggestion_fixture.h"

namespace factdesk::testing {
namespace {

class SuggestionRefusalTest : public SuggestionTest {
 protected:
  grpc::Status List(const TestUser& as, std::int64_t transcript_id, int top = 0,
                    double min_score = 0) {
    v1::ListSuggestionsRequest req;
    req.set_transcript_id(transcript_id);
    req.set_top(top);
    req.set_min_score(min_score);
    v1::ListSuggestionsResponse resp;
    return suggestions()->ListSuggestions(Ctx(as.token).get(), req, &resp);
  }
  grpc::Status Accept(const TestUser& as, std::int64_t id, const std::string& summary = "") {
    v1::AcceptSuggestionRequest req;
    req.set_suggestion_id(id);
    req.set_summary(summary);
    v1::AcceptSuggestionResponse resp;
    return suggestions()->AcceptSuggestion(Ctx(as.token).get(), req, &resp);
  }
  grpc::Status Dismiss(const TestUser& as, std::int64_t id, const std::string& reason) {
    v1::DismissSuggestionRequest req;
    req.set_suggestion_id(id);
    req.set_reason(reason);
    v1::Suggestion resp;
    return suggestions()->DismissSuggestion(Ctx(as.token).get(), req, &resp);
  }
  grpc::Status Rescore(const TestUser& as, std::int64_t transcript_id) {
    v1::RescoreTranscriptRequest req;
    req.set_transcript_id(transcript_id);
    v1::ScoringStatus resp;
    return suggestions()->RescoreTranscript(Ctx(as.token).get(), req, &resp);
  }
};

TEST_F(SuggestionRefusalTest, AListingNamesTheBadField) {
  EXPECT_REFUSED(List(ben_, 0), grpc::StatusCode::INVALID_ARGUMENT, "transcript_id");
  EXPECT_REFUSED(List(ben_, seed_.id(), -1), grpc::StatusCode::INVALID_ARGUMENT,
                 "top: must be 0 to 1000 (got -1)");
  EXPECT_REFUSED(List(ben_, seed_.id(), 1001), grpc::StatusCode::INVALID_ARGUMENT,
                 "top: must be 0 to 1000 (got 1001)");
  EXPECT_REFUSED(List(ben_, seed_.id(), 10, 1.5), grpc::StatusCode::INVALID_ARGUMENT,
                 "min_score: must be 0 to 1");
  EXPECT_REFUSED(List(ben_, seed_.id(), 10, std::numeric_limits<double>::quiet_NaN()),
                 grpc::StatusCode::INVALID_ARGUMENT, "min_score");
  EXPECT_REFUSED(List(ben_, 987654), grpc::StatusCode::NOT_FOUND, "987654");
  EXPECT_REFUSED(List(out_, seed_.id()), grpc::StatusCode::PERMISSION_DENIED, "");
  EXPECT_EQ(List(ben_, seed_.id(), 1000, 1.0).error_code(), grpc::StatusCode::OK);
}

TEST_F(SuggestionRefusalTest, ChangesThatAreRefusedWriteNothing) {
  const v1::Suggestion s = Best(seed_.id(), v1::SUGGESTION_KIND_SPEECH);
  const auto before = server_->Snapshot();
  EXPECT_REFUSED(Accept(ben_, 0), grpc::StatusCode::INVALID_ARGUMENT, "suggestion_id");
  EXPECT_REFUSED(Accept(ben_, 987654), grpc::StatusCode::NOT_FOUND,
                 "there is no suggestion 987654");
  EXPECT_REFUSED(Accept(vic_, s.id()), grpc::StatusCode::PERMISSION_DENIED,
                 "a viewer may not mark a claim");
  EXPECT_REFUSED(Accept(out_, s.id()), grpc::StatusCode::PERMISSION_DENIED, "");
  EXPECT_REFUSED(Accept(ben_, s.id(), "a bell \a in it"), grpc::StatusCode::INVALID_ARGUMENT,
                 "summary: must not contain control characters");
  EXPECT_REFUSED(Accept(ben_, s.id(), "   "), grpc::StatusCode::INVALID_ARGUMENT,
                 "summary: must not be empty");
  EXPECT_REFUSED(Dismiss(ben_, s.id(), ""), grpc::StatusCode::INVALID_ARGUMENT,
                 "reason: must not be empty");
  EXPECT_REFUSED(Dismiss(ben_, s.id(), std::string(2001, 'x')), grpc::StatusCode::INVALID_ARGUMENT,
                 "reason: must be at most 2000 characters");
  EXPECT_REFUSED(Dismiss(vic_, s.id(), "opinion"), grpc::StatusCode::PERMISSION_DENIED,
                 "a viewer may not dismiss a suggestion");
  EXPECT_REFUSED(Dismiss(ben_, -3, "opinion"), grpc::StatusCode::INVALID_ARGUMENT, "suggestion_id");
  EXPECT_REFUSED(Rescore(ben_, seed_.id()), grpc::StatusCode::PERMISSION_DENIED,
                 "a checker may not rescore a transcript; it needs the editor role");
  EXPECT_REFUSED(Rescore(eve_, 0), grpc::StatusCode::INVALID_ARGUMENT, "transcript_id");
  EXPECT_REFUSED(Rescore(eve_, 987654), grpc::StatusCode::NOT_FOUND, "987654");
  EXPECT_REFUSED(Rescore(out_, seed_.id()), grpc::StatusCode::PERMISSION_DENIED, "");
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(SuggestionRefusalTest, ADismissedSuggestionCannotBeAcceptedOrDismissedAgain) {
  const v1::Suggestion s = Best(seed_.id(), v1::SUGGESTION_KIND_SPEECH);
  ASSERT_TRUE(Dismiss(ben_, s.id(), "a prediction").ok());
  const auto before = server_->Snapshot();
  EXPECT_REFUSED(Accept(eve_, s.id()), grpc::StatusCode::FAILED_PRECONDITION,
                 "was dismissed by ben: a prediction; only an open suggestion can be accepted");
  EXPECT_REFUSED(Dismiss(eve_, s.id(), "again"), grpc::StatusCode::FAILED_PRECONDITION,
                 "only an open suggestion can be dismissed");
  EXPECT_EQ(server_->Snapshot(), before);
}

}  // namespace
}  // namespace factdesk::testing
