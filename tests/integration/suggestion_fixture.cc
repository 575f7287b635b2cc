#include "tests/integration/suggestion_fixture.h"

#include <thread>

namespace factdesk::testing {

std::int64_t SuggestionTest::CountRows(std::int64_t transcript_id) {
  return std::stoll(server_->QueryValue("SELECT count(*) FROM suggestions WHERE transcript_id = " +
                                        std::to_string(transcript_id)));
}

std::unique_ptr<TestServer> SuggestionTest::server_;
TestUser SuggestionTest::ana_;
TestUser SuggestionTest::eve_;
TestUser SuggestionTest::ben_;
TestUser SuggestionTest::vic_;
TestUser SuggestionTest::out_;
std::int64_t SuggestionTest::ws_ = 0;
v1::Transcript SuggestionTest::seed_;

void ScoringServerOptions(server::ServerOptions& o) {
  o.suggestions.threads = 1;
  o.suggestions.poll = std::chrono::milliseconds(100);
}

void SuggestionTest::SetUpTestSuite() {
  server_ = std::make_unique<TestServer>(ScoringServerOptions);
  const Desk desk = MakeDesk(*server_);
  ana_ = desk.ana;
  eve_ = desk.eve;
  ben_ = desk.ben;
  vic_ = desk.vic;
  out_ = desk.out;
  ws_ = desk.workspace_id;
  seed_ =
      Import("000_964967168d34df55.txt", ReadFile(SharedPath("seeds/000_964967168d34df55.txt")));
  WaitScored(seed_.id());
}

void SuggestionTest::TearDownTestSuite() {
  server_.reset();
}

v1::Transcript SuggestionTest::Import(const std::string& filename, const std::string& content) {
  return ImportAs(*server_, ben_.token, ws_, filename, content);
}

v1::ListSuggestionsResponse SuggestionTest::ListAll(std::int64_t transcript_id,
                                                    const TestUser& as) {
  v1::ListSuggestionsRequest req;
  req.set_transcript_id(transcript_id);
  req.set_top(1000);
  req.set_include_decided(true);
  v1::ListSuggestionsResponse resp;
  const auto status = suggestions()->ListSuggestions(Ctx(as.token).get(), req, &resp);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return resp;
}

v1::ListSuggestionsResponse SuggestionTest::WaitScored(std::int64_t transcript_id, TestServer* on) {
  v1::ListSuggestionsRequest req;
  req.set_transcript_id(transcript_id);
  req.set_top(1000);
  req.set_include_decided(true);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  v1::ListSuggestionsResponse resp;
  while (std::chrono::steady_clock::now() < give_up) {
    resp.Clear();
    const auto status = suggestions(on)->ListSuggestions(Ctx(ben_.token).get(), req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok() || resp.status().state() != v1::SCORING_STATE_PENDING) return resp;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "transcript " << transcript_id
                << " was not scored: " << resp.status().DebugString();
  return resp;
}

v1::Suggestion SuggestionTest::Best(std::int64_t transcript_id, v1::SuggestionKind kind) {
  const v1::ListSuggestionsResponse listed = ListAll(transcript_id);
  for (const auto& s : listed.suggestions()) {
    if (s.kind() == kind && s.state() == v1::SUGGESTION_STATE_OPEN) return s;
  }
  ADD_FAILURE() << "no open suggestion of kind " << v1::SuggestionKind_Name(kind);
  return {};
}

}  // namespace factdesk::testing
