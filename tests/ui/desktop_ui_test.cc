// Real ImGui frames, headless, with synthetic mouse and keyboard input, against a real
// in-process server: what a checker does with the mouse and keys ends up on the server.
#include <algorithm>
#include <cfloat>
#include <fstream>
#include <set>
#include <string_view>
#include <thread>

#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "client/ui/keys.h"
#include "client/ui/reader_view.h"
#include "client/ui/word_bounds.h"
#include "factdesk/v1/archive.grpc.pb.h"
#include "tests/support/test_postgres.h"
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
  std::unique_ptr<HeadlessUi> Open(const TestUser& user, ImVec2 display = ImVec2(1280, 800)) {
    app::Controller::Options o;
    o.channel = server_->channel();
    auto ui = std::make_unique<HeadlessUi>(o, display);
    EXPECT_TRUE(ui->ShowTranscript(server_->address(), user.token, transcript_.id()))
        << "the workspace did not load";
    return ui;
  }

  static std::vector<v1::Claim> ServerClaims() {
    v1::ListClaimsRequest req;
    req.set_workspace_id(transcript_.workspace_id());
    v1::ListClaimsResponse resp;
    EXPECT_TRUE(server_->claims()->ListClaims(Ctx(ben_.token).get(), req, &resp).ok());
    return {resp.claims().begin(), resp.claims().end()};
  }

  // Marks the first 12 bytes of the first speech segment at or past `min_ordinal`.
  static v1::Claim MarkSpeech(int min_ordinal, const TestUser& by) {
    v1::ListSegmentsRequest lreq;
    lreq.set_transcript_id(transcript_.id());
    v1::ListSegmentsResponse segs;
    EXPECT_TRUE(server_->transcripts()->ListSegments(Ctx(by.token).get(), lreq, &segs).ok());
    for (const auto& s : segs.segments()) {
      if (s.kind() != v1::SEGMENT_KIND_SPEECH || s.text().size() < 30 ||
          s.ordinal() < min_ordinal) {
        continue;
      }
      v1::CreateClaimRequest req;
      req.set_segment_id(s.id());
      req.set_start_byte(0);
      req.set_end_byte(12);
      v1::Claim c;
      EXPECT_TRUE(server_->claims()->CreateClaim(Ctx(by.token).get(), req, &c).ok());
      return c;
    }
    ADD_FAILURE() << "no speech segment at or past " << min_ordinal;
    return {};
  }

  // A claim to work on: the first one, marked through the API if there is none yet
  // (the tests do not depend on their order).
  static v1::Claim SomeClaim() {
    auto claims = ServerClaims();
    return claims.empty() ? MarkSpeech(0, ben_) : claims.front();
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

  const std::size_t before = ServerClaims().size();
  ui->Key(ui::key::Letter('M'), /*ctrl=*/true);
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().claim_count() == before + 1; }))
      << "the claim never came back";
  v1::Claim marked;
  for (const auto& c : ServerClaims()) {
    if (c.segment_id() == seg->id() && c.start_byte() == static_cast<int>(a)) marked = c;
  }
  ASSERT_NE(marked.id(), 0) << "no claim at the selection on the server";
  EXPECT_EQ(marked.quote(), expected);
  EXPECT_EQ(marked.end_byte(), static_cast<int>(b));
  EXPECT_EQ(marked.created_by().handle(), "ben");
  // The new claim opens in the inspector, the selection is gone.
  EXPECT_TRUE(ui->PumpUntil([&] { return ui->state().claim_id == marked.id(); }));
  EXPECT_TRUE(ui->state().selection.empty());
}

TEST_F(DesktopUiTest, DraggingPastTheBottomEdgeScrollsAndKeepsSelecting) {
  auto ui = Open(ben_);
  // The last speech segment that starts on screen: most of it lies below the edge.
  const ui::VisibleRow* row = nullptr;
  for (const auto& r : ui->state().visible_rows) {
    const v1::Segment* s = ui->model().FindSegment(r.segment_id);
    // Its first line above the status bar, where a press lands in the reader.
    if (s != nullptr && s->kind() == v1::SEGMENT_KIND_SPEECH &&
        r.text_y + 4 * r.layout.line_height < 800) {
      row = &r;
    }
  }
  ASSERT_NE(row, nullptr);
  const std::int64_t segment_id = row->segment_id;
  const std::int32_t top_before = ui->state().top_ordinal;
  const ImVec2 from(row->text_x + 2, row->text_y + row->layout.line_height / 2);
  ui->Drag(from, ImVec2(from.x + 40, 799), /*hold_frames=*/40);
  EXPECT_GT(ui->state().top_ordinal, top_before) << "the view did not scroll";
  const ui::TextSelection& sel = ui->state().selection;
  EXPECT_EQ(sel.segment_id, segment_id);
  EXPECT_EQ(sel.start(), 0U);
  EXPECT_GT(sel.end(), 0U);
}

TEST_F(DesktopUiTest, TheKeyboardAloneSelectsWordsAndCtrlMMarksThem) {
  auto ui = Open(ben_);
  ASSERT_EQ(ui->state().selection.segment_id, 0);
  // The first Shift+arrow starts at the first speech segment on screen.
  const v1::Segment* seg = nullptr;
  for (const auto& r : ui->state().visible_rows) {
    const v1::Segment* s = ui->model().FindSegment(r.segment_id);
    if (s != nullptr && s->kind() == v1::SEGMENT_KIND_SPEECH) {
      seg = s;
      break;
    }
  }
  ASSERT_NE(seg, nullptr);
  // Shift+Down moves the caret to the next speech segment; Shift+Up comes back.
  ui->Key(ui::key::kDown, false, /*shift=*/true);
  EXPECT_EQ(ui->state().selection.segment_id, seg->id());
  ui->Key(ui::key::kDown, false, true);
  EXPECT_NE(ui->state().selection.segment_id, seg->id());
  ui->Key(ui::key::kUp, false, true);
  ASSERT_EQ(ui->state().selection.segment_id, seg->id());
  // Ctrl+Shift+Right three times: three words.
  for (int i = 0; i < 3; ++i) ui->Key(ui::key::kRight, /*ctrl=*/true, /*shift=*/true);
  const std::string& text = seg->text();
  const auto [a, b] = Words(text, 0, text.size(), 3);
  EXPECT_EQ(ui->state().selection.start(), 0U);
  EXPECT_EQ(ui->state().selection.end(), b);
  // One code point back, then forward again.
  ui->Key(ui::key::kLeft, false, true);
  EXPECT_EQ(ui->state().selection.end(), b - 1);
  ui->Key(ui::key::kRight, false, true);
  EXPECT_EQ(ui->state().selection.end(), b);

  const std::size_t before = ServerClaims().size();
  ui->Key(ui::key::Letter('M'), /*ctrl=*/true);
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().claim_count() == before + 1; }));
  bool found = false;
  for (const auto& c : ServerClaims()) {
    found = found || (c.segment_id() == seg->id() && c.start_byte() == static_cast<int>(a) &&
                      c.end_byte() == static_cast<int>(b) && c.quote() == text.substr(a, b - a));
  }
  EXPECT_TRUE(found) << "no claim \"" << text.substr(a, b - a) << "\" on the server";
  // Marking used up the selection; a new caret is dropped by Esc.
  EXPECT_EQ(ui->state().selection.segment_id, 0);
  ui->Key(ui::key::kDown, false, true);
  EXPECT_NE(ui->state().selection.segment_id, 0);
  ui->Key(ui::key::kEscape);
  EXPECT_EQ(ui->state().selection.segment_id, 0);
}

