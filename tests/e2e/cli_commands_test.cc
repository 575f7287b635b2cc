// The issue's scenario through the real binaries: import, list, mark a claim by
// quoting it, attach a source and a note, read everything back, show, search.
#include <fstream>

#include <sys/stat.h>

#include "client/net/credentials_file.h"
#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

TEST_F(CliTest, LoginSavesCredentialsReadableByTheOwnerOnly) {
  const std::string path = ben_.home + "/config/factdesk/credentials";
  struct stat file {};
  ASSERT_EQ(stat(path.c_str(), &file), 0) << path;
  EXPECT_EQ(file.st_mode & 0777, 0600U);
  struct stat dir {};
  ASSERT_EQ(stat((ben_.home + "/config/factdesk").c_str(), &dir), 0);
  EXPECT_EQ(dir.st_mode & 0777, 0700U);
  const auto saved = client::LoadCredentials(path);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->server, server_->address());
  EXPECT_EQ(saved->token, ben_.token);

  // Later commands need no flags.
  const ProcessResult who = Cli(ben_, {"whoami", "--json"});
  ASSERT_CLI_OK(who);
  EXPECT_EQ(ParseJson(who)["handle"], "ben");
  // Without XDG_CONFIG_HOME the file is ~/.config/factdesk/credentials.
  CliUser plain = Anonymous();
  ASSERT_CLI_OK(Cli(plain, {"login", "--server", server_->address(), "--token", vic_.token},
                    {{"XDG_CONFIG_HOME", ""}}));
  struct stat home_file {};
  ASSERT_EQ(stat((plain.home + "/.config/factdesk/credentials").c_str(), &home_file), 0);
  EXPECT_EQ(home_file.st_mode & 0777, 0600U);
}

TEST_F(CliTest, EnvironmentOverridesSavedCredentialsAndFlagsOverrideBoth) {
  const ProcessResult env = Cli(ben_, {"whoami", "--json"}, {{"FACTDESK_TOKEN", vic_.token}});
  ASSERT_CLI_OK(env);
  EXPECT_EQ(ParseJson(env)["handle"], "vic");
  const ProcessResult flag =
      Cli(ben_, {"--token", ana_.token, "whoami", "--json"}, {{"FACTDESK_TOKEN", vic_.token}});
  ASSERT_CLI_OK(flag);
  EXPECT_EQ(ParseJson(flag)["handle"], "ana");
  // Global options may also follow the subcommand.
  const ProcessResult after =
      Cli(Anonymous(), {"whoami", "--json", "--server", server_->address(), "--token", ana_.token});
  ASSERT_CLI_OK(after);
  EXPECT_EQ(ParseJson(after)["handle"], "ana");
}

TEST_F(CliTest, WorkspacesAndMembersAreListed) {
  const ProcessResult ws = Cli(vic_, {"workspaces", "--json"});
  ASSERT_CLI_OK(ws);
  const json list = ParseJson(ws);
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0]["slug"], "desk");
  EXPECT_EQ(list[0]["my_role"], "ROLE_VIEWER");

  const ProcessResult members = Cli(vic_, {"members", "-w", "desk"});
  ASSERT_CLI_OK(members);
  EXPECT_NE(members.out.find("ben"), std::string::npos) << members.out;
  EXPECT_NE(members.out.find("checker"), std::string::npos) << members.out;
  EXPECT_NE(members.out.find("Ana Moreno"), std::string::npos) << members.out;
}

TEST_F(CliTest, TranscriptsListsBothImportsWithTheirSegmentCounts) {
  const ProcessResult r = Cli(vic_, {"transcripts", "-w", "desk", "--json"});
  ASSERT_CLI_OK(r);
  const json list = ParseJson(r);
  std::map<std::string, int> counts;
  for (const auto& t : list) counts[t["id"].get<std::string>()] = t["segment_count"].get<int>();
  EXPECT_EQ(counts[seed_id_], 180);
  EXPECT_EQ(counts[debate_id_], 343);

  const ProcessResult human = Cli(vic_, {"transcripts", "-w", "desk"});
  ASSERT_CLI_OK(human);
  EXPECT_NE(human.out.find("clef2018-task1-english-1st-Presidential"), std::string::npos)
      << human.out;
  EXPECT_NE(human.out.find("343"), std::string::npos) << human.out;
}

