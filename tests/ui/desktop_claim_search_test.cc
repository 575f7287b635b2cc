// The desktop's claim search (issue 15), headless against a real in-process server: the
// Claims tab finds a claim by a word only in its note, filters by state and by tag, pages
// with "more", opens a hit in the reader and the inspector, works for a viewer, draws the
// snippet's matches as highlight (never the marker characters) and shows what the server
// refuses in the server's words.
#include <algorithm>

#include <gtest/gtest.h>

#include "client/ui/keys.h"
#include "client/ui/snippet_marks.h"
#include "tests/support/test_server.h"
#include "tests/ui/headless_ui.h"

namespace factdesk::testing {
namespace {

class DesktopClaimSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // No archive matching: these claims are not about checks from elsewhere, and the
    // matcher's writes would race the fixture's edits of the same claims.
    server_ =
        std::make_unique<TestServer>([](server::ServerOptions& o) { o.claim_matches.threads = 0; });
    desk_ = MakeDesk(*server_);
    seed_ = ImportAs(*server_, desk_.ben.token, desk_.workspace_id, "000_964967168d34df55.txt",
                     ReadFile(SharedPath("seeds/000_964967168d34df55.txt")));
    ListSpeech();
    // "zeppelin" only in a note of one claim.
    noted_ = Mark("Claim about turnout");
    AddNote(noted_.id(), "Asked the county clerk; the zeppelin figure is from 2016.");
    // Three claims about "pineapple": one open and tagged economy, one open and tagged
    // health, one dismissed.
    economy_ = Mark("Pineapple exports doubled");
    Tag(economy_.id(), "economy");
    health_ = Mark("Pineapple juice cures colds");
    Tag(health_.id(), "health");
    dismissed_ = Mark("Pineapple prices are a scandal");
    Dismiss(dismissed_);
    // More "marmalade" claims than one page holds.
    for (int i = 0; i <= ui::kClaimSearchPage; ++i) Mark("Marmalade claim " + std::to_string(i));
  }
  static void TearDownTestSuite() { server_.reset(); }

