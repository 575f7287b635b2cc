// Real ImGui frames, headless, with synthetic mouse and keyboard input, against a real
// in-process server: what a checker does with the mouse and keys ends up on the server.
#include <gtest/gtest.h>

#include "client/ui/keys.h"
#include "client/ui/reader_view.h"
#include "tests/support/test_server.h"
#include "tests/ui/headless_ui.h"

namespace factdesk::testing {
namespace {

class DesktopUiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>();
    ana_ = server_->AddUser("ana");
    ben_ = server_->AddUser("ben");
    server_->CreateWorkspace("desk", ana_);
    server_->AddMember("desk", ben_, "checker");
    v1::GetWorkspaceRequest wreq;
    wreq.set_slug("desk");
    v1::Workspace ws;
    ASSERT_TRUE(server_->workspaces()->GetWorkspace(Ctx(ben_.token).get(), wreq, &ws).ok());
    v1::ImportTranscriptRequest req;
    req.set_workspace_id(ws.id());
    req.set_filename("000_964967168d34df55.txt");
    req.set_content(ReadFile(SharedPath("seeds/000_964967168d34df55.txt")));
    v1::ImportTranscriptResponse resp;
    const auto status = server_->transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &resp);
    ASSERT_TRUE(status.ok()) << status.error_message();
    transcript_ = resp.transcript();
  }
  static void TearDownTestSuite() { server_.reset(); }

  // A desktop signed in as `user`, showing the transcript.
  std::unique_ptr<HeadlessUi> Open(const TestUser& user) {
    app::Controller::Options o;
    o.channel = server_->channel();
    auto ui = std::make_unique<HeadlessUi>(o);
    client::ConnectionOptions c;
    c.address = server_->address();
    c.token = user.token;
    ui->controller().Connect(c, "desk");
    const bool loaded = ui->PumpUntil([&] {
      const auto& s = ui->controller().session();
      return s.connection.phase == ui::ConnectionInfo::Phase::kLive &&
             s.transcript_id == transcript_.id() && s.segments_complete &&
             !ui->state().visible_rows.empty();
    });
    EXPECT_TRUE(loaded) << "the workspace did not load";
    return ui;
  }

  static std::vector<v1::Claim> ServerClaims() {
    v1::ListClaimsRequest req;
    req.set_workspace_id(transcript_.workspace_id());
    v1::ListClaimsResponse resp;
    EXPECT_TRUE(server_->claims()->ListClaims(Ctx(ben_.token).get(), req, &resp).ok());
    return {resp.claims().begin(), resp.claims().end()};
  }

  static std::unique_ptr<TestServer> server_;
  static TestUser ana_;
  static TestUser ben_;
  static v1::Transcript transcript_;
};

std::unique_ptr<TestServer> DesktopUiTest::server_;
TestUser DesktopUiTest::ana_;
TestUser DesktopUiTest::ben_;
v1::Transcript DesktopUiTest::transcript_;

// The byte offsets of the first `words` words of a line: [start of word 1, end of word N).
std::pair<std::size_t, std::size_t> Words(const std::string& text, std::size_t begin,
                                          std::size_t end, int words) {
  std::size_t a = begin;
  while (a < end && text[a] == ' ') ++a;
  std::size_t b = a;
  for (int w = 0; w < words && b < end; ++w) {
    while (b < end && text[b] == ' ') ++b;
    while (b < end && text[b] != ' ') ++b;
  }
  return {a, b};
}

