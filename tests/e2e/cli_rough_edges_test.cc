// The CLI's rough edges a new user meets: typos, a -w they should not need, a directory
// given as a file, and html/vtt exports without --transcript.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "client/cli/command_suggestion.h"
#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CommandSuggestion, NamesTheNearCommandOnly) {
  EXPECT_EQ(cli::EditDistance("shwo", "show"), 1);
  EXPECT_EQ(cli::EditDistance("clam", "claim"), 1);
  EXPECT_EQ(cli::EditDistance("", "abc"), 3);
  CLI::App app;
  app.add_subcommand("claim")->add_subcommand("show");
  app.add_subcommand("show");
  EXPECT_EQ(cli::SuggestCommand(app, {"clam", "list"}),
            "unknown command \"clam\"; did you mean \"claim\"?");
  EXPECT_EQ(cli::SuggestCommand(app, {"--server", "x:1", "claim", "shwo", "1"}),
            "unknown command \"claim shwo\"; did you mean \"claim show\"?");
  EXPECT_EQ(cli::SuggestCommand(app, {"frobnicate"}), std::nullopt);
  EXPECT_EQ(cli::SuggestCommand(app, {"show", "12"}), std::nullopt);
}

TEST_F(CliTest, ATypoGetsTheCommandItWasMeantToBe) {
  const ProcessResult clam = Cli(ben_, {"clam", "list"});
  EXPECT_EQ(clam.exit_code, 2) << Describe(clam);
  EXPECT_TRUE(Has(clam.err, "did you mean \"claim\"?")) << clam.err;
  const ProcessResult shwo = Cli(ben_, {"shwo", seed_id_});
  EXPECT_EQ(shwo.exit_code, 2) << Describe(shwo);
  EXPECT_TRUE(Has(shwo.err, "did you mean \"show\"?")) << shwo.err;
  const ProcessResult sub = Cli(ben_, {"claim", "shwo", "1"});
  EXPECT_EQ(sub.exit_code, 2) << Describe(sub);
  EXPECT_TRUE(Has(sub.err, "did you mean \"claim show\"?")) << sub.err;
}

TEST_F(CliTest, WorkspaceIsOptionalForMembersOfOneAndNamedWhenAmbiguous) {
  // vic belongs to desk only.
  const ProcessResult listed = Cli(vic_, {"transcripts", "--json"});
  ASSERT_CLI_OK(listed);
  bool seed = false;
  for (const auto& t : ParseJson(listed)) seed = seed || t["id"] == seed_id_;
  EXPECT_TRUE(seed) << listed.out;

  const CliUser wyn = CreateUser("wyn", "Wyn Jones");
  ASSERT_CLI_OK(Cli(wyn, {"login", "--server", server_->address(), "--token", wyn.token}));
  EXPECT_TRUE(FailsWith(Cli(wyn, {"transcripts"}), "FAILED_PRECONDITION",
                        "you are not a member of any workspace"));
  for (const std::string slug : {"wyn-a", "wyn-b"}) {
    ASSERT_EQ(Admin({"create-workspace", slug, "--name", slug, "--owner", "wyn"}).exit_code, 0);
  }
  EXPECT_TRUE(FailsWith(Cli(wyn, {"transcripts"}), "INVALID_ARGUMENT",
                        "--workspace: give one with -w SLUG: you belong to 2 (wyn-a, wyn-b)"));
  ASSERT_CLI_OK(Cli(wyn, {"transcripts", "-w", "wyn-a"}));
}

TEST_F(CliTest, ImportingADirectorySaysItIsOneAndImportsNothing) {
  const ProcessResult before = Cli(ben_, {"transcripts", "-w", "desk", "--json"});
  ASSERT_CLI_OK(before);
  const std::string folder = dir_->path() + "/a-folder";
  std::filesystem::create_directories(folder);
  EXPECT_TRUE(FailsWith(Cli(ben_, {"import", folder, "-w", "desk"}), "INVALID_ARGUMENT",
                        "FILE: " + folder + " is a directory"));
  EXPECT_TRUE(
      FailsWith(Cli(ben_, {"import", folder, "--dry-run"}), "INVALID_ARGUMENT", "is a directory"));
  const ProcessResult after = Cli(ben_, {"transcripts", "-w", "desk", "--json"});
  EXPECT_EQ(ParseJson(after).size(), ParseJson(before).size());
}

TEST_F(CliTest, PlainTextThatNamesNobodyIsPreviewedAsSuchAndImportedWithSpeaker) {
  const std::string file = dir_->path() + "/statement.txt";
  std::ofstream(file) << "Our schools got 2 billion more this year.\n\n"
                         "Class sizes fell for the first time in a decade.\n";
  const ProcessResult preview = Cli(Anonymous(), {"import", file, "--dry-run"});
  ASSERT_CLI_OK(preview);
  EXPECT_NE(preview.out.find("note:     No speaker labels were found: nobody is named as saying "
                             "the 2 segments of speech. Name the speaker (--speaker NAME)"),
            std::string::npos)
      << preview.out;
  const ProcessResult as_json = Cli(Anonymous(), {"import", file, "--dry-run", "--json"});
  ASSERT_CLI_OK(as_json);
  EXPECT_EQ(ParseJson(as_json)["unattributed_speech"], 2);

  const ProcessResult before = Cli(ben_, {"transcripts", "-w", "desk", "--json"});
  EXPECT_TRUE(FailsWith(Cli(ben_, {"import", file, "-w", "desk"}), "INVALID_ARGUMENT",
                        "speaker: no speaker labels were found"));
  EXPECT_EQ(ParseJson(Cli(ben_, {"transcripts", "-w", "desk", "--json"})).size(),
            ParseJson(before).size());

  const ProcessResult named =
      Cli(ben_, {"import", file, "-w", "desk", "--speaker", "Ola Nordmann", "--json"});
  ASSERT_CLI_OK(named);
  const auto transcript = ParseJson(named);
  ASSERT_EQ(transcript["speakers"].size(), 1U) << named.out;
  EXPECT_EQ(transcript["speakers"][0]["name"], "Ola Nordmann");
}

TEST_F(CliTest, HtmlExportWithoutTranscriptTakesTheOnlyOneOrSaysWhichToGive) {
  const std::string out = dir_->path() + "/desk.html";
  const ProcessResult many = Cli(ana_, {"export", "html", "-w", "desk", "-o", out});
  EXPECT_TRUE(FailsWith(many, "INVALID_ARGUMENT",
                        "--transcript: html renders one transcript at a time and desk has"));
  EXPECT_TRUE(Has(many.err, seed_id_ + " \"000_964967168d34df55\"")) << many.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".part"));

  const CliUser una = CreateUser("una", "Una Single");
  ASSERT_EQ(Admin({"create-workspace", "una-desk", "--name", "Una", "--owner", "una"}).exit_code,
            0);
  ASSERT_CLI_OK(Cli(una, {"login", "--server", server_->address(), "--token", una.token}));
  EXPECT_TRUE(FailsWith(Cli(una, {"export", "html"}), "FAILED_PRECONDITION",
                        "html renders a transcript and una-desk has none yet"));
  ASSERT_CLI_OK(Cli(una, {"import", std::string(FACTDESK_SOURCE_DIR) + "/samples/town-hall.vtt",
                          "--title", "Una town hall"}));
  const std::string one = dir_->path() + "/una.html";
  ASSERT_CLI_OK(Cli(una, {"export", "html", "-o", one}));
  std::ifstream in(one);
  const std::string html{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_TRUE(Has(html, "Una town hall")) << html.substr(0, 300);
}

}  // namespace
}  // namespace factdesk::testing