  static void ListSpeech() {
    v1::ListSegmentsRequest req;
    req.set_transcript_id(seed_.id());
    req.set_page_size(1000);
    v1::ListSegmentsResponse resp;
    ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(desk_.ben.token).get(), req, &resp).ok());
    for (const auto& s : resp.segments()) {
      // A quote of the first 12 bytes must not split a character.
      const bool ascii = std::all_of(s.text().begin(),
                                     s.text().begin() + std::min<std::size_t>(12, s.text().size()),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      if (s.kind() == v1::SEGMENT_KIND_SPEECH && s.text().size() >= 20 && ascii) {
        speech_.push_back(s);
      }
    }
    ASSERT_GE(speech_.size(), 40u);
  }

  // Marks the next speech segment's first 12 bytes, with `summary`.
  static v1::Claim Mark(const std::string& summary) {
    const v1::Segment& s = speech_.at(next_segment_++);
    v1::CreateClaimRequest req;
    req.set_segment_id(s.id());
    req.set_start_byte(0);
    req.set_end_byte(12);
    req.set_summary(summary);
    v1::Claim c;
    const auto status = server_->claims()->CreateClaim(Ctx(desk_.ben.token).get(), req, &c);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return c;
  }

  static void AddNote(std::int64_t claim_id, const std::string& body) {
    v1::AddNoteRequest req;
    req.set_claim_id(claim_id);
    req.set_body(body);
    v1::Note note;
    const auto status = server_->notes()->AddNote(Ctx(desk_.ben.token).get(), req, &note);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  static void Tag(std::int64_t claim_id, const std::string& tag) {
    v1::TagClaimRequest req;
    req.set_claim_id(claim_id);
    req.set_tag(tag);
    v1::Claim c;
    const auto status = server_->claims()->TagClaim(Ctx(desk_.ben.token).get(), req, &c);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  static void Dismiss(v1::Claim& claim) {
    v1::DismissClaimRequest req;
    req.set_claim_id(claim.id());
    req.set_expected_version(claim.version());
    req.set_reason(v1::DISMISS_REASON_NOT_CHECKABLE);
    req.set_explanation("an opinion");
    const auto status = server_->claims()->DismissClaim(Ctx(desk_.eve.token).get(), req, &claim);
    EXPECT_TRUE(status.ok()) << status.error_message();
  }

  // A desktop signed in as `user`, on the Claims tab (Ctrl+Shift+F) with its field focused.
  std::unique_ptr<HeadlessUi> OpenClaims(const TestUser& user) {
    app::Controller::Options o;
    o.channel = server_->channel();
    auto ui = std::make_unique<HeadlessUi>(o);
    EXPECT_TRUE(ui->ShowTranscript(server_->address(), user.token, seed_.id()))
        << "the workspace did not load";
    ui->Key(ui::key::Letter('F'), /*ctrl=*/true, /*shift=*/true);
    ui->Frame();
    return ui;
  }

  // Types `words` into the claim search field and presses Enter; waits for the answer.
  static void Search(HeadlessUi& ui, const std::string& words) {
    ClickControl(ui, ui::Control::kClaimSearchInput);
    ui.Key(ui::key::Letter('A'), /*ctrl=*/true);  // what was there is replaced
    ui.Type(words);
    ui.Key(ui::key::kEnter);
    WaitForHits(ui);
  }

  static void WaitForHits(HeadlessUi& ui) {
    ASSERT_TRUE(ui.PumpUntil([&] {
      const auto& r = ui.controller().session().claim_search;
      return !r.loading && !r.request.query().empty();
    })) << "the search did not answer";
  }

  static std::vector<std::int64_t> HitIds(HeadlessUi& ui) {
    std::vector<std::int64_t> ids;
    for (const auto& h : ui.controller().session().claim_search.hits) ids.push_back(h.claim().id());
    return ids;
  }

  static void ClickControl(HeadlessUi& ui, ui::Control control) {
    const auto rect = ui.state().ControlRect(control);
    ASSERT_TRUE(rect.has_value()) << "control " << static_cast<int>(control) << " not drawn";
    ui.Click(ImVec2((rect->x0 + rect->x1) / 2, (rect->y0 + rect->y1) / 2));
  }

  static std::unique_ptr<TestServer> server_;
  static Desk desk_;
  static v1::Transcript seed_;
  static std::vector<v1::Segment> speech_;
  static std::size_t next_segment_;
  static v1::Claim noted_, economy_, health_, dismissed_;
};

std::unique_ptr<TestServer> DesktopClaimSearchTest::server_;
Desk DesktopClaimSearchTest::desk_;
v1::Transcript DesktopClaimSearchTest::seed_;
std::vector<v1::Segment> DesktopClaimSearchTest::speech_;
std::size_t DesktopClaimSearchTest::next_segment_ = 0;
v1::Claim DesktopClaimSearchTest::noted_;
v1::Claim DesktopClaimSearchTest::economy_;
v1::Claim DesktopClaimSearchTest::health_;
v1::Claim DesktopClaimSearchTest::dismissed_;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(DesktopClaimSearchTest, AWordOnlyInANoteFindsItsClaimWithTheMatchHighlightedNotMarked) {
  auto ui = OpenClaims(desk_.ben);
  EXPECT_EQ(ui->state().tab, ui::Tab::kClaims);
  EXPECT_TRUE(ui->state().typing) << "Ctrl+Shift+F did not focus the claim search";
  // Before anything is typed, the tab says what to type.
  EXPECT_TRUE(Has(ui->FrameText(), "Type words to search every claim's quote"));

  ui->Type("zeppelin");
  ui->Key(ui::key::kEnter);
  WaitForHits(*ui);
  EXPECT_EQ(HitIds(*ui), std::vector<std::int64_t>{noted_.id()});
  const auto& hit = ui->controller().session().claim_search.hits.at(0);
  EXPECT_EQ(hit.field(), v1::CLAIM_FIELD_NOTE);
  ASSERT_TRUE(Has(hit.snippet(), "\xEE\x80\x80")) << "the server marked no match";

  const std::string text = ui->FrameText();
  EXPECT_TRUE(Has(text, "#" + std::to_string(noted_.id()))) << text;
  EXPECT_TRUE(Has(text, "Open")) << text;
  EXPECT_TRUE(Has(text, "matched in a note")) << text;
  EXPECT_TRUE(Has(text, "1 of 1 claims matching \"zeppelin\"")) << text;
  // The snippet reads as the note does: the markers are highlight, not characters (a
  // glyph the font lacks would be drawn as '?').
  EXPECT_TRUE(Has(text, "the zeppelin figure")) << text;
  EXPECT_TRUE(Has(text, ui::MarkSnippet(hit.snippet()).text)) << text;
  EXPECT_FALSE(Has(text, "?zeppelin")) << text;
  EXPECT_FALSE(Has(text, "zeppelin?")) << text;
  EXPECT_FALSE(Has(text, "\xEE\x80")) << text;
}

TEST_F(DesktopClaimSearchTest, TheStateAndTagFiltersNarrowTheHits) {
  auto ui = OpenClaims(desk_.ben);
  Search(*ui, "pineapple");
  std::vector<std::int64_t> all = HitIds(*ui);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<std::int64_t>{economy_.id(), health_.id(), dismissed_.id()}));

  // Ticking "Open" searches again at once: the dismissed claim goes.
  ClickControl(*ui, ui::Control::kClaimSearchOpenState);
  WaitForHits(*ui);
  std::vector<std::int64_t> open = HitIds(*ui);
  std::sort(open.begin(), open.end());
  EXPECT_EQ(open, (std::vector<std::int64_t>{economy_.id(), health_.id()}));
  ClickControl(*ui, ui::Control::kClaimSearchOpenState);
  WaitForHits(*ui);
  EXPECT_EQ(HitIds(*ui).size(), 3u);

  // A tag, typed as the dashboard shows it, and Enter.
  ClickControl(*ui, ui::Control::kClaimSearchTag);
  ui->Type("#economy");
  ui->Key(ui::key::kEnter);
  WaitForHits(*ui);
  EXPECT_EQ(HitIds(*ui), std::vector<std::int64_t>{economy_.id()});
  EXPECT_TRUE(Has(ui->FrameText(), "#economy"));

  // No hits with the filters says so.
  Search(*ui, "zeppelin");
  EXPECT_TRUE(HitIds(*ui).empty());
  EXPECT_TRUE(Has(ui->FrameText(), "No claims match \"zeppelin\" with these filters."));
}

