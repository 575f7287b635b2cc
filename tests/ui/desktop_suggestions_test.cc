// The desktop's suggestions (issue 14), headless against a real in-process server that
// scores: the reader's underline and its toggle, the Suggested queue best first, the
// reasons on hover, accepting (the claim gets the sentence's exact span) and dismissing
// with a reason (gone for everyone), Shift+J/K, and a transcript the scorer will not rank.
#include <chrono>
#include <cstdio>
#include <thread>

#include <gtest/gtest.h>

#include "client/ui/keys.h"
#include "client/ui/reader_view.h"
#include "factdesk/v1/suggestion.grpc.pb.h"
#include "tests/support/test_server.h"
#include "tests/ui/headless_ui.h"

namespace factdesk::testing {
namespace {

// A short interview in Spanish, as plain text with speaker turns.
constexpr const char* kSpanish =
    "Marta: Buenas noches y bienvenidos al programa de esta semana.\n\n"
    "Luis: Gracias por invitarme, es un placer estar aquí con ustedes.\n\n"
    "Marta: El desempleo bajó un cuatro por ciento en los últimos dos años, según el "
    "gobierno. ¿Es verdad?\n\n"
    "Luis: No del todo. La cifra oficial no cuenta a los que dejaron de buscar trabajo y "
    "por eso parece más baja de lo que es.\n";

class DesktopSuggestionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>([](server::ServerOptions& o) {
      o.suggestions.threads = 1;
      o.suggestions.poll = std::chrono::milliseconds(100);
    });
    const Desk desk = MakeDesk(*server_);
    ana_ = desk.ana;
    ben_ = desk.ben;
    ws_ = desk.workspace_id;
    seed_ =
        Import("000_964967168d34df55.txt", ReadFile(SharedPath("seeds/000_964967168d34df55.txt")));
    ASSERT_EQ(WaitScored(seed_.id()).status().state(), v1::SCORING_STATE_DONE);
  }
  static void TearDownTestSuite() { server_.reset(); }

  static v1::Transcript Import(const std::string& filename, const std::string& content) {
    return ImportAs(*server_, ben_.token, ws_, filename, content);
  }