TEST_F(DesktopUiTest, TheFilterBarNarrowsWhatJVisitsToMyClaims) {
  // Two claims in reading order; ben takes only the later one.
  auto claims = ServerClaims();
  while (claims.size() < 2) {
    MarkSpeech(21 + static_cast<int>(claims.size()), ana_);
    claims = ServerClaims();
  }
  std::sort(claims.begin(), claims.end(), [](const v1::Claim& a, const v1::Claim& b) {
    return a.segment_ordinal() != b.segment_ordinal() ? a.segment_ordinal() < b.segment_ordinal()
                                                      : a.start_byte() < b.start_byte();
  });
  const v1::Claim& mine = claims.back();
  if (mine.assignees_size() == 0) {
    v1::TakeClaimRequest take;
    take.set_claim_id(mine.id());
    v1::Claim taken;
    ASSERT_TRUE(server_->claims()->TakeClaim(Ctx(ben_.token).get(), take, &taken).ok());
  }

  auto ui = Open(ben_);
  ui->Frame();
  const ui::Rect button = *ui->state().ControlRect(ui::Control::kFilterButton);
  ui->Click(ImVec2((button.x0 + button.x1) / 2, (button.y0 + button.y1) / 2));
  ASSERT_TRUE(ui->state().filter_open);
  ui->Frame();
  const ui::Rect check = *ui->state().ControlRect(ui::Control::kFilterMine);
  ui->Click(ImVec2(check.x0 + 4, (check.y0 + check.y1) / 2));
  ASSERT_TRUE(ui->state().filter.assigned_to_me);
  ui->Key(ui::key::Letter('J'));
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->state().claim_id != 0; }));
  const v1::Claim* opened = ui->model().FindClaim(ui->state().claim_id);
  ASSERT_NE(opened, nullptr);
  bool assigned_to_ben = false;
  for (const auto& u : opened->assignees()) assigned_to_ben |= u.handle() == "ben";
  EXPECT_TRUE(assigned_to_ben) << "J opened claim " << opened->id() << ", not one of ben's";
  EXPECT_NE(opened->id(), claims.front().id());
  // Cleared, J visits every claim again.
  ui->state().filter = {};
  ui->state().claim_id = 0;
  ui->state().scroll_to_ordinal = 0;
  ui->Frame();
  ui->Key(ui::key::Letter('J'));
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->state().claim_id != 0; }));
  EXPECT_EQ(ui->state().claim_id, claims.front().id());
}

TEST_F(DesktopUiTest, TypeANoteInTheInspectorAndItIsStored) {
  (void)SomeClaim();
  auto ui = Open(ben_);
  // J opens the first claim in reading order.
  const auto in_order = ui->model().ClaimsOfTranscript(transcript_.id());
  ASSERT_FALSE(in_order.empty());
  const std::int64_t claim_id = in_order.front()->id();
  ui->Key(ui::key::Letter('J'));
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->state().claim_id == claim_id && ui->model().NotesLoaded(claim_id) &&
           ui->state().ControlRect(ui::Control::kNoteInput).has_value();
  })) << "open claim "
      << ui->state().claim_id << ", expected " << claim_id << ", top ordinal "
      << ui->state().top_ordinal;
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
  const v1::Claim claim = SomeClaim();
  auto ui = Open(ben_);
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
  // The stream may bring the new summary before the reply clears the conflict.
  EXPECT_TRUE(ui->PumpUntil([&] {
    return ui->model().FindClaim(claim.id())->summary() == mine &&
           !ui->controller().session().conflicts.contains(claim.id());
  })) << "the retry did not settle the conflict";
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

TEST_F(DesktopUiTest, OthersSeeWhereIAmAndWhatIAmEditing) {
  const v1::Claim claim = SomeClaim();
  auto ben = Open(ben_);
  auto ana = Open(ana_);
  // Ben opens the claim in his inspector: his next heartbeat says he is editing it.
  ben->state().claim_id = claim.id();
  auto editing = [&] {
    for (const v1::Presence* p : ana->model().PresentOnClaim(claim.id())) {
      if (p->user().handle() == "ben" && p->activity() == v1::ACTIVITY_EDITING) return true;
    }
    return false;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!editing() && std::chrono::steady_clock::now() < deadline) {
    ben->Frame();
    ana->Frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(editing()) << "ana never saw ben editing";
  EXPECT_FALSE(ana->model().PresentInSegment(claim.segment_id()).empty());
  // Ben closes his window: he leaves at once (no 30 s expiry).
  ben.reset();
  EXPECT_TRUE(ana->PumpUntil([&] { return ana->model().PresentOthers().empty(); }));
}

TEST_F(DesktopUiTest, ADashboardRowJumpsToItsClaimInTheReader) {
  // A claim nobody has sourced yet.
  const v1::Claim unsourced = MarkSpeech(61, ben_);
  ASSERT_NE(unsourced.id(), 0);

  auto ui = Open(ben_);
  ui->state().tab = ui::Tab::kDashboard;
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->state().ControlRect(ui::Control::kFirstUnsourcedClaim).has_value();
  })) << "the dashboard lists no claim without a source";
  const auto& dashboard = *ui->controller().session().dashboard;
  const std::int64_t first = dashboard.claims_without_source_ids(0);
  EXPECT_GE(dashboard.claims_without_source(), 1);
  const auto& ids = dashboard.claims_without_source_ids();
  EXPECT_NE(std::find(ids.begin(), ids.end(), unsourced.id()), ids.end());
  const ui::Rect row = *ui->state().ControlRect(ui::Control::kFirstUnsourcedClaim);
  ui->Click(ImVec2((row.x0 + row.x1) / 2, (row.y0 + row.y1) / 2));
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->state().tab == ui::Tab::kReader; }));
  EXPECT_EQ(ui->state().claim_id, first);
  // The reader scrolled to the claim's segment.
  const v1::Claim* c = ui->model().FindClaim(first);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(ui->PumpUntil([&] {
    return std::any_of(ui->state().visible_rows.begin(), ui->state().visible_rows.end(),
                       [&](const ui::VisibleRow& r) { return r.segment_id == c->segment_id(); });
  }));
}