TEST_F(CliTest, ClaimMarkedByQuoteCarriesItsSourceAndNote) {
  const ProcessResult shown = Cli(ben_, {"show", seed_id_, "--json"});
  ASSERT_CLI_OK(shown);
  const json transcript = ParseJson(shown);
  ASSERT_EQ(transcript["segments"].size(), 180U);
  const int ordinal = OrdinalOf(transcript, "first Maker Space");
  ASSERT_GE(ordinal, 0);

  // Typed with a straight apostrophe; the transcript has a typographic one.
  const ProcessResult added =
      Cli(ben_, {"claim", "add", "--transcript", seed_id_, "--ordinal", std::to_string(ordinal + 1),
                 "--quote", "started Shenzhen's first Maker Space", "--json"});
  ASSERT_CLI_OK(added);
  const json claim = ParseJson(added);
  const std::string id = claim["id"];
  EXPECT_EQ(claim["quote"], "started Shenzhen\u2019s first Maker Space");
  EXPECT_EQ(claim["segment_ordinal"], ordinal);
  EXPECT_EQ(claim["status"], "CLAIM_STATUS_OPEN");

  const ProcessResult source =
      Cli(ben_, {"source", "add", id, "--url", "https://example.org/shenzhen-maker", "--stance",
                 "supports", "--title", "Maker spaces in Shenzhen", "--publisher", "Example",
                 "--primary"});
  ASSERT_CLI_OK(source);
  const ProcessResult note = Cli(ben_, {"note", "add", id, "--body", "-"}, {},
                                 "Check the opening year.\nThe episode says 2010.\n");
  ASSERT_CLI_OK(note);

  const ProcessResult show = Cli(vic_, {"claim", "show", id, "--json"});
  ASSERT_CLI_OK(show);
  const json full = ParseJson(show);
  EXPECT_EQ(full["claim"]["id"], id);
  EXPECT_EQ(full["claim"]["source_count"], 1);
  EXPECT_EQ(full["claim"]["note_count"], 1);
  ASSERT_EQ(full["sources"].size(), 1U);
  EXPECT_EQ(full["sources"][0]["url"], "https://example.org/shenzhen-maker");
  EXPECT_EQ(full["sources"][0]["stance"], "STANCE_SUPPORTS");
  EXPECT_EQ(full["sources"][0]["primary"], true);
  EXPECT_EQ(full["sources"][0]["added_by"]["handle"], "ben");
  ASSERT_EQ(full["notes"].size(), 1U);
  EXPECT_EQ(full["notes"][0]["body"], "Check the opening year.\nThe episode says 2010.");
  EXPECT_TRUE(full["reviews"].empty());
  EXPECT_TRUE(full["dispute"].is_null());

  const ProcessResult sources = Cli(vic_, {"source", "list", id, "--json"});
  ASSERT_CLI_OK(sources);
  const json source_list = ParseJson(sources);
  ASSERT_EQ(source_list.size(), 1U);
  EXPECT_EQ(source_list[0]["title"], "Maker spaces in Shenzhen");
  EXPECT_EQ(source_list[0]["publisher"], "Example");

  const std::string note_id = ParseJson(Cli(vic_, {"note", "list", id, "--json"}))[0]["id"];
  const ProcessResult reply = Cli(ben_, {"note", "add", id, "--reply-to", note_id, "--body",
                                         "Confirmed in the city's records."});
  ASSERT_CLI_OK(reply);
  const ProcessResult notes = Cli(vic_, {"note", "list", id, "--json"});
  ASSERT_CLI_OK(notes);
  const json note_list = ParseJson(notes);
  ASSERT_EQ(note_list.size(), 2U);
  EXPECT_EQ(note_list[1]["parent_id"], note_id);
  // Threaded in the human form: the reply indented under its parent.
  const ProcessResult threaded = Cli(vic_, {"note", "list", id});
  ASSERT_CLI_OK(threaded);
  EXPECT_NE(threaded.out.find("\n  #"), std::string::npos) << threaded.out;

  // The reader sees the claim where it is.
  const ProcessResult text =
      Cli(vic_, {"show", seed_id_, "--from", std::to_string(ordinal + 1), "--limit", "1"});
  ASSERT_CLI_OK(text);
  EXPECT_NE(text.out.find("[[#" + id + " started Shenzhen\u2019s first Maker Space]](OPEN)"),
            std::string::npos)
      << text.out;

  const ProcessResult listed = Cli(vic_, {"claim", "list", "-w", "desk", "--transcript", seed_id_,
                                          "--status", "OPEN", "--json"});
  ASSERT_CLI_OK(listed);
  bool found = false;
  for (const auto& c : ParseJson(listed)) found = found || c["id"] == id;
  EXPECT_TRUE(found) << listed.out;
}

