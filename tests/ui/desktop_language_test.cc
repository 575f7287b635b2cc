// The desktop and transcript languages (issue 12), headless against a real in-process
// server: the import dialog shows the importer's guess, refuses a malformed tag in the
// server's words, and imports with the tag chosen; the top bar shows the language.
#include <fstream>

#include <gtest/gtest.h>

#include "tests/support/test_postgres.h"
#include "tests/support/test_server.h"
#include "tests/ui/headless_ui.h"

namespace factdesk::testing {
namespace {

// Invented for this test: a German exchange about a fuel tax.
constexpr const char* kGerman =
    "Anna Berger: Die Steuer auf Benzin steigt im nächsten Jahr um zehn Cent, und die "
    "Regierung will mit dem Geld die Bahn ausbauen.\n\n"
    "Markus Vogel: Das stimmt nicht ganz, die Einnahmen fließen zuerst in den Haushalt.\n";

class DesktopLanguageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<TestServer>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static std::unique_ptr<TestServer> server_;
};
std::unique_ptr<TestServer> DesktopLanguageTest::server_;

TEST_F(DesktopLanguageTest, TheImportDialogOffersTheGuessAndImportsTheChosenLanguage) {
  const Desk desk = MakeDesk(*server_);
  const v1::Transcript first =
      ImportAs(*server_, desk.ben.token, desk.workspace_id, "hearing.txt",
               "Lena Ortiz: The bridge cost forty million dollars, and that is what the audit "
               "office said in its report to the council last year.\n");
  app::Controller::Options o;
  o.channel = server_->channel();
  HeadlessUi ui(o);
  ASSERT_TRUE(ui.ShowTranscript(server_->address(), desk.ben.token, first.id()));

  TempDir dir;
  const std::string path = dir.path() + "/benzin.txt";
  std::ofstream(path, std::ios::binary) << kGerman;
  ui::ActionList drop{ui::action::PreviewImport{path}};
  ui.controller().Dispatch(drop);
  ASSERT_TRUE(ui.PumpUntil([&] {
    const auto& p = ui.controller().session().import;
    return p.open && !p.parsing && p.path == path;
  }));
  EXPECT_EQ(ui.controller().session().import.language, "de");
  std::string text = ui.FrameText();
  EXPECT_NE(text.find("guessed: de"), std::string::npos) << text;
  EXPECT_EQ(ui.state().import_language, "de");

  ui.state().import_language = "de_AT";
  text = ui.FrameText();
  EXPECT_NE(text.find("is not a BCP 47 language tag"), std::string::npos) << text;

  ui.state().import_language = "de-at";
  const std::size_t before = ui.model().Transcripts().size();
  ui::ActionList import{ui::action::Import{path, "Debatte", "", ui.state().import_language}};
  ui.controller().Dispatch(import);
  ASSERT_TRUE(ui.PumpUntil([&] { return ui.model().Transcripts().size() == before + 1; }));
  const v1::Transcript* t = ui.model().Transcripts().front();
  EXPECT_EQ(t->language(), "de-AT");
  ASSERT_TRUE(ui.PumpUntil([&] { return ui.state().transcript_id == t->id(); }));
  text = ui.FrameText();
  EXPECT_NE(text.find("de-AT"), std::string::npos) << text;
}

}  // namespace
}  // namespace factdesk::testing