TEST_F(DesktopClaimSearchTest, MoreFetchesTheNextPageOfTheSameSearch) {
  auto ui = OpenClaims(desk_.ben);
  Search(*ui, "marmalade");
  const auto& r = ui->controller().session().claim_search;
  EXPECT_EQ(r.total, ui::kClaimSearchPage + 1);
  EXPECT_EQ(HitIds(*ui).size(), static_cast<std::size_t>(ui::kClaimSearchPage));
  // "more" is below the page's hits: scroll down to it as a person would.
  for (int i = 0; i < 30; ++i) {
    ui->Frame();
    const auto more = ui->state().ControlRect(ui::Control::kClaimSearchMore);
    ASSERT_TRUE(more.has_value()) << "no \"more\" under a full page";
    if (more->y1 < 700) break;
    ui->Wheel(ImVec2(640, 400), -3);
  }
  ClickControl(*ui, ui::Control::kClaimSearchMore);
  ASSERT_TRUE(ui->PumpUntil([&] { return !r.loading && r.next_page_token.empty(); }));
  std::vector<std::int64_t> ids = HitIds(*ui);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(ui::kClaimSearchPage + 1));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end()) << "a claim came twice";
  ui->Frame();
  EXPECT_FALSE(ui->state().ControlRect(ui::Control::kClaimSearchMore).has_value())
      << "\"more\" is offered with nothing more to show";
}

TEST_F(DesktopClaimSearchTest, ClickingAHitOpensTheClaimInTheReaderAndInspector) {
  auto ui = OpenClaims(desk_.ben);
  Search(*ui, "zeppelin");
  ui->Frame();
  ClickControl(*ui, ui::Control::kFirstClaimHit);
  EXPECT_EQ(ui->state().tab, ui::Tab::kReader);
  EXPECT_EQ(ui->state().claim_id, noted_.id());
  const std::int64_t segment = noted_.segment_id();
  ASSERT_TRUE(ui->PumpUntil([&] {
    for (const auto& row : ui->state().visible_rows) {
      if (row.segment_id == segment) return true;
    }
    return false;
  })) << "the claim's segment is not on screen";
  std::string text;
  ASSERT_TRUE(ui->PumpUntil([&] {
    text = ui->FrameText();
    return Has(text, "zeppelin figure");
  })) << "the inspector does not show the claim's note:\n"
      << text;
  EXPECT_TRUE(Has(text, "Claim #" + std::to_string(noted_.id()))) << text;
}

TEST_F(DesktopClaimSearchTest, AViewerSearchesToo) {
  auto ui = OpenClaims(desk_.vic);
  // The top bar's tab gets there too.
  ui->state().tab = ui::Tab::kReader;
  ui->Frame();
  ClickControl(*ui, ui::Control::kClaimsTab);
  EXPECT_EQ(ui->state().tab, ui::Tab::kClaims);
  Search(*ui, "pineapple exports");
  EXPECT_EQ(HitIds(*ui), std::vector<std::int64_t>{economy_.id()});
  EXPECT_TRUE(Has(ui->FrameText(), "matched in the summary"));
}

TEST_F(DesktopClaimSearchTest, ARefusedSearchShowsTheServersMessageAndNoHits) {
  // What the server answers for a tag with a space in it.
  v1::SearchClaimsRequest req;
  req.set_workspace_id(desk_.workspace_id);
  req.set_query("pineapple");
  req.set_tag("two words");
  v1::SearchClaimsResponse resp;
  const auto refused = server_->claims()->SearchClaims(Ctx(desk_.ben.token).get(), req, &resp);
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(Has(refused.error_message(), "tag")) << refused.error_message();

  auto ui = OpenClaims(desk_.ben);
  const auto before = server_->Snapshot();
  ClickControl(*ui, ui::Control::kClaimSearchTag);
  ui->Type("two words");
  ui->Key(ui::key::kEnter);  // the query field is empty: nothing is sent
  ui->Frame();
  EXPECT_TRUE(ui->controller().session().claim_search.request.query().empty());
  Search(*ui, "pineapple");
  const auto& r = ui->controller().session().claim_search;
  EXPECT_EQ(r.error, refused.error_message());
  EXPECT_TRUE(r.hits.empty());
  const std::string text = ui->FrameText();
  EXPECT_TRUE(Has(text, refused.error_message())) << text;
  EXPECT_FALSE(Has(text, "No claims match")) << text;
  EXPECT_EQ(server_->Snapshot(), before) << "a search wrote something";
}

}  // namespace
}  // namespace factdesk::testing
