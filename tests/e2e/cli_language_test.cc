// `factdesk import --language`, the guess in `import --dry-run`, and the language in
// `transcripts` and `show`, against a real server process (issue 12).
#include <fstream>

#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

// Invented for this test: a German turn about a fuel tax ("Steuer", never "Steuern").
constexpr const char* kGerman =
    "Anna Berger: Die Steuer auf Benzin steigt im nächsten Jahr um zehn Cent, und die "
    "Regierung will mit dem Geld die Bahn ausbauen, sagte sie am Abend.\n";

TEST_F(CliTest, ImportTakesALanguageAndDryRunShowsTheGuess) {
  const ProcessResult seed = Cli(Anonymous(), {"import", SeedPath(), "--dry-run"});
  ASSERT_CLI_OK(seed);
  EXPECT_NE(seed.out.find("language: en (guessed: "), std::string::npos) << seed.out;

  const std::string path = dir_->path() + "/benzin.txt";
  std::ofstream(path, std::ios::binary) << kGerman;
  const ProcessResult guessed = Cli(Anonymous(), {"import", path, "--dry-run"});
  ASSERT_CLI_OK(guessed);
  EXPECT_NE(guessed.out.find("language: de (guessed: "), std::string::npos) << guessed.out;
  EXPECT_TRUE(FailsWith(Cli(Anonymous(), {"import", path, "--dry-run", "--language", "de_DE"}),
                        "INVALID_ARGUMENT", "language: \"de_DE\" is not a BCP 47 language tag"));

  const ProcessResult imported =
      Cli(ben_, {"import", path, "-w", "desk", "--language", "DE-at", "--json"});
  ASSERT_CLI_OK(imported);
  const nlohmann::json t = ParseJson(imported);
  EXPECT_EQ(t["language"], "de-AT");
  const std::string id = t["id"].get<std::string>();

  const ProcessResult listed = Cli(vic_, {"transcripts", "-w", "desk"});
  ASSERT_CLI_OK(listed);
  EXPECT_NE(listed.out.find("LANG"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("de-AT"), std::string::npos) << listed.out;
  const ProcessResult shown = Cli(vic_, {"show", id, "--limit", "1"});
  ASSERT_CLI_OK(shown);
  EXPECT_NE(shown.out.find("language de-AT"), std::string::npos) << shown.out;
  const ProcessResult found = Cli(vic_, {"search", "Steuern", "-w", "desk", "--transcript", id});
  ASSERT_CLI_OK(found);
  EXPECT_NE(found.out.find("1 of 1 hits"), std::string::npos) << found.out;
}

}  // namespace
}  // namespace factdesk::testing
