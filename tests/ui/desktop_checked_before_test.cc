// The Suggested tab's "checked before" (issue 15), headless against a real in-process
// server that scores and matches: a sentence an archived check answers shows the check's
// verdict, publisher, claim and url under it; "only checked before" hides the others.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "factdesk/v1/archive.grpc.pb.h"
#include "factdesk/v1/suggestion.grpc.pb.h"
#include "tests/support/test_server.h"
#include "tests/ui/headless_ui.h"

namespace factdesk::testing {
namespace {

constexpr const char* kTranscript =
    "Ana: Unemployment in our city fell by three percent last year, the mayor said.\n\n"
    "Ben: The weather was lovely on Sunday and everybody went down to the beach.\n";
constexpr const char* kCheckUrl = "https://checks.example/city-jobs";
constexpr const char* kCheckClaim =
    "The city's jobless rate dropped three percent in the past year.";

class DesktopCheckedBeforeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>([](server::ServerOptions& o) {
      o.suggestions.threads = 1;
      o.suggestions.poll = std::chrono::milliseconds(100);
      // A two-sentence archive scores far below the threshold measured on a real one
      // (server/jobs/suggestion_matching.h): this test is about what the desktop draws.
      o.suggestions.matching.min_score = 0;
    });
    const Desk desk = MakeDesk(*server_);
    ben_ = desk.ben;
    v1::ImportArchiveRequest req;
    req.set_workspace_id(desk.workspace_id);
    v1::ArchivedCheck* c = req.add_checks();
    c->set_url(kCheckUrl);
    c->set_claim_reviewed(kCheckClaim);
    c->set_rating_name("Mostly false");
    c->set_author_name("River Check");
    v1::ImportArchiveResponse resp;
    const grpc::Status s = v1::ArchiveService::NewStub(server_->channel())
                               ->ImportArchive(Ctx(ben_.token).get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    transcript_ = ImportAs(*server_, ben_.token, desk.workspace_id, "jobs.txt", kTranscript);
  }
  static void TearDownTestSuite() { server_.reset(); }

  // Polls (bounded) until the server has matched the jobs sentence.
  static bool WaitMatched() {
    auto stub = v1::SuggestionService::NewStub(server_->channel());
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < give_up) {
      v1::ListSuggestionsRequest req;
      req.set_transcript_id(transcript_.id());
      v1::ListSuggestionsResponse resp;
      EXPECT_TRUE(stub->ListSuggestions(Ctx(ben_.token).get(), req, &resp).ok());
      for (const auto& s : resp.suggestions()) {
        if (s.matches_size() > 0) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  static std::unique_ptr<TestServer> server_;
  static TestUser ben_;
  static v1::Transcript transcript_;
};

std::unique_ptr<TestServer> DesktopCheckedBeforeTest::server_;
TestUser DesktopCheckedBeforeTest::ben_;
v1::Transcript DesktopCheckedBeforeTest::transcript_;

TEST_F(DesktopCheckedBeforeTest, TheSuggestedTabShowsTheBestEarlierCheckAndFiltersByIt) {
  ASSERT_TRUE(WaitMatched()) << "the server matched no sentence";
  app::Controller::Options o;
  o.channel = server_->channel();
  HeadlessUi ui(o);
  const auto& book = ui.model().suggestions();
  ASSERT_TRUE(ui.ShowTranscript(server_->address(), ben_.token, transcript_.id(), [&] {
    return book.Ranked(transcript_.id()).size() >= 2;
  })) << "the suggestions did not load";

  ui.state().tab = ui::Tab::kSuggested;
  ui.Frame();
  std::string text = ui.FrameText();
  EXPECT_NE(text.find("checked before"), std::string::npos) << text;
  EXPECT_NE(text.find("Mostly false"), std::string::npos) << text;
  // The start of the wrapped line: publisher and claim reviewed.
  EXPECT_NE(text.find("River Check: The city's jobless rate"), std::string::npos) << text;
  EXPECT_NE(text.find(kCheckUrl), std::string::npos) << text;
  EXPECT_NE(text.find("The weather was lovely"), std::string::npos) << text;

  // Only the sentences an earlier check answers.
  const auto filter = ui.state().ControlRect(ui::Control::kOnlyCheckedBefore);
  ASSERT_TRUE(filter.has_value()) << "no \"only checked before\" filter drawn";
  ui.Click(ImVec2((filter->x0 + filter->x1) / 2, (filter->y0 + filter->y1) / 2));
  EXPECT_TRUE(ui.state().only_checked_before);
  ui.Frame();
  text = ui.FrameText();
  EXPECT_NE(text.find("Unemployment in our city"), std::string::npos) << text;
  EXPECT_EQ(text.find("The weather was lovely"), std::string::npos) << text;
}

}  // namespace
}  // namespace factdesk::testing
