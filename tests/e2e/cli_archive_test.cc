// "Checked before?" from the command line: a ClaimReview DataFeed imported with its
// malformed item reported by position (and refused whole with --strict), a re-import that
// changes nothing, `match` for a sentence and for a marked claim, a claim linked to the
// check it repeats, and a duplicate that must name its original.
#include <chrono>
#include <fstream>
#include <thread>

#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

// A DataFeed as aggregators publish them; item 3 (1-based) has no claimReviewed.
std::string FeedFile(const std::string& path) {
  const json review = [] {
    json items = json::array();
    const auto check = [](const std::string& url, const std::string& claim,
                          const std::string& verdict) {
      return json{{"@type", "DataFeedItem"},
                  {"item",
                   {{"@type", "ClaimReview"},
                    {"url", url},
                    {"claimReviewed", claim},
                    {"author", {{"@type", "Organization"}, {"name", "River Check"}}},
                    {"datePublished", "2024-05-01"},
                    {"reviewRating", {{"@type", "Rating"}, {"alternateName", verdict}}}}}};
    };
    items.push_back(check("https://checks.example/cli/wall",
                          "The border wall was paid for by Mexico.", "False"));
    items.push_back(check("https://checks.example/cli/jobs",
                          "Manufacturing jobs came roaring back after the tax cut.", "Half true"));
    items.push_back(json{{"@type", "DataFeedItem"},
                         {"item", {{"@type", "ClaimReview"}, {"url", "https://x.example/1"}}}});
    return json{
        {"@context", "https://schema.org"}, {"@type", "DataFeed"}, {"dataFeedElement", items}};
  }();
  std::ofstream(path) << review.dump(2);
  return path;
}

class CliArchiveTest : public CliTest {
 protected:
  static std::string Feed(const std::string& name) { return FeedFile(dir_->path() + "/" + name); }

  static std::size_t ArchiveSize() {
    const json list = ParseJson(Cli(vic_, {"archive", "list", "-w", "desk", "--json"}));
    return list.is_array() ? list.size() : 0;
  }