TEST_F(DesktopUiTest, ATagAddedInTheInspectorFiltersTheReaderFromTheDashboard) {
  const v1::Claim claim = MarkSpeech(81, ben_);
  ASSERT_NE(claim.id(), 0);
  auto ui = Open(ben_);
  auto center = [](const ui::Rect& r) { return ImVec2((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2); };
  ui->state().claim_id = claim.id();
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->state().ControlRect(ui::Control::kTagInput).has_value();
  })) << "the inspector shows no tag field";
  ui->Click(center(*ui->state().ControlRect(ui::Control::kTagInput)));
  EXPECT_TRUE(ui->state().typing);
  ui->Type("economy");
  ui->Frame();
  ui->Click(center(*ui->state().ControlRect(ui::Control::kTagAdd)));
  ASSERT_TRUE(ui->PumpUntil([&] {
    const v1::Claim* c = ui->model().FindClaim(claim.id());
    return c != nullptr && c->tags_size() == 1 && c->tags(0) == "economy";
  })) << "the tag did not reach the desktop's copy of the claim";
  v1::GetClaimRequest get;
  get.set_claim_id(claim.id());
  v1::Claim stored;
  ASSERT_TRUE(server_->claims()->GetClaim(Ctx(ana_.token).get(), get, &stored).ok());
  ASSERT_EQ(stored.tags_size(), 1);
  EXPECT_EQ(stored.tags(0), "economy");

  // The dashboard counts it; its row shows the tagged claims in the reader.
  ui->state().claim_id = 0;
  ui->state().tab = ui::Tab::kDashboard;
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->state().ControlRect(ui::Control::kFirstTagRow).has_value();
  })) << "the dashboard lists no tag";
  const auto& dashboard = *ui->controller().session().dashboard;
  ASSERT_GE(dashboard.by_tag_size(), 1);
  EXPECT_EQ(dashboard.by_tag(0).tag(), "economy");
  ui->Click(center(*ui->state().ControlRect(ui::Control::kFirstTagRow)));
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->state().tab == ui::Tab::kReader; }));
  EXPECT_EQ(ui->state().filter.tag, "economy");
  EXPECT_TRUE(ui->state().filter_open);
  ui->Frame();
  EXPECT_TRUE(ui->state().ControlRect(ui::Control::kFilterTag).has_value());
  // J visits only the tagged claim, though others come first in reading order.
  ui->Key(ui::key::Letter('J'));
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->state().claim_id != 0; }));
  EXPECT_EQ(ui->state().claim_id, claim.id());
}

TEST_F(DesktopUiTest, AnEditorDecidesADisputeFromTheQueue) {
  // Ben and Ana disagree on a sourced claim: a dispute opens.
  const v1::Claim claim = SomeClaim();
  v1::AddSourceRequest src;
  src.set_claim_id(claim.id());
  src.set_url("https://example.org/census-2013");
  src.set_title("Census 2013 tables");
  src.set_stance(v1::STANCE_SUPPORTS);
  v1::Source source;
  ASSERT_TRUE(server_->sources()->AddSource(Ctx(ben_.token).get(), src, &source).ok());
  for (const auto& [who, verdict] : {std::pair{&ben_, "True"}, std::pair{&ana_, "False"}}) {
    v1::SubmitReviewRequest req;
    req.set_claim_id(claim.id());
    req.set_verdict(verdict);
    req.set_rationale(std::string("Read the census as ") + verdict);
    req.set_confidence(v1::CONFIDENCE_MEDIUM);
    v1::SubmitReviewResponse resp;
    const auto status = server_->reviews()->SubmitReview(Ctx(who->token).get(), req, &resp);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  auto ui = Open(ana_);
  ui->state().tab = ui::Tab::kDisputes;
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->state().ControlRect(ui::Control::kFirstDispute).has_value();
  })) << "the queue shows no dispute";
  const ui::Rect row = *ui->state().ControlRect(ui::Control::kFirstDispute);
  ui->Click(ImVec2((row.x0 + row.x1) / 2, (row.y0 + row.y1) / 2));
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->state().ControlRect(ui::Control::kDecideReasoning).has_value();
  })) << "the dispute's detail did not open";
  EXPECT_EQ(ui->state().dispute_claim_id, claim.id());
  // The page names the dispute apart from its claim and gives each source's stance and URL.
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().SourcesLoaded(claim.id()); }));
  const std::string page = ui->FrameText();
  EXPECT_NE(page.find("on claim #" + std::to_string(claim.id())), std::string::npos) << page;
  EXPECT_NE(page.find("Dispute #"), std::string::npos) << page;
  EXPECT_NE(page.find("supports"), std::string::npos) << page;
  EXPECT_NE(page.find("Census 2013 tables"), std::string::npos) << page;
  EXPECT_NE(page.find("https://example.org/census-2013"), std::string::npos) << page;
  ui->state().decide_verdict = "False";  // the scale's combo
  const ui::Rect reasoning = *ui->state().ControlRect(ui::Control::kDecideReasoning);
  ui->Click(ImVec2((reasoning.x0 + reasoning.x1) / 2, (reasoning.y0 + reasoning.y1) / 2));
  ui->Type("The 2013 census table says otherwise.");
  ui->Frame();
  const ui::Rect decide = *ui->state().ControlRect(ui::Control::kDecideButton);
  ui->Click(ImVec2((decide.x0 + decide.x1) / 2, (decide.y0 + decide.y1) / 2));
  ASSERT_TRUE(ui->PumpUntil([&] {
    const v1::Claim* c = ui->model().FindClaim(claim.id());
    return c != nullptr && c->status() == v1::CLAIM_STATUS_RESOLVED;
  })) << "the claim did not resolve";

  v1::GetClaimRequest get;
  get.set_claim_id(claim.id());
  v1::Claim stored;
  ASSERT_TRUE(server_->claims()->GetClaim(Ctx(ben_.token).get(), get, &stored).ok());
  EXPECT_EQ(stored.status(), v1::CLAIM_STATUS_RESOLVED);
  EXPECT_EQ(stored.final_verdict().label(), "False");
  v1::ListDisputesRequest list;
  list.set_workspace_id(stored.workspace_id());
  v1::ListDisputesResponse disputes;
  ASSERT_TRUE(server_->reviews()->ListDisputes(Ctx(ana_.token).get(), list, &disputes).ok());
  ASSERT_GE(disputes.disputes_size(), 1);
  bool decided = false;
  for (const auto& d : disputes.disputes()) {
    decided |= d.claim_id() == claim.id() && d.status() == v1::DISPUTE_STATUS_CLOSED &&
               d.reasoning() == "The 2013 census table says otherwise." &&
               d.decided_by().handle() == "ana";
  }
  EXPECT_TRUE(decided);
}

