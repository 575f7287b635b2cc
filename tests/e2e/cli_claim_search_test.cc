// `claim tag|untag` and `claims search` through the factdesk binary against a server
// process: tags in show, list and --json; search with filters, text and JSON output;
// the refusals a viewer and bad input get, in the CLI's one-line shape.
#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

class CliClaimSearchTest : public CliTest {
 protected:
  // A claim in the seed podcast with a summary of its own words, marked by ben.
  static std::string MarkWithSummary(const std::string& quote, const std::string& summary) {
    const json transcript = ParseJson(Cli(ben_, {"show", seed_id_, "--json"}));
    const int ordinal = OrdinalOf(transcript, quote);
    EXPECT_GE(ordinal, 0) << quote;
    const ProcessResult added =
        Cli(ben_, {"claim", "add", "--transcript", seed_id_, "--ordinal",
                   std::to_string(ordinal + 1), "--quote", quote, "--summary", summary, "--json"});
    EXPECT_EQ(added.exit_code, 0) << Describe(added);
    return ParseJson(added)["id"];
  }
};

TEST_F(CliClaimSearchTest, TagsShowInShowListAndJson) {
  const std::string id =
      MarkWithSummary("to chase for a new opportunity", "Migrants came for lighthouse jobs");
  const ProcessResult tagged = Cli(ben_, {"claim", "tag", id, "harbour-history"});
  ASSERT_CLI_OK(tagged);
  EXPECT_NE(tagged.out.find("tags: harbour-history"), std::string::npos) << tagged.out;
  ASSERT_CLI_OK(Cli(ben_, {"claim", "tag", id, "migration"}));

  const ProcessResult shown = Cli(vic_, {"claim", "show", id});
  ASSERT_CLI_OK(shown);
  EXPECT_NE(shown.out.find("Tags:"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("harbour-history, migration"), std::string::npos) << shown.out;
  const json claim = ParseJson(Cli(vic_, {"claim", "show", id, "--json"}))["claim"];
  EXPECT_EQ(claim["tags"], json::array({"harbour-history", "migration"}));

  const ProcessResult listed = Cli(vic_, {"claim", "list", "-w", "desk"});
  ASSERT_CLI_OK(listed);
  EXPECT_NE(listed.out.find("TAGS"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("harbour-history, migration"), std::string::npos) << listed.out;

  const ProcessResult dashboard = Cli(vic_, {"dashboard", "-w", "desk"});
  ASSERT_CLI_OK(dashboard);
  EXPECT_NE(dashboard.out.find("Claims by tag"), std::string::npos) << dashboard.out;
  EXPECT_NE(dashboard.out.find("harbour-history"), std::string::npos) << dashboard.out;
  const json figures = ParseJson(Cli(vic_, {"dashboard", "-w", "desk", "--json"}));
  bool counted = false;
  for (const auto& t : figures["by_tag"])
    counted |= t["tag"] == "harbour-history" && t["count"] == 1;
  EXPECT_TRUE(counted) << figures["by_tag"].dump();

  const ProcessResult untagged = Cli(ben_, {"claim", "untag", id, "migration", "--json"});
  ASSERT_CLI_OK(untagged);
  EXPECT_EQ(ParseJson(untagged)["tags"], json::array({"harbour-history"}));
}

TEST_F(CliClaimSearchTest, AViewerSearchesWithFiltersButCannotTag) {
  const std::string id = MarkWithSummary("a host of tech fairs", "Shenzhen hosts zeppelin fairs");
  ASSERT_CLI_OK(Cli(ben_, {"claim", "tag", id, "fairs"}));

  const ProcessResult found = Cli(vic_, {"claims", "search", "-w", "desk", "zeppelin", "--json"});
  ASSERT_CLI_OK(found);
  const json page = ParseJson(found);
  EXPECT_EQ(page["total"], 1);
  ASSERT_EQ(page["hits"].size(), 1U);
  EXPECT_EQ(page["hits"][0]["claim"]["id"], id);
  EXPECT_EQ(page["hits"][0]["field"], "CLAIM_FIELD_SUMMARY");
  EXPECT_NE(page["hits"][0]["snippet"].get<std::string>().find("\xee\x80\x80zeppelin\xee\x80\x81"),
            std::string::npos);

  const ProcessResult text = Cli(vic_, {"claims", "search", "-w", "desk", "zeppelin", "--tag",
                                        "fairs", "--state", "open", "--speaker", "nobody-at-all"});
  ASSERT_CLI_OK(text);
  EXPECT_NE(text.out.find("0 of 0 claims"), std::string::npos) << text.out;
  const ProcessResult filtered = Cli(
      vic_, {"claims", "search", "-w", "desk", "zeppelin", "--tag", "fairs", "--state",
             "open,in_review", "-t", seed_id_, "--since", "2000-01-01", "--until", "2099-12-31"});
  ASSERT_CLI_OK(filtered);
  EXPECT_NE(filtered.out.find("summary"), std::string::npos) << filtered.out;
  EXPECT_NE(filtered.out.find("**zeppelin**"), std::string::npos) << filtered.out;
  EXPECT_NE(filtered.out.find("1 of 1 claims"), std::string::npos) << filtered.out;
  const ProcessResult other_tag =
      Cli(vic_, {"claims", "search", "-w", "desk", "zeppelin", "--tag", "economy", "--json"});
  ASSERT_CLI_OK(other_tag);
  EXPECT_EQ(ParseJson(other_tag)["total"], 0);

  EXPECT_TRUE(FailsWith(Cli(vic_, {"claim", "tag", id, "economy"}), "PERMISSION_DENIED",
                        "a viewer may not tag a claim; it needs the checker role"));
  const json after = ParseJson(Cli(vic_, {"claim", "show", id, "--json"}))["claim"];
  EXPECT_EQ(after["tags"], json::array({"fairs"}));
}

TEST_F(CliClaimSearchTest, BadInputIsRefusedNamingTheField) {
  const std::string id = MarkWithSummary("putting one of its", "A drone show");
  EXPECT_TRUE(FailsWith(Cli(ben_, {"claim", "tag", id, "Economy"}), "INVALID_ARGUMENT",
                        "tag: must be lowercase ('E' at byte 0)"));
  EXPECT_TRUE(FailsWith(Cli(ben_, {"claim", "untag", id, "economy"}), "NOT_FOUND",
                        "tag: claim " + id + " is not tagged economy"));
  EXPECT_TRUE(FailsWith(Cli(vic_, {"claims", "search", "-w", "desk", "   "}), "INVALID_ARGUMENT",
                        "query: must not be empty"));
  EXPECT_TRUE(
      FailsWith(Cli(vic_, {"claims", "search", "-w", "desk", "drone", "--verdict", "Probably"}),
                "INVALID_ARGUMENT", "verdict: 'Probably' is not on this workspace's rating scale"));
  EXPECT_TRUE(FailsWith(Cli(vic_, {"claims", "search", "-w", "desk", "drone", "--tag", "a b"}),
                        "INVALID_ARGUMENT", "tag: may hold only a-z, 0-9 and hyphens"));
  EXPECT_TRUE(FailsWith(Cli(vic_, {"claims", "search", "-w", "desk", "drone", "--since",
                                   "2026-03-01", "--until", "2026-01-01"}),
                        "INVALID_ARGUMENT", "until: must be after since"));
  const ProcessResult bad_date =
      Cli(vic_, {"claims", "search", "-w", "desk", "drone", "--since", "March"});
  EXPECT_EQ(bad_date.exit_code, 2) << Describe(bad_date);
  EXPECT_NE(bad_date.err.find("--since: must be a date as YYYY-MM-DD"), std::string::npos)
      << bad_date.err;
  const ProcessResult bad_state =
      Cli(vic_, {"claims", "search", "-w", "desk", "drone", "--state", "pending"});
  EXPECT_EQ(bad_state.exit_code, 2) << Describe(bad_state);
  EXPECT_NE(bad_state.err.find("--state"), std::string::npos) << bad_state.err;
}

}  // namespace
}  // namespace factdesk::testing