  static v1::ListSuggestionsResponse List(std::int64_t transcript_id, bool decided = true) {
    auto stub = v1::SuggestionService::NewStub(server_->channel());
    v1::ListSuggestionsRequest req;
    req.set_transcript_id(transcript_id);
    req.set_top(1000);
    req.set_include_decided(decided);
    v1::ListSuggestionsResponse resp;
    const auto status = stub->ListSuggestions(Ctx(ben_.token).get(), req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp;
  }

  // Polls (bounded) until the scorer is through the transcript.
  static v1::ListSuggestionsResponse WaitScored(std::int64_t transcript_id) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    v1::ListSuggestionsResponse resp;
    while (std::chrono::steady_clock::now() < give_up) {
      resp = List(transcript_id);
      const auto state = resp.status().state();
      if (state == v1::SCORING_STATE_DONE || state == v1::SCORING_STATE_NOT_ENGLISH) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return resp;
  }

  static v1::Suggestion ServerCopy(std::int64_t suggestion_id) {
    const v1::ListSuggestionsResponse listed = List(seed_.id());
    for (const auto& s : listed.suggestions()) {
      if (s.id() == suggestion_id) return s;
    }
    ADD_FAILURE() << "suggestion " << suggestion_id << " is not on the server";
    return {};
  }

  // A desktop signed in as `user`, showing `transcript` with its suggestions loaded.
  std::unique_ptr<HeadlessUi> Open(const TestUser& user, const v1::Transcript& transcript,
                                   ImVec2 display = ImVec2(1280, 800)) {
    app::Controller::Options o;
    o.channel = server_->channel();
    auto ui = std::make_unique<HeadlessUi>(o, display);
    const auto& book = ui->model().suggestions();
    EXPECT_TRUE(ui->ShowTranscript(server_->address(), user.token, transcript.id(), [&] {
      return book.Status(transcript.id()) != nullptr;
    })) << "the workspace did not load";
    return ui;
  }

  static void ClickControl(HeadlessUi& ui, ui::Control control) {
    const auto rect = ui.state().ControlRect(control);
    ASSERT_TRUE(rect.has_value()) << "control " << static_cast<int>(control) << " not drawn";
    ui.Click(ImVec2((rect->x0 + rect->x1) / 2, (rect->y0 + rect->y1) / 2));
  }

  // Shift+J until the picked suggestion is speech (it can become a claim); it is on screen.
  static const v1::Suggestion* PickSpeech(HeadlessUi& ui) {
    for (int i = 0; i < 50; ++i) {
      ui.Key(ui::key::Letter('J'), false, /*shift=*/true);
      ui.Frame();
      const v1::Suggestion* s = ui.model().suggestions().Find(ui.state().suggestion_id);
      if (s != nullptr && s->kind() == v1::SUGGESTION_KIND_SPEECH) return s;
    }
    ADD_FAILURE() << "no speech among the first 50 suggestions";
    return nullptr;
  }

  static std::unique_ptr<TestServer> server_;
  static TestUser ana_, ben_;
  static std::int64_t ws_;
  static v1::Transcript seed_;
};

std::unique_ptr<TestServer> DesktopSuggestionsTest::server_;
TestUser DesktopSuggestionsTest::ana_;
TestUser DesktopSuggestionsTest::ben_;
std::int64_t DesktopSuggestionsTest::ws_ = 0;
v1::Transcript DesktopSuggestionsTest::seed_;

// The first few words of a quote, up to its first character outside ASCII (the test's
// font draws those as '?'): what a wrapped line surely starts with.
std::string Opening(const std::string& quote) {
  std::size_t end = 0;
  int words = 0;
  while (end < quote.size() && static_cast<unsigned char>(quote[end]) < 0x80 && words < 4) {
    if (quote[end] == ' ') ++words;
    ++end;
  }
  return quote.substr(0, end);
}

TEST_F(DesktopSuggestionsTest, TheTopBarWrapsInANarrowWindowInsteadOfClippingItsControls) {
  // A checker's bar is the longest (the import field); at 1280 px its suggestions toggle
  // and help button used to run off the window's edge.
  for (const float width : {1280.0F, 1000.0F, 760.0F}) {
    SCOPED_TRACE(width);
    auto ui = Open(ben_, seed_, ImVec2(width, 700));
    ui->Frame();
    for (const auto control :
         {ui::Control::kFilterButton, ui::Control::kSuggestionsToggle, ui::Control::kHelpButton}) {
      const auto rect = ui->state().ControlRect(control);
      ASSERT_TRUE(rect.has_value()) << "control " << static_cast<int>(control) << " not drawn";
      EXPECT_LE(rect->x1, width) << "control " << static_cast<int>(control) << " is clipped";
    }
    // Where it wrapped to, the toggle still works.
    ClickControl(*ui, ui::Control::kSuggestionsToggle);
    EXPECT_TRUE(ui->state().show_suggestions);
  }
}

TEST_F(DesktopSuggestionsTest, TheQueueRanksBestFirstAndAClickShowsTheSentenceInTheReader) {
  auto ui = Open(ben_, seed_);
  const auto ranked = ui->model().suggestions().Ranked(seed_.id());
  ASSERT_GE(ranked.size(), 2u);
  // The model's order is the server's: best first.
  const auto listed = List(seed_.id(), /*decided=*/false);
  EXPECT_EQ(ranked.front()->id(), listed.suggestions(0).id());
  // The underline is off until asked for; S and the toolbar's button toggle it.
  EXPECT_FALSE(ui->state().show_suggestions);
  ui->Key(ui::key::Letter('S'));
  EXPECT_TRUE(ui->state().show_suggestions);
  ClickControl(*ui, ui::Control::kSuggestionsToggle);
  EXPECT_FALSE(ui->state().show_suggestions);

  ui->state().tab = ui::Tab::kSuggested;
  ui->Frame();
  const std::string text = ui->FrameText();
  ASSERT_GE(Opening(ranked[0]->quote()).size(), 8u);
  ASSERT_GE(Opening(ranked[1]->quote()).size(), 8u);
  const std::size_t best = text.find(Opening(ranked[0]->quote()));
  const std::size_t second = text.find(Opening(ranked[1]->quote()));
  ASSERT_NE(best, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  EXPECT_LT(best, second) << "the best suggestion is not first";
  // Its score and reasons are on the row.
  char score[16];
  std::snprintf(score, sizeof score, "%.2f", ranked[0]->score());
  EXPECT_NE(text.find(score), std::string::npos);
  ASSERT_GT(ranked[0]->reasons_size(), 0);
  EXPECT_NE(text.find(ranked[0]->reasons(0).text()), std::string::npos);

  const std::int64_t best_id = ranked[0]->id();
  const std::int64_t best_segment = ranked[0]->segment_id();
  ClickControl(*ui, ui::Control::kFirstSuggestion);
  EXPECT_EQ(ui->state().tab, ui::Tab::kReader);
  EXPECT_EQ(ui->state().suggestion_id, best_id);
  EXPECT_TRUE(ui->state().show_suggestions);
  ASSERT_TRUE(ui->PumpUntil([&] {
    for (const auto& row : ui->state().visible_rows) {
      if (row.segment_id == best_segment) return true;
    }
    return false;
  })) << "the suggested sentence is not on screen";
}

TEST_F(DesktopSuggestionsTest, HoverShowsTheReasonsAndAcceptMarksTheExactSpan) {
  auto ui = Open(ben_, seed_);
  const v1::Suggestion* picked = PickSpeech(*ui);
  ASSERT_NE(picked, nullptr);
  const v1::Suggestion s = *picked;
  ASSERT_TRUE(ui->state().show_suggestions) << "Shift+J did not turn the underline on";
  const auto at = ui::ReaderView::PointOfByte(ui->state(), ui->model(), s.segment_id(),
                                              static_cast<std::size_t>(s.start_byte()) + 1);
  ASSERT_TRUE(at.has_value()) << "the sentence is not on screen";
  ui->MoveMouse(*at);
  const std::string hover = ui->FrameText();
  ASSERT_GT(s.reasons_size(), 0);
  EXPECT_NE(hover.find(s.reasons(0).text()), std::string::npos) << hover;

  // A click opens its card; Accept marks it.
  ui->Click(*at);
  EXPECT_TRUE(ui->state().suggestion_card);
  EXPECT_EQ(ui->state().suggestion_id, s.id());
  ui->Frame();
  ClickControl(*ui, ui::Control::kSuggestionAccept);
  const v1::Claim* claim = nullptr;
  ASSERT_TRUE(ui->PumpUntil([&] {
    for (const v1::Claim* c : ui->model().ClaimsOfSegment(s.segment_id())) {
      if (c->start_byte() == s.start_byte() && c->end_byte() == s.end_byte()) claim = c;
    }
    return claim != nullptr;
  })) << "no claim on the suggested sentence";
  EXPECT_EQ(claim->quote(), s.quote());
  EXPECT_EQ(claim->created_by().handle(), "ben");
  const v1::Suggestion on_server = ServerCopy(s.id());
  EXPECT_EQ(on_server.state(), v1::SUGGESTION_STATE_ACCEPTED);
  EXPECT_EQ(on_server.claim_id(), claim->id());
  // It left the queue, and the new claim is open in the inspector.
  for (const auto* r : ui->model().suggestions().Ranked(seed_.id())) EXPECT_NE(r->id(), s.id());
  EXPECT_TRUE(ui->PumpUntil([&] { return ui->state().claim_id == claim->id(); }));
}

TEST_F(DesktopSuggestionsTest, DismissFromTheQueueAsksWhyAndHidesItForEveryone) {
  auto ui = Open(ben_, seed_);
  auto other = Open(ana_, seed_);
  ui->state().tab = ui::Tab::kSuggested;
  ui->Frame();
  const std::int64_t first = ui->model().suggestions().Ranked(seed_.id()).front()->id();
  ClickControl(*ui, ui::Control::kSuggestionDismiss);
  ui->Frame();
  // Without a reason nothing is sent.
  ClickControl(*ui, ui::Control::kSuggestionDismissConfirm);
  ui->Frame();
  EXPECT_EQ(ServerCopy(first).state(), v1::SUGGESTION_STATE_OPEN);
  ClickControl(*ui, ui::Control::kSuggestionReason);
  const std::string why = "An opinion about the show, not a claim";
  ui->Type(why);
  ui->Frame();
  ClickControl(*ui, ui::Control::kSuggestionDismissConfirm);
  ASSERT_TRUE(ui->PumpUntil([&] {
    const auto ranked = ui->model().suggestions().Ranked(seed_.id());
    return !ranked.empty() && ranked.front()->id() != first;
  })) << "the dismissed suggestion is still first in the queue";
  const v1::Suggestion on_server = ServerCopy(first);
  EXPECT_EQ(on_server.state(), v1::SUGGESTION_STATE_DISMISSED);
  EXPECT_EQ(on_server.reason(), why);
  EXPECT_EQ(on_server.decided_by().handle(), "ben");
  // The other desktop drops it from the stream, without a refetch.
  EXPECT_TRUE(other->PumpUntil([&] {
    const v1::Suggestion* s = other->model().suggestions().Find(first);
    return s != nullptr && s->state() == v1::SUGGESTION_STATE_DISMISSED;
  }));
  for (const auto* r : other->model().suggestions().Ranked(seed_.id())) EXPECT_NE(r->id(), first);
}

TEST_F(DesktopSuggestionsTest, ATranscriptNotInEnglishShowsTheScorersNoteInsteadOfAQueue) {
  const v1::Transcript spanish = Import("entrevista.txt", kSpanish);
  ASSERT_EQ(WaitScored(spanish.id()).status().state(), v1::SCORING_STATE_NOT_ENGLISH);
  auto ui = Open(ben_, spanish);
  ui->state().tab = ui::Tab::kSuggested;
  ui->Frame();
  const std::string text = ui->FrameText();
  EXPECT_NE(text.find("No suggestions for this transcript"), std::string::npos) << text;
  EXPECT_NE(text.find("does not rank other languages"), std::string::npos) << text;
  EXPECT_FALSE(ui->state().ControlRect(ui::Control::kFirstSuggestion).has_value());
}

}  // namespace
}  // namespace factdesk::testing