TEST_F(DesktopUiTest, TheConnectScreenSaysPlainlyWhatWentWrong) {
  auto connect = [](const std::string& address, const std::string& token) {
    auto ui = std::make_unique<HeadlessUi>(app::Controller::Options{});
    ui->Frame();
    // Typed into the connect screen and sent with its button's action.
    ui::ActionList actions{ui::action::Connect{address, token, false, ""}};
    ui->controller().Dispatch(actions);
    EXPECT_TRUE(ui->PumpUntil([&] {
      return ui->controller().session().connection.phase == ui::ConnectionInfo::Phase::kSignedOut &&
             !ui->controller().session().connect_error.empty();
    }));
    return ui->controller().session().connect_error;
  };
  EXPECT_NE(connect("127.0.0.1:1", "whatever").find("cannot reach the server at 127.0.0.1:1"),
            std::string::npos);
  EXPECT_NE(connect(server_->address(), "fd_not-a-real-token").find("the token was refused"),
            std::string::npos);
  // A good token signs in and lists the workspaces to pick from.
  auto ui = std::make_unique<HeadlessUi>(app::Controller::Options{});
  ui::ActionList actions{ui::action::Connect{server_->address(), ben_.token, false, ""}};
  ui->controller().Dispatch(actions);
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->controller().session().connection.phase == ui::ConnectionInfo::Phase::kPicking;
  }));
  ASSERT_EQ(ui->controller().session().workspaces.size(), 1U);
  EXPECT_EQ(ui->controller().session().workspaces[0].slug(), "desk");
  // The bare address was asked and found to be plaintext (TLS discovery: tls_e2e_tests).
  EXPECT_FALSE(ui->controller().session().connection.tls);
}

TEST_F(DesktopUiTest, ADatabaseThatIsDownIsNotTakenForAServerThatIsDown) {
  // A server of its own, on a PostgreSQL of its own that the test stops.
  PrivatePostgres pg;
  TestServer server(pg.Url(), nullptr);
  const TestUser cara = server.AddUser("cara");
  server.CreateWorkspace("down", cara);

  // Working in a workspace when the database goes down: the notice names the database.
  app::Controller::Options o;
  o.channel = server.channel();
  auto ui = std::make_unique<HeadlessUi>(o);
  client::ConnectionOptions c;
  c.address = server.address();
  c.token = cara.token;
  ui->controller().Connect(c, "down");
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->controller().session().connection.phase == ui::ConnectionInfo::Phase::kLive;
  }));
  pg.Stop();
  ui::ActionList refresh{ui::action::RefreshDashboard{}};
  ui->controller().Dispatch(refresh);
  const auto dashboard_notice = [&]() -> std::string {
    for (const ui::Notice& n : ui->controller().session().notices) {
      if (n.text.rfind("cannot load the dashboard: ", 0) == 0) return n.text;
    }
    return "";
  };
  ASSERT_TRUE(ui->PumpUntil([&] { return !dashboard_notice().empty(); }));
  const std::string notice = dashboard_notice();
  const std::string unavailable =
      "the database \"factdesk\" (local socket) is unavailable; try again (error id ";
  EXPECT_EQ(notice.rfind("cannot load the dashboard: " + unavailable, 0), 0U) << notice;

  // Signing in on the connect screen while it is down says the same.
  auto fresh = std::make_unique<HeadlessUi>(app::Controller::Options{});
  fresh->Frame();
  ui::ActionList connect{ui::action::Connect{server.address(), cara.token, false, ""}};
  fresh->controller().Dispatch(connect);
  ASSERT_TRUE(fresh->PumpUntil([&] {
    const auto& s = fresh->controller().session();
    return s.connection.phase != ui::ConnectionInfo::Phase::kConnecting && !s.connect_error.empty();
  }));
  const std::string& error = fresh->controller().session().connect_error;
  EXPECT_EQ(error.rfind(unavailable, 0), 0U) << error;
  EXPECT_EQ(error.find("cannot reach"), std::string::npos) << error;
}

TEST_F(DesktopUiTest, CtrlFSearchesOnTheServerAndJumpsToTheHits) {
  auto ui = Open(ben_);
  ui->Key(ui::key::Letter('F'), /*ctrl=*/true);
  ui->Frame();
  EXPECT_TRUE(ui->state().search_open);
  EXPECT_TRUE(ui->state().typing) << "the search field has the keyboard";
  ui->Type("Shenzhen");
  ui->Key(ui::key::kEnter);
  ASSERT_TRUE(ui->PumpUntil([&] {
    const auto& s = ui->controller().session().search;
    return !s.loading && !s.hits.empty() && ui->state().search_index == 0;
  }));
  const auto& hits = ui->controller().session().search.hits;
  for (const auto& h : hits) {
    EXPECT_NE(h.segment().text().find("Shenzhen"), std::string::npos) << h.segment().text();
  }
  // The reader jumped: the first hit is on screen.
  ui->Frame();
  const std::int64_t first = hits.front().segment().id();
  EXPECT_TRUE(std::any_of(ui->state().visible_rows.begin(), ui->state().visible_rows.end(),
                          [&](const ui::VisibleRow& r) { return r.segment_id == first; }));
  if (hits.size() > 1) {
    ui->Key(ui::key::kF3);
    EXPECT_EQ(ui->state().search_index, 1);
  }
  // Esc (outside the field) closes the bar.
  ui->Click(ImVec2(600, 500));
  ui->Key(ui::key::kEscape);
  EXPECT_FALSE(ui->state().search_open);
}

