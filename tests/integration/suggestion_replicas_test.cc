// Two replicas scoring one database: each chunk of a transcript is scored by one of
// them, once (the queue row is claimed FOR UPDATE SKIP LOCKED and moved on in the same
// transaction as the suggestions it wrote).
#include <set>

#include "tests/integration/live_helpers.h"
#include "tests/integration/suggestion_fixture.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

TEST_F(SuggestionTest, TwoReplicasScoreEachChunkOnceBetweenThem) {
  TestServer second(*server_, [](server::ServerOptions& o) {
    ScoringServerOptions(o);
    o.suggestions.threads = 2;
  });
  StreamCollector stream(second.channel(), vic_.token, ws_, 0);
  std::vector<v1::Transcript> imported;
  for (const char* name : {"clef2018-task1-english-1st-Presidential.tsv",
                           "clef2018-task1-english-Vice-Presidential.tsv"}) {
    imported.push_back(Import(name, ReadFile(SharedPath(std::string("data/debates/") + name))));
  }
  for (const auto& t : imported) {
    ASSERT_EQ(WaitScored(t.id(), &second).status().state(), v1::SCORING_STATE_DONE);
  }
  ASSERT_TRUE(stream.WaitUntil(
      [&] {
        int finished = 0;
        for (const auto& e : stream.events()) {
          if (e.kind() == v1::EVENT_KIND_SUGGESTIONS_ADDED &&
              e.suggestions().status().state() == v1::SCORING_STATE_DONE) {
            for (const auto& t : imported) finished += e.suggestions().transcript_id() == t.id();
          }
        }
        return finished == static_cast<int>(imported.size());
      },
      60s));
  EXPECT_EQ(CheckGapFree(stream.events()), "");
  for (const auto& t : imported) {
    // 64 segments a chunk: exactly as many chunk events as that takes, no repeat.
    int chunks = 0;
    std::set<std::int64_t> ids;
    for (const auto& e : stream.events()) {
      if (e.kind() != v1::EVENT_KIND_SUGGESTIONS_ADDED || e.suggestions().transcript_id() != t.id())
        continue;
      ++chunks;
      for (const auto& s : e.suggestions().suggestions()) {
        EXPECT_TRUE(ids.insert(s.id()).second) << "suggestion " << s.id() << " twice";
      }
    }
    EXPECT_EQ(chunks, t.segment_count() / 64 + 1) << t.title();
    EXPECT_EQ(static_cast<std::int64_t>(ids.size()), CountRows(t.id()));
  }
}

}  // namespace
}  // namespace factdesk::testing