TEST_F(DesktopUiTest, DragSelectsTextAndCtrlMMarksItOnTheServer) {
  auto ui = Open(ben_);
  // The first speech segment on screen, three words of its first line.
  const ui::VisibleRow* row = nullptr;
  const v1::Segment* seg = nullptr;
  for (const auto& r : ui->state().visible_rows) {
    const v1::Segment* s = ui->model().FindSegment(r.segment_id);
    if (s != nullptr && s->kind() == v1::SEGMENT_KIND_SPEECH && s->text().size() > 60) {
      row = &r;
      seg = s;
      break;
    }
  }
  ASSERT_NE(seg, nullptr) << "no speech segment on screen";
  const auto [a, b] = Words(seg->text(), row->layout.lines[0].begin, row->layout.lines[0].end, 3);
  const std::string expected = seg->text().substr(a, b - a);
  const auto from = ui::ReaderView::PointOfByte(ui->state(), ui->model(), seg->id(), a);
  const auto to = ui::ReaderView::PointOfByte(ui->state(), ui->model(), seg->id(), b);
  ASSERT_TRUE(from && to);

  ui->Drag(*from, *to);
  const ui::TextSelection& sel = ui->state().selection;
  EXPECT_EQ(sel.segment_id, seg->id());
  EXPECT_EQ(sel.start(), a);
  EXPECT_EQ(sel.end(), b);
  // The floating button is offered beside the selection.
  ui->Frame();
  EXPECT_TRUE(ui->state().ControlRect(ui::Control::kMarkButton).has_value());

  ui->Key(ui::key::Letter('M'), /*ctrl=*/true);
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().claim_count() == 1; }))
      << "the claim never came back";
  const auto claims = ServerClaims();
  ASSERT_EQ(claims.size(), 1U);
  EXPECT_EQ(claims[0].quote(), expected);
  EXPECT_EQ(claims[0].segment_id(), seg->id());
  EXPECT_EQ(claims[0].start_byte(), static_cast<int>(a));
  EXPECT_EQ(claims[0].end_byte(), static_cast<int>(b));
  // The new claim opens in the inspector, the selection is gone.
  EXPECT_TRUE(ui->PumpUntil([&] { return ui->state().claim_id == claims[0].id(); }));
  EXPECT_TRUE(ui->state().selection.empty());
}

TEST_F(DesktopUiTest, TypeANoteInTheInspectorAndItIsStored) {
  auto ui = Open(ben_);
  ASSERT_FALSE(ServerClaims().empty()) << "runs after the marking test";
  const std::int64_t claim_id = ServerClaims().front().id();
  // J opens the first claim from the top of the reader.
  ui->Key(ui::key::Letter('J'));
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->state().claim_id == claim_id && ui->model().NotesLoaded(claim_id) &&
           ui->state().ControlRect(ui::Control::kNoteInput).has_value();
  }));
  const ui::Rect input = *ui->state().ControlRect(ui::Control::kNoteInput);
  ASSERT_LT(input.y1, 800) << "the note field is off screen";
  ui->Click(ImVec2((input.x0 + input.x1) / 2, (input.y0 + input.y1) / 2));
  EXPECT_TRUE(ui->state().typing);
  const std::string body = "Checked the census tables: the 2013 figure is right.";
  ui->Type(body);
  // Letters typed into a field are not shortcuts: "J" and "K" above did not move.
  EXPECT_EQ(ui->state().claim_id, claim_id);
  ui->Frame();
  const ui::Rect submit = *ui->state().ControlRect(ui::Control::kNoteSubmit);
  ui->Click(ImVec2((submit.x0 + submit.x1) / 2, (submit.y0 + submit.y1) / 2));
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().Notes(claim_id).size() == 1; }));

  v1::ListNotesRequest req;
  req.set_claim_id(claim_id);
  v1::ListNotesResponse resp;
  ASSERT_TRUE(server_->notes()->ListNotes(Ctx(ana_.token).get(), req, &resp).ok());
  ASSERT_EQ(resp.notes_size(), 1);
  EXPECT_EQ(resp.notes(0).body(), body);
  EXPECT_EQ(resp.notes(0).author().handle(), "ben");
  EXPECT_TRUE(ui->state().DraftFor(claim_id).note.empty());
}