TEST_F(DesktopUiTest, SearchReadsEveryPageOfHitsAndVisitsThemInReadingOrder) {
  // A hearing of 1,200 turns that all mention the budget: more hits than one page holds.
  constexpr int kTurns = 1200;
  std::string text;
  for (int i = 1; i <= kTurns; ++i) {
    text += (i % 2 == 0 ? "Ana Moreno" : "Ben Okafor");
    text += ": Turn " + std::to_string(i) + " of the hearing on the budget.\n";
  }
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(transcript_.workspace_id());
  req.set_filename("long-hearing.txt");
  req.set_content(text);
  v1::ImportTranscriptResponse imported;
  ASSERT_TRUE(server_->transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &imported).ok());

  app::Controller::Options o;
  o.channel = server_->channel();
  HeadlessUi ui(o);
  client::ConnectionOptions c;
  c.address = server_->address();
  c.token = ben_.token;
  ui.controller().Connect(c, "desk");
  ui.state().transcript_id = imported.transcript().id();
  ASSERT_TRUE(ui.PumpUntil([&] {
    const auto& s = ui.controller().session();
    return s.connection.phase == ui::ConnectionInfo::Phase::kLive &&
           s.transcript_id == imported.transcript().id() && s.segments_complete;
  }));
  ui.Key(ui::key::Letter('F'), /*ctrl=*/true);
  ui.Frame();
  ui.Type("budget");
  ui.Key(ui::key::kEnter);
  ASSERT_TRUE(ui.PumpUntil([&] {
    const auto& s = ui.controller().session().search;
    return !s.loading && !s.hits.empty() && ui.state().search_index == 0;
  }));
  const auto& search = ui.controller().session().search;
  EXPECT_TRUE(search.error.empty()) << search.error;
  EXPECT_EQ(search.total, kTurns);
  ASSERT_EQ(search.hits.size(), static_cast<std::size_t>(kTurns)) << "only some pages were read";
  std::set<std::int64_t> segments;
  for (std::size_t i = 0; i < search.hits.size(); ++i) {
    segments.insert(search.hits[i].segment().id());
    if (i > 0) {
      EXPECT_LT(search.hits[i - 1].segment().ordinal(), search.hits[i].segment().ordinal());
    }
  }
  EXPECT_EQ(segments.size(), search.hits.size()) << "a hit came twice";
  // Shift+F3 from the first hit goes round to the last turn of the hearing.
  ui.Key(ui::key::kF3, /*ctrl=*/false, /*shift=*/true);
  ASSERT_EQ(ui.state().search_index, kTurns - 1);
  EXPECT_NE(search.hits.back().segment().text().find("Turn 1200 "), std::string::npos);
}

TEST_F(DesktopUiTest, ADroppedFileIsPreviewedLocallyThenImported) {
  auto ui = Open(ben_);
  TempDir dir;
  const std::string bad = dir.path() + "/broken.srt";
  const std::string good = dir.path() + "/panel.txt";
  {
    std::ofstream(bad) << "1\n00:00:01,000 --> garbage\nHello\n";
    std::ofstream(good) << "Ana Moreno: The bridge cost 40 million dollars.\n\n"
                           "Ben Okafor: It cost 52 million, according to the audit.\n";
  }
  const std::size_t transcripts = ui->model().Transcripts().size();
  ui::ActionList drop{ui::action::PreviewImport{bad}};
  ui->controller().Dispatch(drop);
  ASSERT_TRUE(ui->PumpUntil([&] {
    const auto& p = ui->controller().session().import;
    return p.open && !p.parsing;
  }));
  EXPECT_NE(ui->controller().session().import.error.find("line"), std::string::npos)
      << ui->controller().session().import.error;

  ui::ActionList drop_good{ui::action::PreviewImport{good}};
  ui->controller().Dispatch(drop_good);
  ASSERT_TRUE(ui->PumpUntil([&] {
    const auto& p = ui->controller().session().import;
    return p.open && !p.parsing && p.path == good;
  }));
  const auto& preview = ui->controller().session().import;
  EXPECT_TRUE(preview.error.empty()) << preview.error;
  EXPECT_EQ(preview.format, "text");
  EXPECT_EQ(preview.segment_count, 2);
  EXPECT_EQ(preview.speakers, (std::vector<std::string>{"Ana Moreno", "Ben Okafor"}));
  EXPECT_EQ(ui->model().Transcripts().size(), transcripts) << "nothing is sent before Import";

  ui::ActionList import{ui::action::Import{good, "Bridge panel", "", ""}};
  ui->controller().Dispatch(import);
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().Transcripts().size() == transcripts + 1; }));
  const v1::Transcript* t = ui->model().Transcripts().front();
  EXPECT_EQ(t->title(), "Bridge panel");
  EXPECT_EQ(t->segment_count(), 2);
  // The reader moves to the new transcript.
  EXPECT_TRUE(ui->PumpUntil([&] { return ui->state().transcript_id == t->id(); }));
  EXPECT_FALSE(ui->controller().session().import.open);
}

TEST_F(DesktopUiTest, PlainTextThatNamesNobodyAsksWhoSpeaksBeforeItIsImported) {
  auto ui = Open(ben_);
  TempDir dir;
  const std::string speech = dir.path() + "/speech.txt";
  std::ofstream(speech) << "We cut the deficit by a third in four years.\n\n"
                           "And unemployment is the lowest it has been since 1975.\n";
  ui::ActionList drop{ui::action::PreviewImport{speech}};
  ui->controller().Dispatch(drop);
  ASSERT_TRUE(ui->PumpUntil([&] {
    const auto& p = ui->controller().session().import;
    return p.open && !p.parsing && p.path == speech;
  }));
  const auto& preview = ui->controller().session().import;
  EXPECT_TRUE(preview.needs_speaker);
  EXPECT_EQ(preview.unattributed, 2);
  const std::string text = ui->FrameText();
  EXPECT_NE(text.find("No speaker labels were found"), std::string::npos) << text;
  EXPECT_NE(text.find("(nobody named)"), std::string::npos) << text;
  // The Speaker field, empty, shows its hint ("Speakers (0): none" above also says Speaker).
  EXPECT_NE(text.find("who speaks the unlabelled text"), std::string::npos) << text;

  // The server refuses it unnamed, naming the field, and stores nothing.
  const std::size_t transcripts = ui->model().Transcripts().size();
  ui::ActionList unnamed{ui::action::Import{speech, "Budget speech", "", ""}};
  ui->controller().Dispatch(unnamed);
  ASSERT_TRUE(ui->PumpUntil([&] { return !ui->controller().session().import.sending; }));
  EXPECT_TRUE(
      ui->controller().session().import.send_error.starts_with("speaker: no speaker labels"))
      << ui->controller().session().import.send_error;
  EXPECT_NE(ui->FrameText().find("The server refused the import: speaker:"), std::string::npos);
  EXPECT_EQ(ui->model().Transcripts().size(), transcripts);

  ui::ActionList named{ui::action::Import{speech, "Budget speech", "Jane Minister", ""}};
  ui->controller().Dispatch(named);
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().Transcripts().size() == transcripts + 1; }));
  const v1::Transcript* t = ui->model().Transcripts().front();
  ASSERT_EQ(t->speakers_size(), 1);
  EXPECT_EQ(t->speakers(0).name(), "Jane Minister");
}

