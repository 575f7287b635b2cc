// The desktop following a live transcript (issue 13), headless against a real in-process
// server, fed with the first 2016 presidential debate's lines (read in place) through
// AppendSegments: the LIVE and CLOSED badge; a reader scrolled up does not move, nor does
// its selection, while segments arrive, and a pill counts them and takes it down; at
// the bottom it follows; a segment that just arrived can be marked.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "client/ui/keys.h"
#include "client/ui/reader_view.h"
#include "tests/support/test_server.h"
#include "tests/ui/headless_ui.h"

namespace factdesk::testing {
namespace {

struct Line {
  std::string speaker;
  std::string text;
};

// The debate's lines, speaker and text (line<TAB>speaker<TAB>text<TAB>label).
std::vector<Line> DebateLines() {
  std::istringstream in(
      ReadFile(SharedPath("data/debates/clef2018-task1-english-1st-Presidential.tsv")));
  std::vector<Line> lines;
  for (std::string row; std::getline(in, row);) {
    const auto a = row.find('\t');
    const auto b = row.find('\t', a + 1);
    const auto c = row.find('\t', b + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    lines.push_back({row.substr(a + 1, b - a - 1), row.substr(b + 1, c - b - 1)});
  }
  return lines;
}

class DesktopLiveTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>();
    const Desk desk = MakeDesk(*server_);
    ben_ = desk.ben;
    ws_ = desk.workspace_id;
    lines_ = DebateLines();
    ASSERT_GT(lines_.size(), 200u);
  }
  static void TearDownTestSuite() { server_.reset(); }

  // A live transcript with the debate's first `segments` lines in it.
  static v1::Transcript OpenLive(const std::string& title, int segments) {
    v1::OpenLiveTranscriptRequest req;
    req.set_workspace_id(ws_);
    req.set_title(title);
    v1::Transcript t;
    const auto status = server_->transcripts()->OpenLiveTranscript(Ctx(ben_.token).get(), req, &t);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (segments > 0) t = Append(t.id(), 0, segments);
    return t;
  }

