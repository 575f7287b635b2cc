// "Checked before?" for suggestions through a real server that scores and matches: an
// archived check worded differently from a sentence of the seed podcast comes back in
// that sentence's matches (a viewer reads them) and in a suggestion.matched event; a check
// imported after scoring is matched in the background; another workspace's archive never
// leaks in; accepting the suggestion gives the new claim its matches at once.
#include <chrono>
#include <fstream>
#include <optional>
#include <thread>

#include "factdesk/v1/archive.grpc.pb.h"
#include "tests/integration/live_helpers.h"
#include "tests/integration/suggestion_fixture.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto kMatchWait = 90s;  // a bound for a stuck worker, not a timing assertion
// Snopes checks of ../shared/data/claim-retrieval-2020 imported beside the test's own, so
// the archive scores as a real one does (the threshold was measured on 10,375 of them).
constexpr int kBackgroundChecks = 3000;

// The seed podcast's sentences, and checks of them worded differently.
constexpr const char* kChinaSentence = "a Chinese law, passed in 2017";
constexpr const char* kChinaUrl = "https://checks.example/china-intelligence-law";
constexpr const char* kChinaClaim =
    "A 2017 Chinese law obliges companies and citizens to assist the country's intelligence "
    "agencies whenever asked.";
constexpr const char* kHuaweiSentence = "told US companies to avoid Huawei equipment";
constexpr const char* kHuaweiUrl = "https://checks.example/huawei-warning";
constexpr const char* kHuaweiClaim =
    "Since 2012 Washington has warned American companies against Huawei equipment, citing "
    "security concerns.";
constexpr const char* kLemonUrl = "https://checks.example/lemon";
// The other workspace's check: the China sentence nearly word for word.
constexpr const char* kOtherUrl = "https://other.example/china-law";

class SuggestionMatchesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // No claim matching: an accepted claim's matches are then only those it carried.
    server_ = std::make_unique<TestServer>([](server::ServerOptions& o) {
      ScoringServerOptions(o);
      o.claim_matches.threads = 0;
    });
    desk_ = MakeDesk(*server_);
    other_ = server_->CreateWorkspace("other", desk_.out);
    ImportBackground(desk_.workspace_id);
    Import(desk_.ben, desk_.workspace_id,
           {Check(kChinaUrl, kChinaClaim, "Mostly true"),
            Check(kLemonUrl,
                  "Drinking hot water with lemon cures the "
                  "coronavirus.",
                  "False")});
    Import(desk_.out, other_,
           {Check(kOtherUrl,
                  "Chinese law passed in 2017 says Chinese citizens and organizations including "
                  "companies must help Chinese intelligence organs if they ask.",
                  "True")});
    seed_ = ImportAs(*server_, desk_.ben.token, desk_.workspace_id, "000_964967168d34df55.txt",
                     ReadFile(SharedPath("seeds/000_964967168d34df55.txt")));
  }
  static void TearDownTestSuite() { server_.reset(); }

  static v1::ArchivedCheck Check(const std::string& url, const std::string& claim,
                                 const std::string& verdict) {
    v1::ArchivedCheck c;
    c.set_url(url);
    c.set_claim_reviewed(claim);
    c.set_rating_name(verdict);
    c.set_author_name("River Check");
    return c;
  }

  static void Import(const TestUser& as, std::int64_t ws,
                     const std::vector<v1::ArchivedCheck>& in) {
    v1::ImportArchiveRequest req;
    req.set_workspace_id(ws);
    for (const auto& c : in) *req.add_checks() = c;
    v1::ImportArchiveResponse resp;
    const grpc::Status s = v1::ArchiveService::NewStub(server_->channel())
                               ->ImportArchive(Ctx(as.token).get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // The first kBackgroundChecks verified claims (id, claim, title), in batches.
  static void ImportBackground(std::int64_t ws) {
    std::ifstream in(SharedPath("data/claim-retrieval-2020/verified_claims.docs.tsv"));
    std::string line;
    std::getline(in, line);  // the header
    std::vector<v1::ArchivedCheck> batch;
    for (int n = 0; n < kBackgroundChecks && std::getline(in, line); ++n) {
      const auto tab1 = line.find('\t');
      const auto tab2 = line.find('\t', tab1 + 1);
      if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
      v1::ArchivedCheck c = Check("https://checks.example/snopes/" + line.substr(0, tab1),
                                  line.substr(tab1 + 1, tab2 - tab1 - 1), "");
      c.set_headline(line.substr(tab2 + 1));
      c.set_author_name("Snopes");
      batch.push_back(std::move(c));
      if (batch.size() == 1000) {
        Import(desk_.ben, ws, batch);
        batch.clear();
      }
    }
    if (!batch.empty()) Import(desk_.ben, ws, batch);
  }

  static v1::ListSuggestionsResponse List(const TestUser& as) {
    v1::ListSuggestionsRequest req;
    req.set_transcript_id(seed_.id());
    req.set_top(1000);
    req.set_include_decided(true);
    v1::ListSuggestionsResponse resp;
    const auto status = v1::SuggestionService::NewStub(server_->channel())
                            ->ListSuggestions(Ctx(as.token).get(), req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp;
  }

  static std::optional<v1::Suggestion> Sentence(const v1::ListSuggestionsResponse& listed,
                                                const std::string& part) {
    for (const auto& s : listed.suggestions()) {
      if (s.quote().find(part) != std::string::npos) return s;
    }
    return std::nullopt;
  }

  static bool HasMatch(const v1::Suggestion& s, const std::string& url) {
    for (const auto& m : s.matches()) {
      if (m.check().url() == url) return true;
    }
    return false;
  }

  // Polls (bounded) until the sentence containing `part`, as `as` lists it, is matched to
  // `url`; the sentence as last listed.
  static v1::Suggestion WaitMatched(const std::string& part, const std::string& url,
                                    const TestUser& as) {
    const auto give_up = std::chrono::steady_clock::now() + kMatchWait;
    std::optional<v1::Suggestion> s;
    while (std::chrono::steady_clock::now() < give_up) {
      s = Sentence(List(as), part);
      if (s && HasMatch(*s, url)) return *s;
      std::this_thread::sleep_for(100ms);
    }
    ADD_FAILURE() << "\"" << part << "\" was not matched to " << url << ": "
                  << (s ? s->DebugString() : "no such suggestion");
    return s.value_or(v1::Suggestion());
  }

  static std::unique_ptr<TestServer> server_;
  static Desk desk_;
  static std::int64_t other_;
  static v1::Transcript seed_;
};

std::unique_ptr<TestServer> SuggestionMatchesTest::server_;
Desk SuggestionMatchesTest::desk_;
std::int64_t SuggestionMatchesTest::other_ = 0;
v1::Transcript SuggestionMatchesTest::seed_;

TEST_F(SuggestionMatchesTest, AViewerSeesACheckWordedDifferentlyUnderTheSentenceAndInAnEvent) {
  const v1::Suggestion s = WaitMatched(kChinaSentence, kChinaUrl, desk_.vic);
  ASSERT_GT(s.matches_size(), 0);
  EXPECT_LE(s.matches_size(), 3);
  const v1::CheckMatch& best = s.matches(0);
  EXPECT_EQ(best.check().url(), kChinaUrl);
  EXPECT_EQ(best.source(), "archive");
  EXPECT_EQ(best.check().rating_name(), "Mostly true");
  EXPECT_EQ(best.check().author_name(), "River Check");
  EXPECT_EQ(best.check().claim_reviewed(), kChinaClaim);
  for (int i = 1; i < s.matches_size(); ++i) {
    EXPECT_GE(s.matches(i - 1).score(), s.matches(i).score()) << "best first";
  }

  // The stream, read from the start, carried the sentence with its matches.
  StreamCollector stream(server_->channel(), desk_.vic.token, desk_.workspace_id, 0);
  const auto carried = [&] {
    for (const v1::Event& e : stream.events()) {
      if (e.kind() != v1::EVENT_KIND_SUGGESTIONS_MATCHED) continue;
      for (const auto& x : e.suggestions().suggestions()) {
        if (x.id() == s.id() && HasMatch(x, kChinaUrl)) return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(stream.WaitUntil(carried, kMatchWait)) << "no suggestion event carried the match";
  stream.Cancel();
}

TEST_F(SuggestionMatchesTest, NoSentenceShowsAnotherWorkspacesCheckOrAnUnrelatedOne) {
  WaitMatched(kChinaSentence, kChinaUrl, desk_.ben);
  int matched = 0;
  const v1::ListSuggestionsResponse listed = List(desk_.ben);
  for (const auto& s : listed.suggestions()) {
    EXPECT_FALSE(HasMatch(s, kOtherUrl)) << "another workspace's check under " << s.quote();
    EXPECT_FALSE(HasMatch(s, kLemonUrl)) << "an unrelated check under " << s.quote();
    matched += s.matches_size() > 0 ? 1 : 0;
  }
  // The threshold keeps weak best matches away: most sentences of a podcast about
  // China's technology answer no check of the archive.
  EXPECT_LT(matched, listed.suggestions_size() / 5)
      << matched << " of " << listed.suggestions_size() << " sentences show a match";
}

TEST_F(SuggestionMatchesTest, ACheckImportedAfterScoringIsMatchedInTheBackground) {
  WaitMatched(kChinaSentence, kChinaUrl, desk_.ben);
  const auto before = Sentence(List(desk_.ben), kHuaweiSentence);
  ASSERT_TRUE(before.has_value());
  EXPECT_FALSE(HasMatch(*before, kHuaweiUrl));
  StreamCollector stream(server_->channel(), desk_.vic.token, desk_.workspace_id, 0);
  ASSERT_TRUE(stream.WaitUntil([&] { return !stream.events().empty(); }, kMatchWait));
  const std::int64_t after_seq = stream.last_seq();
  Import(desk_.ben, desk_.workspace_id, {Check(kHuaweiUrl, kHuaweiClaim, "True")});

  const v1::Suggestion s = WaitMatched(kHuaweiSentence, kHuaweiUrl, desk_.vic);
  EXPECT_EQ(s.matches(0).check().url(), kHuaweiUrl);
  const auto announced = [&] {
    for (const v1::Event& e : stream.events()) {
      if (e.seq() <= after_seq || e.kind() != v1::EVENT_KIND_SUGGESTIONS_MATCHED) continue;
      for (const auto& x : e.suggestions().suggestions()) {
        if (x.id() == s.id() && HasMatch(x, kHuaweiUrl)) return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(stream.WaitUntil(announced, kMatchWait)) << "no event after the archive import";
  stream.Cancel();
}

TEST_F(SuggestionMatchesTest, AcceptingGivesTheClaimTheSuggestionsMatchesAtOnce) {
  const v1::Suggestion s = WaitMatched(kChinaSentence, kChinaUrl, desk_.ben);
  v1::AcceptSuggestionRequest req;
  req.set_suggestion_id(s.id());
  v1::AcceptSuggestionResponse accepted;
  auto stub = v1::SuggestionService::NewStub(server_->channel());
  const grpc::Status status = stub->AcceptSuggestion(Ctx(desk_.ben.token).get(), req, &accepted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GT(accepted.suggestion().matches_size(), 0);
  EXPECT_EQ(accepted.suggestion().matches(0).check().url(), kChinaUrl);

  // Read straight after the accept: the claim's matches are there before its own
  // matching has run (this server runs no claim matching).
  v1::ListClaimMatchesRequest list;
  list.set_claim_id(accepted.claim().id());
  v1::ListClaimMatchesResponse matches;
  const grpc::Status read = v1::ArchiveService::NewStub(server_->channel())
                                ->ListClaimMatches(Ctx(desk_.vic.token).get(), list, &matches);
  ASSERT_TRUE(read.ok()) << read.error_message();
  EXPECT_TRUE(matches.matched());
  ASSERT_EQ(matches.matches_size(), s.matches_size());
  for (int i = 0; i < s.matches_size(); ++i) {
    EXPECT_EQ(matches.matches(i).check().id(), s.matches(i).check().id());
  }
}

}  // namespace
}  // namespace factdesk::testing