TEST_F(DesktopUiTest, TheChangesListSaysInWordsWhatOthersDid) {
  const v1::Claim claim = MarkSpeech(71, ben_);
  ASSERT_NE(claim.id(), 0);
  auto ui = Open(ben_);
  // Ana adds a source while Ben reads.
  v1::AddSourceRequest req;
  req.set_claim_id(claim.id());
  req.set_url("https://example.org/census-tables-2013");
  req.set_title("Census tables 2013");
  req.set_stance(v1::STANCE_REFUTES);
  v1::Source source;
  ASSERT_TRUE(server_->sources()->AddSource(Ctx(ana_.token).get(), req, &source).ok());
  // And one whose title is longer than the screen is wide.
  std::string long_title = "Census tables 2013, annex";
  for (int i = 0; i < 12; ++i) long_title += " with every district figure";
  long_title += " and the closing word";
  req.set_url("https://example.org/census-annex");
  req.set_title(long_title);
  ASSERT_TRUE(server_->sources()->AddSource(Ctx(ana_.token).get(), req, &source).ok());
  ASSERT_TRUE(ui->PumpUntil([&] {
    const auto& changes = ui->controller().session().recent_changes;
    return std::count_if(changes.begin(), changes.end(), [](const model::Change& c) {
             return c.kind == v1::EVENT_KIND_SOURCE_ADDED;
           }) >= 2;
  })) << "Ana's sources never reached Ben's changes";

  const std::optional<ui::Rect> badge = ui->state().ControlRect(ui::Control::kChangesBadge);
  ASSERT_TRUE(badge.has_value());
  ui->Click(ImVec2((badge->x0 + badge->x1) / 2, (badge->y0 + badge->y1) / 2));
  ui->Frame();  // a popup sizes itself on its first frame and shows on the next
  const std::string shown = ui->FrameText();
  EXPECT_NE(shown.find("Recent changes by others"), std::string::npos) << shown;
  EXPECT_NE(shown.find("User ana added a source: Census tables 2013 (refutes)"), std::string::npos)
      << shown;
  EXPECT_EQ(shown.find("source.added"), std::string::npos) << shown;
  // The long title wraps inside the popup: its last words are on screen.
  EXPECT_NE(shown.find("closing"), std::string::npos) << shown;
  // Every window, the popup included, lies inside the display: no line is clipped.
  for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (!w->Active) continue;
    EXPECT_LE(w->Pos.x + w->Size.x, 1280.5F) << w->Name;
    EXPECT_LE(w->Pos.y + w->Size.y, 800.5F) << w->Name;
  }
}

// Whether a tooltip was drawn in the last frame.
bool TooltipShown() {
  for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (std::string_view(w->Name).starts_with("##Tooltip") && w->Active) return true;
  }
  return false;
}

TEST_F(DesktopUiTest, ADismissedClaimOffersNoSummaryEdit) {
  (void)SomeClaim();  // the other tests' first claim stays theirs
  const v1::Claim marked = MarkSpeech(81, ben_);
  v1::DismissClaimRequest dismiss;
  dismiss.set_claim_id(marked.id());
  dismiss.set_expected_version(marked.version());
  dismiss.set_reason(v1::DISMISS_REASON_OPINION);
  v1::Claim dismissed;
  ASSERT_TRUE(server_->claims()->DismissClaim(Ctx(ana_.token).get(), dismiss, &dismissed).ok());

  auto ui = Open(ben_);
  ui->state().claim_id = dismissed.id();
  ASSERT_TRUE(ui->PumpUntil([&] {
    const v1::Claim* c = ui->model().FindClaim(dismissed.id());
    return c != nullptr && c->status() == v1::CLAIM_STATUS_DISMISSED &&
           ui->state().ControlRect(ui::Control::kSummaryInput).has_value();
  })) << "the dismissed claim did not open";
  const ui::Rect field = *ui->state().ControlRect(ui::Control::kSummaryInput);
  const ImVec2 inside((field.x0 + field.x1) / 2, (field.y0 + field.y1) / 2);
  ui->Click(inside);
  ui->Key(ui::key::kEnd, /*ctrl=*/true);
  ui->Type(" (mine)");
  ui->Frame();
  const ui::ClaimDraft& draft = ui->state().DraftFor(dismissed.id());
  EXPECT_EQ(draft.summary, dismissed.summary()) << "the summary took typing";
  EXPECT_FALSE(draft.summary_dirty) << "a Save button is offered for an edit the server refuses";
  // Hovering the field says why.
  ui->MoveMouse(inside);
  ui->Frame();
  EXPECT_TRUE(TooltipShown()) << "no reason shown for the read-only summary";

  v1::GetClaimRequest get;
  get.set_claim_id(dismissed.id());
  v1::Claim stored;
  ASSERT_TRUE(server_->claims()->GetClaim(Ctx(ben_.token).get(), get, &stored).ok());
  EXPECT_EQ(stored.version(), dismissed.version());
  EXPECT_EQ(stored.summary(), dismissed.summary());
}

