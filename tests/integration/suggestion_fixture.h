#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "factdesk/v1/suggestion.grpc.pb.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {

// A server that scores (one scoring thread), a workspace "desk" with an admin (ana), an
// editor (eve), a checker (ben), a viewer (vic) and a non-member (out), and the seed
// podcast imported and scored.
class SuggestionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static std::unique_ptr<v1::SuggestionService::Stub> suggestions(TestServer* on = nullptr) {
    return v1::SuggestionService::NewStub((on != nullptr ? on : server_.get())->channel());
  }
  // Imports `content` as `filename` (as ben); the transcript.
  static v1::Transcript Import(const std::string& filename, const std::string& content);
  // The transcript's suggestions in the database, whatever their state.
  static std::int64_t CountRows(std::int64_t transcript_id);
  // The transcript's best 1000 suggestions, open, accepted and dismissed, best first.
  static v1::ListSuggestionsResponse ListAll(std::int64_t transcript_id, const TestUser& as = ben_);
  // Polls (bounded) until the transcript is scored (DONE or NOT_ENGLISH); its listing.
  static v1::ListSuggestionsResponse WaitScored(std::int64_t transcript_id,
                                                TestServer* on = nullptr);
  // The best open suggestion of this kind.
  static v1::Suggestion Best(std::int64_t transcript_id, v1::SuggestionKind kind);

  static std::unique_ptr<TestServer> server_;
  static TestUser ana_, eve_, ben_, vic_, out_;
  static std::int64_t ws_;
  static v1::Transcript seed_;
};

// Options of a scoring server: one thread, polling often.
void ScoringServerOptions(server::ServerOptions& o);

}  // namespace factdesk::testing