TEST_F(DesktopUiTest, RemoteEditsNeverOverwriteTypingAndConflictsArePlain) {
  auto ui = Open(ben_);
  const v1::Claim claim = ServerClaims().front();
  ui->state().claim_id = claim.id();
  ASSERT_TRUE(ui->PumpUntil(
      [&] { return ui->state().ControlRect(ui::Control::kSummaryInput).has_value(); }));
  const ui::Rect field = *ui->state().ControlRect(ui::Control::kSummaryInput);
  ui->Click(ImVec2(field.x1 - 4, field.y1 - 4));
  ui->Key(ui::key::kEnd, /*ctrl=*/true);
  ui->Type(" (mine)");
  const std::string mine = ui->state().DraftFor(claim.id()).summary;
  ASSERT_NE(mine.find("(mine)"), std::string::npos);

  // Ana changes the summary meanwhile; the change arrives live.
  v1::UpdateClaimRequest upd;
  upd.set_claim_id(claim.id());
  upd.set_expected_version(claim.version());
  upd.set_summary("Ana's wording");
  v1::Claim updated;
  ASSERT_TRUE(server_->claims()->UpdateClaim(Ctx(ana_.token).get(), upd, &updated).ok());
  ASSERT_TRUE(ui->PumpUntil(
      [&] { return ui->model().FindClaim(claim.id())->summary() == "Ana's wording"; }));
  EXPECT_EQ(ui->state().DraftFor(claim.id()).summary, mine) << "the draft was overwritten";

  // Saving names the old version: refused, and both texts are shown.
  ui::ActionList actions{ui::action::UpdateClaim{claim.id(), claim.version(), mine, std::nullopt}};
  ui->controller().Dispatch(actions);
  ASSERT_TRUE(
      ui->PumpUntil([&] { return ui->controller().session().conflicts.contains(claim.id()); }));
  const auto& conflict = ui->controller().session().conflicts.at(claim.id());
  EXPECT_EQ(conflict.their_text, "Ana's wording");
  EXPECT_EQ(conflict.my_text, mine);
  EXPECT_EQ(conflict.current_version, updated.version());
  // "Keep mine and retry".
  ui::ActionList retry{
      ui::action::UpdateClaim{claim.id(), conflict.current_version, mine, std::nullopt}};
  ui->controller().Dispatch(retry);
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().FindClaim(claim.id())->summary() == mine; }));
  EXPECT_FALSE(ui->controller().session().conflicts.contains(claim.id()));
}

TEST_F(DesktopUiTest, RemoteClaimsNeverMoveTheScrollPosition) {
  auto ui = Open(ben_);
  ui->state().claim_id = 0;
  ui->state().scroll_to_ordinal = 20;
  ui->Frame();
  ui->Frame();
  const ui::ScrollAnchor before = ui->state().anchors.at(transcript_.id());
  const std::int64_t top = ui->state().top_segment_id;
  const std::size_t claims = ui->model().claim_count();
  // Ana marks a claim above the viewport.
  const v1::Segment* seg = nullptr;
  for (int o = 0; o < 10 && seg == nullptr; ++o) {
    const v1::Segment* s = ui->model().SegmentAt(transcript_.id(), o);
    if (s != nullptr && s->kind() == v1::SEGMENT_KIND_SPEECH) seg = s;
  }
  ASSERT_NE(seg, nullptr);
  v1::CreateClaimRequest req;
  req.set_segment_id(seg->id());
  req.set_start_byte(0);
  req.set_end_byte(4);
  v1::Claim created;
  ASSERT_TRUE(server_->claims()->CreateClaim(Ctx(ana_.token).get(), req, &created).ok());
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().claim_count() == claims + 1; }));
  ui->Frame();
  EXPECT_EQ(ui->state().anchors.at(transcript_.id()), before);
  EXPECT_EQ(ui->state().top_segment_id, top);
  EXPECT_EQ(ui->state().claim_id, 0) << "a remote change stole the selection";
  EXPECT_GE(ui->model().UnseenChanges(), 1);
}

}  // namespace
}  // namespace factdesk::testing