ImVec2 Center(const ui::Rect& r) {
  return ImVec2((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
}

TEST_F(DesktopUiTest, TheReviewFormIsLabelledAndADisabledSubmitSaysWhatIsMissing) {
  (void)SomeClaim();
  const v1::Claim claim = MarkSpeech(91, ben_);
  v1::AddSourceRequest source;
  source.set_claim_id(claim.id());
  source.set_url("https://example.org/reviewable");
  source.set_stance(v1::STANCE_SUPPORTS);
  v1::Source added;
  ASSERT_TRUE(server_->sources()->AddSource(Ctx(ana_.token).get(), source, &added).ok());

  auto ui = Open(ana_, ImVec2(1280, 1600));
  ui->state().claim_id = claim.id();
  ASSERT_TRUE(ui->PumpUntil([&] {
    return ui->model().ReviewsLoaded(claim.id()) && ui->model().SourcesLoaded(claim.id()) &&
           ui->model().NotesLoaded(claim.id()) &&
           ui->state().ControlRect(ui::Control::kReviewSubmit).has_value() &&
           ui->state().ControlRect(ui::Control::kNoteInput).has_value();
  })) << "the review form did not show";
  ui->Frame();  // laid out with everything loaded
  const std::string form = ui->FrameText();
  EXPECT_NE(form.find("Rationale: why this verdict"), std::string::npos) << form;
  EXPECT_NE(form.find("New note"), std::string::npos) << form;
  // What the claim waits for, in the CLI's words.
  EXPECT_NE(form.find("Next: waiting for 2 independent reviews"), std::string::npos) << form;

  ui->MoveMouse(Center(*ui->state().ControlRect(ui::Control::kReviewSubmit)));
  ui->Frame();
  std::string hover = ui->FrameText();
  EXPECT_NE(hover.find("verdict: choose one of the workspace's"), std::string::npos) << hover;
  ui->state().DraftFor(claim.id()).verdict_index = 0;
  ui->Frame();
  hover = ui->FrameText();
  // The server's own words for an empty rationale.
  EXPECT_NE(hover.find("rationale: must not be empty"), std::string::npos) << hover;
  EXPECT_TRUE(ui->model().Reviews(claim.id()).empty());
}

TEST_F(DesktopUiTest, TheReaderSaysWhatItsHighlightColoursMean) {
  auto ui = Open(ben_);
  const std::string shown = ui->FrameText();
  for (const char* words : {"Highlights:", "Open", "In review", "Disputed", "Dismissed",
                            "resolved and published by verdict:", "True", "False"}) {
    EXPECT_NE(shown.find(words), std::string::npos) << words << " not in:\n" << shown;
  }
}

TEST_F(DesktopUiTest, TheDashboardFollowsTheChosenTranscriptAndItsHeadingAgreesWithItsRows) {
  (void)SomeClaim();
  // Another transcript with a claim of its own, which the seed's dashboard must not count.
  v1::ImportTranscriptRequest other;
  other.set_workspace_id(transcript_.workspace_id());
  other.set_filename("other.txt");
  other.set_content("Ana: Unemployment fell to four percent in March.\n");
  v1::ImportTranscriptResponse imported;
  ASSERT_TRUE(
      server_->transcripts()->ImportTranscript(Ctx(ben_.token).get(), other, &imported).ok());
  v1::ListSegmentsRequest lreq;
  lreq.set_transcript_id(imported.transcript().id());
  v1::ListSegmentsResponse segs;
  ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(ben_.token).get(), lreq, &segs).ok());
  ASSERT_GT(segs.segments_size(), 0);
  v1::CreateClaimRequest mark;
  mark.set_segment_id(segs.segments(0).id());
  mark.set_start_byte(0);
  mark.set_end_byte(10);
  v1::Claim elsewhere;
  ASSERT_TRUE(server_->claims()->CreateClaim(Ctx(ben_.token).get(), mark, &elsewhere).ok());

  auto ui = Open(ana_);
  ui->state().tab = ui::Tab::kDashboard;
  ASSERT_TRUE(ui->PumpUntil([&] {
    const auto& d = ui->controller().session().dashboard;
    return d.has_value() && d->transcript_id() == transcript_.id();
  })) << "the dashboard does not cover the transcript shown";
  int in_seed = 0;
  for (const v1::Claim& c : ServerClaims()) in_seed += c.transcript_id() == transcript_.id();
  const v1::Dashboard& d = *ui->controller().session().dashboard;
  EXPECT_EQ(d.total_claims(), in_seed);
  const std::string shown = ui->FrameText();
  EXPECT_NE(shown.find("transcript: " + transcript_.title()), std::string::npos) << shown;
  EXPECT_NE(shown.find(std::to_string(in_seed) + (in_seed == 1 ? " claim:" : " claims:")),
            std::string::npos)
      << shown;
  EXPECT_EQ(shown.find(" 0 s"), std::string::npos) << shown;
}

// Two neighbouring plain words (four or more ASCII letters each) on the first line of a
// speech row on screen: the row's segment and the words' byte ranges.
struct TwoWords {
  const v1::Segment* seg = nullptr;
  ui::ByteRange first;
  ui::ByteRange second;
};
TwoWords FindTwoWords(HeadlessUi& ui) {
  auto plain = [](std::string_view w) {
    return w.size() >= 4 && std::all_of(w.begin(), w.end(), [](char c) {
             return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
           });
  };
  for (const auto& r : ui.state().visible_rows) {
    const v1::Segment* s = ui.model().FindSegment(r.segment_id);
    if (s == nullptr || s->kind() != v1::SEGMENT_KIND_SPEECH || r.layout.lines.empty()) continue;
    const std::string& t = s->text();
    std::vector<ui::ByteRange> words;
    for (std::size_t b = r.layout.lines[0].begin; b < r.layout.lines[0].end;) {
      const std::size_t e = std::min(t.find(' ', b), std::size_t{r.layout.lines[0].end});
      words.push_back({b, e});
      b = e + 1;
    }
    for (std::size_t i = 1; i + 1 < words.size(); ++i) {
      const auto& [a, b] = words[i];
      const auto& [c, d] = words[i + 1];
      if (plain(std::string_view(t).substr(a, b - a)) &&
          plain(std::string_view(t).substr(c, d - c))) {
        return {s, words[i], words[i + 1]};
      }
    }
  }
  return {};
}