  // Appends the debate's lines [from, from + n) as the transcript's next segments.
  static v1::Transcript Append(std::int64_t transcript_id, int from, int n) {
    v1::AppendSegmentsRequest req;
    req.set_transcript_id(transcript_id);
    req.set_first_ordinal(from);
    for (int i = from; i < from + n; ++i) {
      auto* s = req.add_segments();
      s->set_speaker(lines_[static_cast<std::size_t>(i)].speaker);
      s->set_text(lines_[static_cast<std::size_t>(i)].text);
    }
    v1::AppendSegmentsResponse resp;
    const auto status = server_->transcripts()->AppendSegments(Ctx(ben_.token).get(), req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return resp.transcript();
  }

  std::unique_ptr<HeadlessUi> Open(const v1::Transcript& transcript) {
    app::Controller::Options o;
    o.channel = server_->channel();
    auto ui = std::make_unique<HeadlessUi>(o);
    EXPECT_TRUE(ui->ShowTranscript(server_->address(), ben_.token, transcript.id()))
        << "the workspace did not load";
    return ui;
  }

  // Frames until the model has `count` segments of the transcript.
  static bool WaitSegments(HeadlessUi& ui, std::int64_t transcript_id, int count) {
    return ui.PumpUntil([&] {
      const v1::Transcript* t = ui.model().FindTranscript(transcript_id);
      return t != nullptr && t->segment_count() == count;
    });
  }

  static bool Shows(const HeadlessUi& ui, std::int32_t ordinal) {
    for (const auto& row : const_cast<HeadlessUi&>(ui).state().visible_rows) {
      if (row.ordinal == ordinal) return true;
    }
    return false;
  }

  // Wheel down until the last segment is on screen.
  static void ScrollToBottom(HeadlessUi& ui, std::int32_t last) {
    for (int i = 0; i < 200 && !Shows(ui, last); ++i) ui.Wheel(ImVec2(300, 400), -10);
    ui.Frame();
  }

  static std::unique_ptr<TestServer> server_;
  static TestUser ben_;
  static std::int64_t ws_;
  static std::vector<Line> lines_;
};

std::unique_ptr<TestServer> DesktopLiveTest::server_;
TestUser DesktopLiveTest::ben_;
std::int64_t DesktopLiveTest::ws_ = 0;
std::vector<Line> DesktopLiveTest::lines_;

TEST_F(DesktopLiveTest, ScrolledUpTheReaderDoesNotMoveWhileSegmentsArriveAndAPillTakesYouDown) {
  const v1::Transcript t = OpenLive("Debate, scrolled up", 60);
  auto ui = Open(t);
  EXPECT_NE(ui->FrameText().find("LIVE"), std::string::npos) << "no LIVE badge";
  // Reading near the top, with words selected in a segment on screen.
  ui->Wheel(ImVec2(300, 400), -3);
  ASSERT_GE(ui->state().visible_rows.size(), 3u);
  const ui::VisibleRow row = ui->state().visible_rows[2];
  const std::int32_t top = ui->state().top_ordinal;
  const v1::Segment* seg = ui->model().FindSegment(row.segment_id);
  ASSERT_NE(seg, nullptr);
  const auto from = ui::ReaderView::PointOfByte(ui->state(), ui->model(), seg->id(), 0);
  const auto to = ui::ReaderView::PointOfByte(ui->state(), ui->model(), seg->id(), 8);
  ASSERT_TRUE(from && to);
  ui->Drag(*from, *to);
  const ui::TextSelection selected = ui->state().selection;
  ASSERT_FALSE(selected.empty());

  Append(t.id(), 60, 5);
  ASSERT_TRUE(WaitSegments(*ui, t.id(), 65));
  const std::string text = ui->FrameText();
  // Nothing moved: the same segment at the same place, the same selection.
  EXPECT_EQ(ui->state().top_ordinal, top);
  bool same_place = false;
  for (const auto& r : ui->state().visible_rows) {
    if (r.segment_id == row.segment_id) same_place = r.text_y == row.text_y;
  }
  EXPECT_TRUE(same_place) << "the segment being read moved";
  EXPECT_EQ(ui->state().selection.segment_id, selected.segment_id);
  EXPECT_EQ(ui->state().selection.start(), selected.start());
  EXPECT_EQ(ui->state().selection.end(), selected.end());
  EXPECT_NE(text.find("5 new segments below"), std::string::npos) << text;

  const auto pill = ui->state().ControlRect(ui::Control::kNewSegmentsPill);
  ASSERT_TRUE(pill.has_value());
  ui->Click(ImVec2((pill->x0 + pill->x1) / 2, (pill->y0 + pill->y1) / 2));
  ASSERT_TRUE(ui->PumpUntil([&] { return Shows(*ui, 64); })) << "the pill did not go down";
  ui->Frame();
  EXPECT_FALSE(ui->state().ControlRect(ui::Control::kNewSegmentsPill).has_value());
}

TEST_F(DesktopLiveTest, AtTheBottomTheReaderFollowsAndASegmentThatJustArrivedCanBeMarked) {
  const v1::Transcript t = OpenLive("Debate, following", 40);
  auto ui = Open(t);
  ScrollToBottom(*ui, 39);
  ASSERT_TRUE(Shows(*ui, 39));
  for (int next = 40; next < 52; next += 4) {
    Append(t.id(), next, 4);
    ASSERT_TRUE(WaitSegments(*ui, t.id(), next + 4));
    ui->Frame();
    EXPECT_TRUE(Shows(*ui, next + 3)) << "the reader did not follow to segment " << next + 3;
    EXPECT_FALSE(ui->state().ControlRect(ui::Control::kNewSegmentsPill).has_value());
  }
  // The newest segment, a second old: drag over its first word and mark it.
  const v1::Segment* newest = ui->model().SegmentAt(t.id(), 51);
  ASSERT_NE(newest, nullptr);
  const auto from = ui::ReaderView::PointOfByte(ui->state(), ui->model(), newest->id(), 0);
  const auto to = ui::ReaderView::PointOfByte(ui->state(), ui->model(), newest->id(), 3);
  ASSERT_TRUE(from && to);
  ui->Drag(*from, *to);
  ASSERT_EQ(ui->state().selection.segment_id, newest->id()) << "the drag took no word";
  ui->Key(ui::key::Letter('M'), /*ctrl=*/true);
  ASSERT_TRUE(ui->PumpUntil([&] { return !ui->model().ClaimsOfSegment(newest->id()).empty(); }));
  const v1::Claim* claim = ui->model().ClaimsOfSegment(newest->id()).front();
  EXPECT_EQ(claim->start_byte(), 0);
  EXPECT_EQ(claim->transcript_id(), t.id());

  v1::CloseTranscriptRequest close;
  close.set_transcript_id(t.id());
  v1::Transcript closed;
  ASSERT_TRUE(server_->transcripts()->CloseTranscript(Ctx(ben_.token).get(), close, &closed).ok());
  ASSERT_TRUE(ui->PumpUntil(
      [&] { return ui->model().FindTranscript(t.id())->state() == v1::TRANSCRIPT_STATE_CLOSED; }));
  EXPECT_NE(ui->FrameText().find("CLOSED"), std::string::npos);
}

TEST_F(DesktopLiveTest, ACorrectionThatChangesAQuoteIsShownAndTheQuoteIsMarkedAgain) {
  const v1::Transcript t = OpenLive("Debate, corrected", 10);
  auto ui = Open(t);
  // A claim on the first words of a speech segment, then a correction that rewrites them.
  const v1::Segment* seg = nullptr;
  for (int i = 0; i < 10 && seg == nullptr; ++i) {
    const v1::Segment* s = ui->model().SegmentAt(t.id(), i);
    if (s != nullptr && s->text().size() > 30) seg = s;
  }
  ASSERT_NE(seg, nullptr);
  const std::int64_t segment_id = seg->id();
  const std::string old_text = seg->text();
  v1::CreateClaimRequest mark;
  mark.set_segment_id(segment_id);
  mark.set_start_byte(0);
  mark.set_end_byte(12);
  v1::Claim claim;
  ASSERT_TRUE(server_->claims()->CreateClaim(Ctx(ben_.token).get(), mark, &claim).ok());
  const std::string new_text = "Corrected: " + old_text.substr(12);
  v1::CorrectSegmentRequest correct;
  correct.set_segment_id(segment_id);
  correct.set_expected_revision(0);
  correct.set_text(new_text);
  correct.set_reason("the caption misheard the opening");
  v1::CorrectSegmentResponse corrected;
  const auto status =
      server_->transcripts()->CorrectSegment(Ctx(ben_.token).get(), correct, &corrected);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // The stream brings the new text and the flagged claim.
  ASSERT_TRUE(ui->PumpUntil([&] {
    const v1::Claim* c = ui->model().FindClaim(claim.id());
    const v1::Segment* s = ui->model().FindSegment(segment_id);
    return c != nullptr && c->has_quote_change() && s != nullptr && s->text() == new_text;
  }));
  ui->state().claim_id = claim.id();
  ui->Frame();
  std::string text = ui->FrameText();
  EXPECT_NE(text.find("Quote changed"), std::string::npos) << text;
  EXPECT_NE(text.find("corrected"), std::string::npos) << "the segment does not say corrected";

  // Mark "Corrected" in the new text as the quote.
  ui->Frame();
  const auto from = ui::ReaderView::PointOfByte(ui->state(), ui->model(), segment_id, 0);
  const auto to = ui::ReaderView::PointOfByte(ui->state(), ui->model(), segment_id, 5);
  ASSERT_TRUE(from && to);
  ui->Drag(*from, *to);
  ASSERT_EQ(ui->state().selection.segment_id, segment_id);
  const std::string quote = new_text.substr(
      ui->state().selection.start(), ui->state().selection.end() - ui->state().selection.start());
  ASSERT_EQ(quote.rfind("Corrected", 0), 0u) << quote;
  const auto button = ui->state().ControlRect(ui::Control::kReanchorButton);
  ASSERT_TRUE(button.has_value());
  ui->Click(ImVec2((button->x0 + button->x1) / 2, (button->y0 + button->y1) / 2));
  ASSERT_TRUE(ui->PumpUntil([&] {
    const v1::Claim* c = ui->model().FindClaim(claim.id());
    return c != nullptr && !c->has_quote_change();
  })) << "the quote was not marked again";
  v1::GetClaimRequest get;
  get.set_claim_id(claim.id());
  v1::Claim on_server;
  ASSERT_TRUE(server_->claims()->GetClaim(Ctx(ben_.token).get(), get, &on_server).ok());
  EXPECT_EQ(on_server.quote(), quote);
  EXPECT_FALSE(on_server.has_quote_change());
}

}  // namespace
}  // namespace factdesk::testing