  // `match --claim ID --json` once the server has matched the claim (a bounded wait for a
  // stuck worker; not a timing assertion).
  static json MatchedClaim(const std::string& id) {
    for (int i = 0; i < 600; ++i) {
      const json got = ParseJson(Cli(vic_, {"match", "--claim", id, "--json"}));
      if (got.is_object() && got.value("matched", false)) return got;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return json();
  }
};

TEST_F(CliArchiveTest, AFeedIsImportedWithItsBadItemNamedAndAgainChangesNothing) {
  const std::string feed = Feed("feed.jsonld");
  const std::size_t before = ArchiveSize();
  EXPECT_TRUE(FailsWith(Cli(ben_, {"archive", "import", feed, "-w", "desk", "--strict"}),
                        "INVALID_ARGUMENT", "item 3"));
  EXPECT_EQ(ArchiveSize(), before) << "--strict wrote part of a refused file";
  // Past the first batch too: nothing is sent before the whole file was read.
  json items = json::array();
  for (int i = 0; i < 600; ++i) {
    items.push_back({{"@type", "ClaimReview"},
                     {"url", "https://checks.example/cli/many/" + std::to_string(i)},
                     {"claimReviewed", "Claim number " + std::to_string(i)}});
  }
  items.push_back({{"@type", "ClaimReview"}, {"url", "https://checks.example/cli/bad"}});
  const std::string many = dir_->path() + "/many.jsonld";
  std::ofstream(many) << items.dump();
  EXPECT_TRUE(FailsWith(Cli(ben_, {"archive", "import", many, "-w", "desk", "--strict"}),
                        "INVALID_ARGUMENT", "item 601"));
  EXPECT_EQ(ArchiveSize(), before) << "--strict committed batches before the bad item";

  const ProcessResult imported = Cli(ben_, {"archive", "import", feed, "-w", "desk"});
  ASSERT_CLI_OK(imported);
  EXPECT_NE(imported.out.find("2 checks read; 2 new, 0 updated, 0 unchanged; 1 malformed skipped"),
            std::string::npos)
      << imported.out;
  EXPECT_NE(imported.out.find("item 3: claimReviewed"), std::string::npos) << imported.out;
  const json again = ParseJson(Cli(ben_, {"archive", "import", feed, "-w", "desk", "--json"}));
  EXPECT_EQ(again.value("created", -1), 0) << again.dump();
  EXPECT_EQ(again.value("unchanged", -1), 2) << again.dump();
  EXPECT_EQ(ArchiveSize(), before + 2);
  EXPECT_TRUE(FailsWith(Cli(vic_, {"archive", "import", feed, "-w", "desk"}), "PERMISSION_DENIED",
                        "viewer"));

  const ProcessResult matched =
      Cli(vic_, {"match", "-w", "desk", "--text", "Mexico paid for the wall, he claims"});
  ASSERT_CLI_OK(matched);
  EXPECT_NE(matched.out.find("The border wall was paid for by Mexico."), std::string::npos)
      << matched.out;
  EXPECT_NE(matched.out.find("False"), std::string::npos) << matched.out;
  EXPECT_NE(matched.out.find("River Check"), std::string::npos) << matched.out;
  const ProcessResult nothing = Cli(vic_, {"match", "-w", "desk"});
  EXPECT_EQ(nothing.exit_code, 2) << Describe(nothing);  // a usage error
  EXPECT_NE(nothing.err.find("give --text (what to match) or --claim"), std::string::npos)
      << nothing.err;
}

TEST_F(CliArchiveTest, AClaimIsMatchedLinkedAndItsRepeatDismissedAsItsDuplicate) {
  ASSERT_CLI_OK(Cli(ben_, {"archive", "import", Feed("feed2.jsonld"), "-w", "desk"}));
  const json list = ParseJson(Cli(vic_, {"archive", "list", "-w", "desk", "--json"}));
  std::string wall;
  for (const auto& c : list) {
    if (c.value("url", "") == "https://checks.example/cli/wall") wall = c.value("id", "");
  }
  ASSERT_FALSE(wall.empty()) << list.dump();

  const std::string id = MarkInDebate("losing our good jobs", "losing our good jobs");
  ASSERT_FALSE(id.empty());
  const json matches = MatchedClaim(id);
  ASSERT_TRUE(matches.is_object()) << "the claim was never matched";
  ASSERT_TRUE(matches["matches"].is_array());

  ASSERT_CLI_OK(Cli(ben_, {"claim", "link", id, "--check", wall}));
  const ProcessResult shown = Cli(vic_, {"claim", "show", id});
  ASSERT_CLI_OK(shown);
  EXPECT_NE(shown.out.find("Same claim as:"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("check " + wall +
                           ": \u201cThe border wall was paid for by Mexico.\u201d (False, "
                           "River Check) https://checks.example/cli/wall"),
            std::string::npos)
      << shown.out;
  const ProcessResult both = Cli(ben_, {"claim", "link", id, "--check", wall, "--same-as", id});
  EXPECT_EQ(both.exit_code, 2) << Describe(both);
  EXPECT_NE(both.err.find("--same-as excludes --check"), std::string::npos) << both.err;
  ASSERT_CLI_OK(Cli(ben_, {"claim", "unlink", id}));
  EXPECT_EQ(Cli(vic_, {"claim", "show", id}).out.find("Same claim as"), std::string::npos);

  const std::string repeat = MarkInDebate("losing our good jobs", "losing our good jobs");
  EXPECT_TRUE(FailsWith(Cli(ana_, {"claim", "dismiss", repeat, "--reason", "duplicate"}),
                        "INVALID_ARGUMENT",
                        "duplicate_of: a duplicate names the claim or archived check"));
  ASSERT_CLI_OK(
      Cli(ana_, {"claim", "dismiss", repeat, "--reason", "duplicate", "--duplicate-of", id}));
  const json dismissed = ParseJson(Cli(vic_, {"claim", "show", repeat, "--json"}))["claim"];
  EXPECT_EQ(dismissed["link"].value("claim_id", ""), id) << dismissed.dump();
}

}  // namespace
}  // namespace factdesk::testing