TEST_F(DesktopUiTest, DoubleClickTakesAWordTripleClickASentenceAndADragSnapsToWords) {
  auto ui = Open(ben_);
  const TwoWords w = FindTwoWords(*ui);
  ASSERT_NE(w.seg, nullptr) << "no two plain words on screen";
  const std::string& text = w.seg->text();
  const auto point = [&](std::size_t byte) {
    return *ui::ReaderView::PointOfByte(ui->state(), ui->model(), w.seg->id(), byte);
  };
  const ui::TextSelection& sel = ui->state().selection;
  const ImVec2 inside_first = point(w.first.begin + 2);
  const auto pause = [&] {  // longer than a double-click's interval
    for (int i = 0; i < 40; ++i) ui->Frame();
  };

  ui->Click(inside_first);
  ui->Click(inside_first);
  EXPECT_EQ(text.substr(sel.start(), sel.end() - sel.start()),
            text.substr(w.first.begin, w.first.end - w.first.begin));
  pause();
  for (int i = 0; i < 3; ++i) ui->Click(inside_first);
  const ui::ByteRange sentence = ui::SentenceAt(text, w.first.begin);
  EXPECT_EQ(sel.start(), sentence.begin);
  EXPECT_EQ(sel.end(), sentence.end);
  EXPECT_GT(sentence.end - sentence.begin, w.second.end - w.first.begin);
  pause();

  // Mid-word to mid-word: the drag takes both words whole.
  ui->Drag(inside_first, point(w.second.begin + 2));
  EXPECT_EQ(sel.start(), w.first.begin);
  EXPECT_EQ(sel.end(), w.second.end);
  pause();
  // With Alt, exactly what was dragged over; marking it asks first.
  ui->Drag(inside_first, point(w.second.begin + 2), 0, /*alt=*/true);
  EXPECT_EQ(sel.start(), w.first.begin + 2);
  EXPECT_EQ(sel.end(), w.second.begin + 2);
  const std::size_t before = ServerClaims().size();
  ui->Key(ui::key::Letter('M'), /*ctrl=*/true);
  EXPECT_TRUE(ui->state().confirm_mark);
  const std::string asked = ui->FrameText();
  EXPECT_NE(asked.find("The selection starts and ends inside a word:"), std::string::npos) << asked;
  EXPECT_EQ(ServerClaims().size(), before) << "a cut word was marked without asking";
  ASSERT_TRUE(ui->state().ControlRect(ui::Control::kMarkWholeWords).has_value());
  ui->Click(Center(*ui->state().ControlRect(ui::Control::kMarkWholeWords)));
  ASSERT_TRUE(ui->PumpUntil([&] { return ui->model().claim_count() == before + 1; }));
  bool whole = false;
  for (const auto& c : ServerClaims()) {
    whole |= c.segment_id() == w.seg->id() && c.start_byte() == static_cast<int>(w.first.begin) &&
             c.end_byte() == static_cast<int>(w.second.end);
  }
  EXPECT_TRUE(whole) << "the claim is not the two whole words";
}

TEST_F(DesktopUiTest, ACaptionsTagIsNotDrawnOverItsText) {
  auto ui = Open(ben_);
  const ui::VisibleRow* speech = nullptr;
  const ui::VisibleRow* caption = nullptr;
  for (const auto& r : ui->state().visible_rows) {
    const v1::Segment* s = ui->model().FindSegment(r.segment_id);
    if (s == nullptr) continue;
    (s->kind() == v1::SEGMENT_KIND_SPEECH ? speech : caption) = &r;
  }
  ASSERT_TRUE(speech != nullptr && caption != nullptr) << "the seed's first screen has both";
  // A speech row's text starts where the tag is drawn; the caption's starts past the tag.
  const ImFont* font = ImGui::GetFont();
  const float tag = font->CalcTextSizeA(font->FontSize * 0.75F, FLT_MAX, 0, "caption").x;
  EXPECT_GE(caption->text_x - speech->text_x, tag);
}

}  // namespace
}  // namespace factdesk::testing

namespace factdesk::testing {
namespace {

TEST_F(DesktopUiTest, TheInspectorShowsEarlierChecksAndLinksTheSameClaim) {
  (void)SomeClaim();
  const v1::Claim marked = MarkSpeech(91, ben_);
  // An earlier check of the same words, imported after the claim was marked: a new summary
  // has the claim matched again.
  v1::ImportArchiveRequest import;
  import.set_workspace_id(marked.workspace_id());
  v1::ArchivedCheck* check = import.add_checks();
  check->set_url("https://checks.example/desktop-inspector");
  check->set_claim_reviewed(marked.quote() + " - said on another show");
  check->set_rating_name("Mostly false");
  check->set_author_name("River Check");
  check->set_date_published("2025-11-02");
  v1::ImportArchiveResponse imported;
  auto archive = v1::ArchiveService::NewStub(server_->channel());
  ASSERT_TRUE(archive->ImportArchive(Ctx(ben_.token).get(), import, &imported).ok());
  v1::UpdateClaimRequest update;
  update.set_claim_id(marked.id());
  update.set_expected_version(marked.version());
  update.set_summary(marked.quote() + " (as said)");
  v1::Claim updated;
  ASSERT_TRUE(server_->claims()->UpdateClaim(Ctx(ben_.token).get(), update, &updated).ok());

  auto ui = Open(ben_, ImVec2(1280, 1600));
  ui->state().claim_id = marked.id();
  const auto shown = [&] {
    const v1::ListClaimMatchesResponse* m = ui->model().MatchesOf(marked.id());
    if (m == nullptr || !m->matched() || m->matches().empty()) return false;
    // Idle: the claim's sources, notes and history are in, so the button stays put.
    return m->matches(0).check().url() == "https://checks.example/desktop-inspector" &&
           ui->state().ControlRect(ui::Control::kSameClaimButton).has_value() &&
           ui->controller().idle();
  };
  ASSERT_TRUE(ui->PumpUntil(shown)) << "the earlier check did not show in the inspector";
  ui->Frame();
  const std::string text = ui->FrameText();
  EXPECT_NE(text.find("Checked before"), std::string::npos) << text;
  EXPECT_NE(text.find("Mostly false"), std::string::npos) << text;
  EXPECT_NE(text.find("River Check"), std::string::npos) << text;

  ui->Click(Center(*ui->state().ControlRect(ui::Control::kSameClaimButton)));
  ASSERT_TRUE(ui->PumpUntil([&] {
    const v1::Claim* c = ui->model().FindClaim(marked.id());
    return c != nullptr && c->has_link();
  })) << "the link did not reach the model";
  v1::GetClaimRequest get;
  get.set_claim_id(marked.id());
  v1::Claim stored;
  ASSERT_TRUE(server_->claims()->GetClaim(Ctx(ana_.token).get(), get, &stored).ok());
  EXPECT_EQ(stored.link().url(), "https://checks.example/desktop-inspector");
  EXPECT_EQ(stored.link().linked_by().handle(), "ben");
  ui->Frame();
  EXPECT_NE(ui->FrameText().find("Same claim as"), std::string::npos) << ui->FrameText();
}

}  // namespace
}  // namespace factdesk::testing