TEST_F(CliTest, AmbiguousOrMissingQuotesAreExplained) {
  const json transcript = ParseJson(Cli(ben_, {"show", seed_id_, "--json"}));
  const int ordinal = OrdinalOf(transcript, "very, very short time");
  ASSERT_GE(ordinal, 0);
  const std::vector<std::string> base = {"claim",  "add",       "--transcript",
                                         seed_id_, "--ordinal", std::to_string(ordinal + 1)};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = base;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  EXPECT_TRUE(FailsWith(Cli(ben_, with({"--quote", "very"})), "INVALID_ARGUMENT", "--occurrence"));
  EXPECT_TRUE(FailsWith(Cli(ben_, with({"--quote", "no such words here"})), "INVALID_ARGUMENT",
                        "--quote: not found"));
  const ProcessResult second = Cli(ben_, with({"--quote", "very", "--occurrence", "2", "--json"}));
  ASSERT_CLI_OK(second);
  const json claim = ParseJson(second);
  EXPECT_EQ(claim["quote"], "very");
  EXPECT_GT(claim["start_byte"].get<int>(), 0);
}

TEST_F(CliTest, SearchFindsAPhraseAndMarksTheMatch) {
  const ProcessResult r = Cli(vic_, {"search", "\"fishing villages\"", "-w", "desk"});
  ASSERT_CLI_OK(r);
  EXPECT_NE(r.out.find("**fishing villages**"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("000_964967168d34df55"), std::string::npos) << r.out;

  const ProcessResult debate =
      Cli(vic_, {"search", "\"tax returns\"", "-w", "desk", "--transcript", debate_id_, "--json"});
  ASSERT_CLI_OK(debate);
  const json hits = ParseJson(debate);
  ASSERT_FALSE(hits.empty());
  for (const auto& h : hits) EXPECT_EQ(h["segment"]["transcript_id"], debate_id_);
}

// The seed's first paragraph has no-break spaces and curly quotes people never type.
TEST_F(CliTest, SearchAndQuotesMatchTheSeedsNoBreakSpacesAndCurlyQuotes) {
  const json shown = ParseJson(Cli(vic_, {"show", seed_id_, "--json"}));
  const int ordinal = OrdinalOf(shown, "global leader in cutting edge");
  ASSERT_GE(ordinal, 0);
  const ProcessResult found =
      Cli(vic_, {"search", "fast", "-w", "desk", "--transcript", seed_id_, "--json"});
  ASSERT_CLI_OK(found);
  bool hit = false;
  for (const auto& h : ParseJson(found)) hit = hit || h["segment"]["ordinal"] == ordinal;
  EXPECT_TRUE(hit) << found.out;

  const ProcessResult marked =
      Cli(ben_, {"claim", "add", "--transcript", seed_id_, "--ordinal", std::to_string(ordinal + 1),
                 "--quote", "such as AI, facial recognition", "--json"});
  ASSERT_CLI_OK(marked);
  // The claim quotes the stored bytes, no-break spaces and all.
  EXPECT_EQ(ParseJson(marked)["quote"], "such as\u00a0AI,\u00a0facial recognition");
  const ProcessResult curly =
      Cli(ben_, {"claim", "add", "--transcript", seed_id_, "--ordinal", std::to_string(ordinal + 1),
                 "--quote", "China's technology enables authoritarian control", "--json"});
  ASSERT_CLI_OK(curly);
  EXPECT_EQ(ParseJson(curly)["quote"],
            "China\u2019s technology enables\u00a0authoritarian\u00a0control");
}

TEST_F(CliTest, StaleUpdateSaysWhereTheClaimStandsNow) {
  const json transcript = ParseJson(Cli(ben_, {"show", seed_id_, "--json"}));
  const int ordinal = OrdinalOf(transcript, "a cluster of fishing villages");
  ASSERT_GE(ordinal, 0);
  const json claim = ParseJson(
      Cli(ben_, {"claim", "add", "--transcript", seed_id_, "--ordinal", std::to_string(ordinal + 1),
                 "--quote", "a cluster of fishing villages", "--json"}));
  const std::string id = claim["id"];
  // Without --version the current version is used.
  const ProcessResult updated =
      Cli(ben_, {"claim", "update", id, "--summary", "Shenzhen began as fishing villages"});
  ASSERT_CLI_OK(updated);
  EXPECT_NE(updated.out.find("version 2"), std::string::npos) << updated.out;
  // Naming the version read before that update is refused, with the current summary.
  EXPECT_TRUE(FailsWith(Cli(ben_, {"claim", "update", id, "--version", "1", "--summary", "x"}),
                        "ABORTED", "summary \"Shenzhen began as fishing villages\""));
  const ProcessResult history = Cli(vic_, {"claim", "history", id});
  ASSERT_CLI_OK(history);
  EXPECT_NE(history.out.find("claim.created"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("→"), std::string::npos) << history.out;
}

TEST_F(CliTest, ReviewResolvesAClaimForPublicationAndTheDashboardCountsIt) {
  ASSERT_CLI_OK(Cli(ana_, {"policy", "set", "-w", "desk", "--required-reviews", "1"}));
  const json transcript = ParseJson(Cli(ben_, {"show", debate_id_, "--json"}));
  const int ordinal = OrdinalOf(transcript, "I'm Lester Holt");
  ASSERT_GE(ordinal, 0);
  const json claim =
      ParseJson(Cli(ben_, {"claim", "add", "--transcript", debate_id_, "--ordinal",
                           std::to_string(ordinal + 1), "--quote", "anchor of", "--json"}));
  const std::string id = claim["id"];
  ASSERT_CLI_OK(Cli(
      ben_, {"source", "add", id, "--url", "https://www.nbcnews.com/", "--stance", "supports"}));
  // The checker who marked it cannot be its only reviewer: the admin reviews it.
  const ProcessResult review = Cli(ana_, {"review", "submit", id, "--verdict", "True",
                                          "--rationale", "He was.", "--confidence", "high"});
  ASSERT_CLI_OK(review);
  EXPECT_NE(review.out.find("RESOLVED: True"), std::string::npos) << review.out;
  const ProcessResult reviews = Cli(vic_, {"review", "list", id});
  ASSERT_CLI_OK(reviews);
  EXPECT_NE(reviews.out.find("ana: True (high confidence"), std::string::npos) << reviews.out;
  const ProcessResult published = Cli(ana_, {"claim", "publish", id, "--json"});
  ASSERT_CLI_OK(published);
  EXPECT_EQ(ParseJson(published)["status"], "CLAIM_STATUS_PUBLISHED");
  const ProcessResult shown = Cli(vic_, {"claim", "show", id});
  ASSERT_CLI_OK(shown);
  EXPECT_NE(shown.out.find("PUBLISHED: True"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("https://www.nbcnews.com/"), std::string::npos) << shown.out;

  const ProcessResult dashboard = Cli(vic_, {"dashboard", "-w", "desk", "--json"});
  ASSERT_CLI_OK(dashboard);
  const json d = ParseJson(dashboard);
  int published_count = 0;
  for (const auto& s : d["by_status"]) {
    if (s["status"] == "CLAIM_STATUS_PUBLISHED") published_count = s["count"];
  }
  EXPECT_EQ(published_count, 1);
  ASSERT_FALSE(d["by_verdict"].empty());
  EXPECT_EQ(d["by_verdict"][0]["label"], "True");
  const ProcessResult human = Cli(vic_, {"dashboard", "-w", "desk"});
  ASSERT_CLI_OK(human);
  EXPECT_NE(human.out.find("PUBLISHED"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("#"), std::string::npos) << human.out;
  ASSERT_CLI_OK(Cli(ana_, {"policy", "set", "-w", "desk", "--required-reviews", "2"}));
}

TEST_F(CliTest, ExportWritesTheFileAndRefusesBadRequestsInOneLine) {
  const std::string path = dir_->path() + "/claims.csv";
  ASSERT_CLI_OK(Cli(vic_, {"export", "csv", "-w", "desk", "-o", path}));
  std::ifstream file(path, std::ios::binary);
  std::string header;
  std::getline(file, header);
  EXPECT_NE(header.find("claim_id"), std::string::npos) << header;
  const ProcessResult out = Cli(vic_, {"export", "csv", "-w", "desk"});
  ASSERT_CLI_OK(out);
  EXPECT_NE(out.out.find("claim_id"), std::string::npos) << out.out.substr(0, 200);
  // HTML renders one transcript: without one (desk has several), a one-line refusal
  // naming them and no file.
  const std::string html = dir_->path() + "/report.html";
  EXPECT_TRUE(FailsWith(Cli(vic_, {"export", "html", "-w", "desk", "-o", html}), "INVALID_ARGUMENT",
                        "--transcript: html renders one transcript at a time"));
  EXPECT_FALSE(std::ifstream(html).good());
  EXPECT_FALSE(std::ifstream(html + ".part").good());
}

TEST_F(CliTest, ExportAudienceAndPublisherAsAUserMeetsThem) {
  // ClaimReview without a publisher: refused, naming the command that fixes it.
  const std::string jsonld = dir_->path() + "/checks.jsonld";
  const ProcessResult refused = Cli(vic_, {"export", "claimreview", "-w", "desk", "-o", jsonld});
  EXPECT_TRUE(FailsWith(refused, "FAILED_PRECONDITION", "factdesk publisher set -w desk"))
      << Describe(refused);
  EXPECT_FALSE(std::ifstream(jsonld).good());
  ASSERT_CLI_OK(
      Cli(ana_, {"publisher", "set", "-w", "desk", "--name", "Debate Desk", "--url",
                 "https://desk.example/", "--claim-url-prefix", "https://desk.example/checks/"}));
  ASSERT_CLI_OK(Cli(vic_, {"export", "claimreview", "-w", "desk", "-o", jsonld}));
  EXPECT_TRUE(std::ifstream(jsonld).good());

  // The desk's report says it is internal; the public one (the default) does not.
  const ProcessResult desk =
      Cli(vic_, {"export", "html", "-w", "desk", "--transcript", seed_id_, "--audience", "desk"});
  ASSERT_CLI_OK(desk);
  EXPECT_NE(desk.out.find("Internal desk file"), std::string::npos);
  const ProcessResult pub = Cli(vic_, {"export", "html", "-w", "desk", "--transcript", seed_id_});
  ASSERT_CLI_OK(pub);
  EXPECT_EQ(pub.out.find("Internal desk file"), std::string::npos);

  // An audience is for HTML only; --published-only for the desk files only.
  EXPECT_TRUE(FailsWith(Cli(vic_, {"export", "csv", "-w", "desk", "--audience", "desk"}),
                        "INVALID_ARGUMENT", "only the html export takes an audience"));
  EXPECT_TRUE(FailsWith(Cli(vic_, {"export", "claimreview", "-w", "desk", "--published-only"}),
                        "INVALID_ARGUMENT", "published_only"));
  const ProcessResult narrowed = Cli(vic_, {"export", "csv", "-w", "desk", "--published-only"});
  ASSERT_CLI_OK(narrowed);
  EXPECT_NE(narrowed.out.find("last_correction_reason"), std::string::npos);
}

TEST_F(CliTest, DryRunPreviewsTheSeedWithoutAServer) {
  // No credentials and no server address anywhere.
  const ProcessResult r = Cli(Anonymous(), {"import", SeedPath(), "--dry-run", "--json"});
  ASSERT_CLI_OK(r);
  const json preview = ParseJson(r);
  EXPECT_EQ(preview["format"], "text");
  ASSERT_EQ(preview["segments"].size(), 180U);
  std::map<std::string, int> kinds;
  for (const auto& s : preview["segments"]) {
    kinds[s["kind"].get<std::string>()]++;
    EXPECT_TRUE(s["start_ms"].is_null());
    EXPECT_TRUE(s["end_ms"].is_null());
  }
  EXPECT_GT(kinds["speech"], 0);
  EXPECT_GT(kinds["cue"], 0);
  EXPECT_GT(kinds["caption"], 0);
  EXPECT_EQ(kinds["speech"] + kinds["cue"] + kinds["caption"], 180);
  EXPECT_EQ(preview["segments"][0]["ordinal"], 0);
  EXPECT_FALSE(preview["speakers"].empty());

  const ProcessResult human = Cli(Anonymous(), {"import", DebatePath(), "--dry-run"});
  ASSERT_CLI_OK(human);
  EXPECT_NE(human.out.find("format:   tsv"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("segments: 343"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("HOLT"), std::string::npos) << human.out;
}

}  // namespace
}  // namespace factdesk::testing
