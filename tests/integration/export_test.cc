// ExportService.Export through a real server: a hand-built town hall (a timed VTT with an
// air date and a recording URL, claims in every state, sources and reviews, a publisher)
// exported in every format and checked field by field; the refusals; a workspace of
// 10,000 claims streamed in bounded chunks; the HTML report rendered by headless Chromium.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stb/stb_image.h>
#include <unistd.h>

#include "factdesk/v1/export.grpc.pb.h"
#include "import/importer.h"
#include "import/vtt_cues.h"
#include "tests/support/export_checks.h"
#include "tests/support/process.h"
#include "tests/support/test_postgres.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxChunk = std::size_t{64} << 10U;
constexpr std::string_view kBom = "\xEF\xBB\xBF";
// 2024-03-05T20:00:00Z.
constexpr std::int64_t kAired = 1709668800;

// Five cues: two speakers, a sound cue, Chinese text, markup that must be escaped (as
// WebVTT escapes it), and a time past the hour.
constexpr std::string_view kTownHallVtt =
    "WEBVTT\n"
    "\n"
    "00:00:01.000 --> 00:00:05.500\n"
    "<v Ana Moreno>Good evening. Unemployment fell to 3.9% last year, the lowest in decades.\n"
    "\n"
    "00:00:05.500 --> 00:00:07.000\n"
    "(APPLAUSE)\n"
    "\n"
    "00:00:07.000 --> 00:00:12.250\n"
    "<v Li Wei>我们的出口增长了百分之二十，这是事实。Exports grew 20% in 2023.\n"
    "\n"
    "00:00:12.250 --> 00:00:20.000\n"
    "<v Ana Moreno>He said \"&lt;script&gt;alert(1)&lt;/script&gt;\" was fine &amp; crime "
    "doubled since 2020.\n"
    "\n"
    "01:00:00.000 --> 01:02:03.004\n"
    "<v Li Wei>Taxes rose and wages fell at the same time.\n";

const char* const kTitle = "Town hall <live> & \"more\"";
const char* const kRecording = "https://video.example/townhall";
const char* const kDecision = "The draft report is the only count; it shows a small rise.";
const char* const kCorrection = "The police withdrew the draft </script> we relied on";

struct Exported {
  grpc::Status status;
  std::vector<v1::ExportChunk> chunks;
  std::string bytes;

  const v1::ExportChunk& first() const {
    static const v1::ExportChunk kNone;
    return chunks.empty() ? kNone : chunks.front();
  }
};

Exported RunExport(TestServer& server, const std::string& token, const v1::ExportRequest& req,
                   std::chrono::seconds deadline = std::chrono::seconds(60)) {
  auto stub = v1::ExportService::NewStub(server.channel());
  auto ctx = Ctx(token);
  ctx->set_deadline(std::chrono::system_clock::now() + deadline);
  Exported out;
  auto reader = stub->Export(ctx.get(), req);
  v1::ExportChunk chunk;
  while (reader->Read(&chunk)) {
    out.bytes += chunk.data();
    out.chunks.push_back(chunk);
  }
  out.status = reader->Finish();
  return out;
}

Exported RunExport(TestServer& server, const std::string& token, std::int64_t workspace,
                   std::int64_t transcript, v1::ExportFormat format,
                   std::chrono::seconds deadline = std::chrono::seconds(60)) {
  v1::ExportRequest req;
  req.set_workspace_id(workspace);
  req.set_transcript_id(transcript);
  req.set_format(format);
  return RunExport(server, token, req, deadline);
}

// YYYY-MM-DD (UTC) of a timestamp, computed here rather than by the export library.
std::string DateOf(const google::protobuf::Timestamp& t) {
  const std::time_t seconds = t.seconds();
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string WithoutBom(const std::string& text) {
  EXPECT_TRUE(text.starts_with(kBom)) << text.substr(0, 40);
  return text.starts_with(kBom) ? text.substr(kBom.size()) : text;
}

class ExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override {
    ASSERT_TRUE(server_ != nullptr && dismissed_.id() != 0) << "the suite's setup failed";
  }

  static Exported Export(v1::ExportFormat format, std::int64_t transcript = 0,
                         const TestUser* as = nullptr) {
    return RunExport(*server_, (as != nullptr ? *as : vic_).token, ws_, transcript, format);
  }

  // An export with an audience (HTML) or --published-only (the desk files).
  static Exported ExportFor(v1::ExportFormat format, std::int64_t transcript,
                            v1::ExportAudience audience, bool published_only = false) {
    v1::ExportRequest req;
    req.set_workspace_id(ws_);
    req.set_transcript_id(transcript);
    req.set_format(format);
    req.set_audience(audience);
    req.set_published_only(published_only);
    return RunExport(*server_, vic_.token, req);
  }

  static v1::Segment SegmentWith(const std::string& needle, int* offset);
  static v1::Claim Mark(const std::string& needle, const std::string& summary = "");
  static v1::Source AddSource(const v1::Claim& claim, const std::string& url, v1::Stance stance,
                              const std::string& title = "", const std::string& publisher = "",
                              const std::string& excerpt = "", bool primary = false);
  static void Review(const TestUser& by, const v1::Claim& claim, const std::string& verdict,
                     const std::string& rationale);
  static v1::Claim Get(const v1::Claim& claim);

  static std::unique_ptr<TestServer> server_;
  static TestUser ana_, eve_, ben_, cat_, vic_, out_;
  static std::int64_t ws_;
  static std::int64_t other_ws_;
  static v1::Transcript town_hall_;
  static v1::Transcript notes_;      // a plain-text transcript (no timings)
  static v1::Transcript elsewhere_;  // in another workspace
  static std::vector<v1::Segment> segments_;
  static v1::Source removed_source_;
  // In transcript order.
  static v1::Claim published_, open_, in_review_, resolved_, unverifiable_, dismissed_;
};

std::unique_ptr<TestServer> ExportTest::server_;
TestUser ExportTest::ana_, ExportTest::eve_, ExportTest::ben_, ExportTest::cat_, ExportTest::vic_,
    ExportTest::out_;
std::int64_t ExportTest::ws_ = 0;
std::int64_t ExportTest::other_ws_ = 0;
v1::Transcript ExportTest::town_hall_;
v1::Transcript ExportTest::notes_;
v1::Transcript ExportTest::elsewhere_;
std::vector<v1::Segment> ExportTest::segments_;
v1::Source ExportTest::removed_source_;
v1::Claim ExportTest::published_, ExportTest::open_, ExportTest::in_review_, ExportTest::resolved_,
    ExportTest::unverifiable_, ExportTest::dismissed_;

v1::Transcript Import(TestServer& server, const TestUser& as, std::int64_t ws,
                      const std::string& filename, std::string_view content,
                      const std::string& title = "", const std::string& source_url = "",
                      std::int64_t aired = 0) {
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws);
  req.set_filename(filename);
  req.set_title(title);
  req.set_content(std::string(content));
  req.set_source_url(source_url);
  if (aired != 0) req.mutable_aired_at()->set_seconds(aired);
  v1::ImportTranscriptResponse resp;
  const auto status = server.transcripts()->ImportTranscript(Ctx(as.token).get(), req, &resp);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return resp.transcript();
}

v1::Segment ExportTest::SegmentWith(const std::string& needle, int* offset) {
  for (const v1::Segment& s : segments_) {
    if (const auto at = s.text().find(needle); at != std::string::npos) {
      *offset = static_cast<int>(at);
      return s;
    }
  }
  ADD_FAILURE() << "no segment contains " << needle;
  return {};
}

v1::Claim ExportTest::Mark(const std::string& needle, const std::string& summary) {
  int offset = 0;
  const v1::Segment segment = SegmentWith(needle, &offset);
  v1::CreateClaimRequest req;
  req.set_segment_id(segment.id());
  req.set_start_byte(offset);
  req.set_end_byte(offset + static_cast<int>(needle.size()));
  req.set_summary(summary);
  v1::Claim claim;
  const auto status = server_->claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim);
  EXPECT_TRUE(status.ok()) << needle << ": " << status.error_message();
  return claim;
}

v1::Source ExportTest::AddSource(const v1::Claim& claim, const std::string& url, v1::Stance stance,
                                 const std::string& title, const std::string& publisher,
                                 const std::string& excerpt, bool primary) {
  v1::AddSourceRequest req;
  req.set_claim_id(claim.id());
  req.set_url(url);
  req.set_stance(stance);
  req.set_title(title);
  req.set_publisher(publisher);
  req.set_excerpt(excerpt);
  req.set_primary(primary);
  v1::Source source;
  const auto status = server_->sources()->AddSource(Ctx(ben_.token).get(), req, &source);
  EXPECT_TRUE(status.ok()) << url << ": " << status.error_message();
  return source;
}

void ExportTest::Review(const TestUser& by, const v1::Claim& claim, const std::string& verdict,
                        const std::string& rationale) {
  v1::SubmitReviewRequest req;
  req.set_claim_id(claim.id());
  req.set_verdict(verdict);
  req.set_rationale(rationale);
  req.set_confidence(v1::CONFIDENCE_HIGH);
  v1::SubmitReviewResponse resp;
  const auto status = server_->reviews()->SubmitReview(Ctx(by.token).get(), req, &resp);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

v1::Claim ExportTest::Get(const v1::Claim& claim) {
  v1::GetClaimRequest req;
  req.set_claim_id(claim.id());
  v1::Claim out;
  const auto status = server_->claims()->GetClaim(Ctx(eve_.token).get(), req, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

void ExportTest::SetUpTestSuite() {
  server_ = std::make_unique<TestServer>();
  ana_ = server_->AddUser("ana");
  eve_ = server_->AddUser("eve");
  ben_ = server_->AddUser("ben");
  cat_ = server_->AddUser("cat");
  vic_ = server_->AddUser("vic");
  out_ = server_->AddUser("out");
  ws_ = server_->CreateWorkspace("desk", ana_);
  server_->AddMember("desk", eve_, "editor");
  server_->AddMember("desk", ben_, "checker");
  server_->AddMember("desk", cat_, "checker");
  server_->AddMember("desk", vic_, "viewer");
  other_ws_ = server_->CreateWorkspace("elsewhere", out_);

  v1::UpdatePublisherRequest publisher;
  publisher.set_workspace_id(ws_);
  publisher.mutable_publisher()->set_name("The Daily Check");
  publisher.mutable_publisher()->set_url("https://dailycheck.example/");
  publisher.mutable_publisher()->set_claim_url_prefix("https://dailycheck.example/checks/");
  v1::Workspace updated;
  const auto published =
      server_->workspaces()->UpdatePublisher(Ctx(ana_.token).get(), publisher, &updated);
  ASSERT_TRUE(published.ok()) << published.error_message();

  town_hall_ =
      Import(*server_, ben_, ws_, "town-hall.vtt", kTownHallVtt, kTitle, kRecording, kAired);
  ASSERT_EQ(town_hall_.format(), v1::TRANSCRIPT_FORMAT_VTT);
  notes_ = Import(*server_, ben_, ws_, "notes.txt",
                  "Lena Ortiz: Our schools have the smallest classes in the state.\n");
  elsewhere_ = Import(*server_, out_, other_ws_, "other.vtt", kTownHallVtt);
  ASSERT_NE(notes_.id(), 0);
  ASSERT_NE(elsewhere_.id(), 0);

  v1::ListSegmentsRequest list;
  list.set_transcript_id(town_hall_.id());
  v1::ListSegmentsResponse listed;
  ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(ben_.token).get(), list, &listed).ok());
  segments_.assign(listed.segments().begin(), listed.segments().end());
  ASSERT_EQ(segments_.size(), 5U);
  ASSERT_EQ(segments_[1].kind(), v1::SEGMENT_KIND_CUE);
  ASSERT_EQ(segments_[3].text(),
            "He said \"<script>alert(1)</script>\" was fine & crime doubled since 2020.");

  // Published: an ordered verdict, two sources and a removed third.
  published_ = Mark("Unemployment fell to 3.9% last year");
  AddSource(published_, "https://stats.example.gov/unemployment-2023", v1::STANCE_SUPPORTS,
            "Employment Situation, December 2023", "Bureau of Stats", "", true);
  AddSource(published_, "https://news.example.com/jobs?id=1&ref=x", v1::STANCE_CONTEXT,
            "Jobs report, explained");
  removed_source_ =
      AddSource(published_, "https://removed.example.com/", v1::STANCE_REFUTES, "Removed");
  v1::RemoveSourceRequest remove;
  remove.set_source_id(removed_source_.id());
  v1::Source removed;
  ASSERT_TRUE(server_->sources()->RemoveSource(Ctx(ben_.token).get(), remove, &removed).ok());
  Review(ben_, published_, "Mostly true", "The rate was 3.7-3.9% all year.\nClose enough.");
  Review(cat_, published_, "Mostly true", "BLS data agrees.");
  v1::PublishClaimRequest publish;
  publish.set_claim_id(published_.id());
  publish.set_expected_version(Get(published_).version());
  v1::Claim out;
  const auto publish_status = server_->claims()->PublishClaim(Ctx(eve_.token).get(), publish, &out);
  ASSERT_TRUE(publish_status.ok()) << publish_status.error_message();

  // Chinese, resolved False, one refuting source with a comma, a quote and a newline.
  resolved_ = Mark("出口增长了百分之二十", "Exports grew by 20 percent");
  AddSource(resolved_, "https://trade.example.cn/2023", v1::STANCE_REFUTES,
            "海关总署：2023年出口数据", "General Administration of Customs",
            "Exports fell 4.6%,\nnot \"grew\".", true);
  Review(ben_, resolved_, "False", "Customs data shows <b>a fall</b>.");
  Review(cat_, resolved_, "False", "Customs says exports fell.");

  // In review: one of two reviews.
  in_review_ = Mark("Exports grew 20% in 2023");
  AddSource(in_review_, "https://trade.example.cn/2023-en", v1::STANCE_REFUTES);
  Review(ben_, in_review_, "False", "secret until resolved");

  // Open: markup in the quote, a summary that is a spreadsheet formula.
  open_ =
      Mark("\"<script>alert(1)</script>\" was fine", "=HYPERLINK(\"http://evil.example\",\"x\")");

  // Disputed, decided by the editor, published, then corrected to an unordered verdict;
  // a summary with a comma, a quote and a newline.
  unverifiable_ = Mark("crime doubled since 2020", "Crime doubled, \"per police\"\nsince 2020");
  AddSource(unverifiable_, "https://police.example.org/report", v1::STANCE_CONTEXT,
            "@annual report");
  Review(ben_, unverifiable_, "Mostly false", "No police data published.");
  Review(cat_, unverifiable_, "Unverifiable", "Nothing to check against.");
  v1::GetDisputeRequest get_dispute;
  get_dispute.set_claim_id(unverifiable_.id());
  v1::Dispute dispute;
  ASSERT_TRUE(server_->reviews()->GetDispute(Ctx(eve_.token).get(), get_dispute, &dispute).ok());
  v1::DecideDisputeRequest decide;
  decide.set_dispute_id(dispute.id());
  decide.set_verdict("Mostly false");
  decide.set_reasoning(kDecision);
  ASSERT_TRUE(server_->reviews()->DecideDispute(Ctx(eve_.token).get(), decide, &dispute).ok());
  publish.set_claim_id(unverifiable_.id());
  publish.set_expected_version(Get(unverifiable_).version());
  ASSERT_TRUE(server_->claims()->PublishClaim(Ctx(eve_.token).get(), publish, &out).ok());
  v1::CorrectClaimRequest correct;
  correct.set_claim_id(unverifiable_.id());
  correct.set_expected_version(out.version());
  correct.set_verdict("Unverifiable");
  correct.set_reason(kCorrection);
  const auto corrected = server_->claims()->CorrectClaim(Ctx(eve_.token).get(), correct, &out);
  ASSERT_TRUE(corrected.ok()) << corrected.error_message();

  // Dismissed.
  dismissed_ = Mark("Taxes rose and wages fell");
  v1::DismissClaimRequest dismiss;
  dismiss.set_claim_id(dismissed_.id());
  dismiss.set_expected_version(dismissed_.version());
  dismiss.set_reason(v1::DISMISS_REASON_OPINION);
  dismiss.set_explanation("An opinion.");
  ASSERT_TRUE(server_->claims()->DismissClaim(Ctx(eve_.token).get(), dismiss, &out).ok());

  published_ = Get(published_);
  resolved_ = Get(resolved_);
  in_review_ = Get(in_review_);
  open_ = Get(open_);
  unverifiable_ = Get(unverifiable_);
  dismissed_ = Get(dismissed_);
  ASSERT_EQ(published_.status(), v1::CLAIM_STATUS_PUBLISHED);
  ASSERT_EQ(resolved_.status(), v1::CLAIM_STATUS_RESOLVED);
  ASSERT_EQ(in_review_.status(), v1::CLAIM_STATUS_IN_REVIEW);
  ASSERT_EQ(open_.status(), v1::CLAIM_STATUS_OPEN);
  ASSERT_EQ(unverifiable_.status(), v1::CLAIM_STATUS_PUBLISHED);
  ASSERT_EQ(unverifiable_.correction_count(), 1);
  ASSERT_EQ(dismissed_.status(), v1::CLAIM_STATUS_DISMISSED);
}

std::string Url(const v1::Claim& claim) {
  return "https://dailycheck.example/checks/" + std::to_string(claim.id());
}

const json& ReviewWithUrl(const json& reviews, const std::string& url) {
  for (const json& review : reviews) {
    if (review.value("url", "") == url) return review;
  }
  static const json kNone = json::object();
  ADD_FAILURE() << "no ClaimReview with url " << url;
  return kNone;
}

TEST_F(ExportTest, ClaimReviewHasOneReviewPerPublishedClaimFieldByField) {
  const Exported e = Export(v1::EXPORT_FORMAT_CLAIMREVIEW);
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  EXPECT_EQ(e.first().content_type(), "application/ld+json");
  EXPECT_EQ(e.first().filename(), "desk-claimreview.jsonld");
  const json reviews = json::parse(e.bytes);
  ASSERT_TRUE(reviews.is_array());
  // Published claims only, in transcript order: the RESOLVED one is the desk's business.
  std::vector<std::string> urls;
  for (const json& r : reviews) urls.push_back(r.value("url", ""));
  EXPECT_EQ(urls, (std::vector<std::string>{Url(published_), Url(unverifiable_)}));
  EXPECT_EQ(e.bytes.find("Exports grew by 20 percent"), std::string::npos);

  const json& pub = ReviewWithUrl(reviews, Url(published_));
  EXPECT_EQ(pub.at("@context"), "https://schema.org");
  EXPECT_EQ(pub.at("@type"), "ClaimReview");
  EXPECT_EQ(pub.at("claimReviewed"), "Unemployment fell to 3.9% last year");
  EXPECT_EQ(pub.at("author"), json({{"@type", "Organization"},
                                    {"name", "The Daily Check"},
                                    {"url", "https://dailycheck.example/"}}));
  ASSERT_TRUE(published_.has_published_at());
  EXPECT_EQ(pub.at("datePublished"), DateOf(published_.published_at()));
  const json& item = pub.at("itemReviewed");
  EXPECT_EQ(item.at("@type"), "Claim");
  EXPECT_EQ(item.at("author"), json({{"@type", "Person"}, {"name", "Ana Moreno"}}));
  EXPECT_EQ(item.at("datePublished"), "2024-03-05");  // the transcript's air date
  EXPECT_EQ(item.at("inLanguage"), "en");             // guessed from the transcript's text
  EXPECT_EQ(item.at("appearance"), json({{"@type", "Clip"},
                                         {"startOffset", 1},
                                         {"endOffset", 5.5},
                                         {"name", kTitle},
                                         {"url", kRecording},
                                         {"inLanguage", "en"}}));
  EXPECT_EQ(pub.at("reviewRating"), json({{"@type", "Rating"},
                                          {"ratingValue", 4},
                                          {"bestRating", 5},
                                          {"worstRating", 1},
                                          {"alternateName", "Mostly true"}}));

  EXPECT_FALSE(pub.contains("dateModified"));
  EXPECT_FALSE(pub.contains("correction"));

  // A label outside the ordered scale carries no numbers; the correction travels with it.
  const json& unv = ReviewWithUrl(reviews, Url(unverifiable_));
  EXPECT_EQ(unv.at("reviewRating"), json({{"@type", "Rating"}, {"alternateName", "Unverifiable"}}));
  EXPECT_EQ(unv.at("claimReviewed"), "Crime doubled, \"per police\"\nsince 2020");
  const std::string corrected_on = DateOf(unverifiable_.updated_at());
  EXPECT_EQ(unv.at("dateModified"), corrected_on);
  EXPECT_EQ(unv.at("correction"),
            json::array({{{"@type", "CorrectionComment"},
                          {"text", "Corrected on " + corrected_on + ": " + kCorrection +
                                       " (earlier verdict: Mostly false)"},
                          {"datePublished", corrected_on}}}));
  // "</script>" in the reason cannot end a <script> element the JSON-LD is embedded in.
  EXPECT_EQ(e.bytes.find("</"), std::string::npos);
}

TEST_F(ExportTest, ClaimReviewIsRefusedWithoutAPublisher) {
  // A workspace of its own, so the others' publisher stays set.
  const TestUser owner = server_->AddUser("nopub");
  const std::int64_t ws = server_->CreateWorkspace("no-publisher", owner);
  const Exported e = RunExport(*server_, owner.token, ws, 0, v1::EXPORT_FORMAT_CLAIMREVIEW);
  EXPECT_EQ(e.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(e.status.error_message(),
            "ClaimReview needs the workspace's publisher name and claim URL prefix; an admin "
            "can set them with: factdesk publisher set -w no-publisher --name NAME --url "
            "HOME_PAGE --claim-url-prefix URL_PREFIX");
  EXPECT_TRUE(e.bytes.empty());
  EXPECT_TRUE(e.chunks.empty());
  // A name alone is not enough: the ClaimReview's url needs the prefix.
  v1::UpdatePublisherRequest publisher;
  publisher.set_workspace_id(ws);
  publisher.mutable_publisher()->set_name("Nopub News");
  v1::Workspace updated;
  ASSERT_TRUE(
      server_->workspaces()->UpdatePublisher(Ctx(owner.token).get(), publisher, &updated).ok());
  EXPECT_EQ(
      RunExport(*server_, owner.token, ws, 0, v1::EXPORT_FORMAT_CLAIMREVIEW).status.error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  publisher.mutable_publisher()->set_claim_url_prefix("https://nopub.example/checks/");
  ASSERT_TRUE(
      server_->workspaces()->UpdatePublisher(Ctx(owner.token).get(), publisher, &updated).ok());
  const Exported ok = RunExport(*server_, owner.token, ws, 0, v1::EXPORT_FORMAT_CLAIMREVIEW);
  EXPECT_TRUE(ok.status.ok()) << ok.status.error_message();
  EXPECT_EQ(json::parse(ok.bytes), json::array());
}

TEST_F(ExportTest, ClaimReviewUsesOnlyTheSchemaOrgVocabulary) {
  const std::string text = ReadFile(SharedPath(kSchemaOrgRelease));
  const SchemaOrgVocabulary vocab(json::parse(text));
  ASSERT_GT(vocab.class_count(), 500U);
  const Exported e = Export(v1::EXPORT_FORMAT_CLAIMREVIEW);
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  const json reviews = json::parse(e.bytes);
  ASSERT_EQ(reviews.size(), 2U);
  std::set<std::string> types;
  std::set<std::string> properties;
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    CheckSchemaOrgNode(vocab, reviews[i], "[" + std::to_string(i) + "]", types, properties);
  }
  EXPECT_EQ(types, (std::set<std::string>{"ClaimReview", "Claim", "Clip", "Organization", "Person",
                                          "Rating", "CorrectionComment"}));
  for (const char* p :
       {"url", "claimReviewed", "author", "datePublished", "itemReviewed", "appearance",
        "startOffset", "endOffset", "reviewRating", "ratingValue", "bestRating", "worstRating",
        "alternateName", "dateModified", "correction", "text"}) {
    EXPECT_TRUE(properties.contains(p)) << p;
  }
}

const json& AnnotationOf(const json& doc, const v1::Claim& claim) {
  const std::string id = "urn:factdesk:claim:" + std::to_string(claim.id());
  for (const json& a : doc.at("first").at("items")) {
    if (a.at("id") == id) return a;
  }
  static const json kNone = json::object();
  ADD_FAILURE() << "no annotation " << id;
  return kNone;
}

const json& SelectorOf(const json& annotation, const std::string& type) {
  for (const json& s : annotation.at("target").at(0).at("selector")) {
    if (s.at("type") == type) return s;
  }
  static const json kNone = json::object();
  ADD_FAILURE() << "no " << type;
  return kNone;
}

TEST_F(ExportTest, AnnotationsAnchorEveryClaimWithQuoteAndPositionSelectors) {
  const Exported e = Export(v1::EXPORT_FORMAT_ANNOTATIONS);
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  EXPECT_EQ(e.first().content_type(),
            "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"");
  EXPECT_EQ(e.first().filename(), "desk-annotations.jsonld");
  const json doc = json::parse(e.bytes);
  EXPECT_EQ(doc.at("@context"), "http://www.w3.org/ns/anno.jsonld");
  EXPECT_EQ(doc.at("type"), "AnnotationCollection");
  EXPECT_EQ(doc.at("total"), 6);  // every claim, whatever its state
  ASSERT_EQ(doc.at("first").at("items").size(), 6U);
  for (const json& a : doc.at("first").at("items")) {
    EXPECT_EQ(a.at("type"), "Annotation");
    EXPECT_EQ(a.at("motivation"), "assessing");
  }

  const json& pub = AnnotationOf(doc, published_);
  // The quote selector carries exactly what the server stored for re-anchoring.
  EXPECT_EQ(SelectorOf(pub, "TextQuoteSelector"), json({{"type", "TextQuoteSelector"},
                                                        {"exact", published_.quote()},
                                                        {"prefix", published_.prefix()},
                                                        {"suffix", published_.suffix()}}));
  EXPECT_EQ(published_.prefix(), "Good evening. ");
  EXPECT_EQ(SelectorOf(pub, "TextPositionSelector"),
            json({{"type", "TextPositionSelector"}, {"start", 14}, {"end", 49}}));
  const json& body = pub.at("body");
  ASSERT_EQ(body.size(), 5U) << body.dump();  // summary, verdict, state, two active sources
  EXPECT_EQ(body[0].at("purpose"), "describing");
  EXPECT_EQ(body[0].at("value"), "Unemployment fell to 3.9% last year");
  EXPECT_EQ(body[1], json({{"type", "TextualBody"},
                           {"purpose", "assessing"},
                           {"format", "text/plain"},
                           {"value", "Mostly true"}}));
  EXPECT_EQ(body[2], json({{"type", "TextualBody"},
                           {"purpose", "tagging"},
                           {"format", "text/plain"},
                           {"value", "published"}}));
  EXPECT_EQ(body[3], json({{"type", "SpecificResource"},
                           {"purpose", "linking"},
                           {"source", "https://stats.example.gov/unemployment-2023"}}));
  EXPECT_EQ(body[4].at("source"), "https://news.example.com/jobs?id=1&ref=x");
  EXPECT_EQ(e.bytes.find("removed.example.com"), std::string::npos);
  // A desk file: the RESOLVED claim is there, marked; the correction is an editing body.
  EXPECT_EQ(AnnotationOf(doc, resolved_).at("body").at(2).at("value"), "resolved");
  const json& corrected = AnnotationOf(doc, unverifiable_).at("body").at(3);
  EXPECT_EQ(corrected.at("purpose"), "editing");
  EXPECT_EQ(corrected.at("value"), "Corrected on " + DateOf(unverifiable_.updated_at()) + ": " +
                                       kCorrection + " (earlier verdict: Mostly false)");
  EXPECT_EQ(e.bytes.find("</"), std::string::npos);
  EXPECT_EQ(pub.at("target").at(0).at("scope"), kRecording);
  EXPECT_EQ(pub.at("target").at(1).at("selector").at("value"), "t=1.000,5.500");

  // Positions count code points: 我们的 is three characters, the quote ten.
  EXPECT_EQ(SelectorOf(AnnotationOf(doc, resolved_), "TextPositionSelector"),
            json({{"type", "TextPositionSelector"}, {"start", 3}, {"end", 13}}));
  // Not yet checked: described and linked, but no verdict.
  const json& pending = AnnotationOf(doc, in_review_);
  for (const json& b : pending.at("body")) EXPECT_NE(b.value("purpose", ""), "assessing");
  EXPECT_EQ(e.bytes.find("secret until resolved"), std::string::npos);
}

TEST_F(ExportTest, CsvIsRfc4180WithARowPerClaim) {
  const Exported e = Export(v1::EXPORT_FORMAT_CSV);
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  EXPECT_EQ(e.first().content_type(), "text/csv; charset=utf-8; header=present");
  EXPECT_EQ(e.first().filename(), "desk.csv");
  const CsvTable table = ReadCsv(WithoutBom(e.bytes));
  ASSERT_EQ(table.size(), 7U);
  std::vector<std::string> ids;
  for (std::size_t r = 1; r < table.size(); ++r) ids.push_back(table[r][0]);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     std::to_string(published_.id()), std::to_string(resolved_.id()),
                     std::to_string(in_review_.id()), std::to_string(open_.id()),
                     std::to_string(unverifiable_.id()), std::to_string(dismissed_.id())}));
  const auto rows = CsvByKey(table);
  const auto& pub = rows.at(std::to_string(published_.id()));
  EXPECT_EQ(pub.at("transcript_id"), std::to_string(town_hall_.id()));
  EXPECT_EQ(pub.at("transcript"), kTitle);
  EXPECT_EQ(pub.at("segment_ordinal"), "0");
  EXPECT_EQ(pub.at("speaker"), "Ana Moreno");
  EXPECT_EQ(pub.at("claimant"), "Ana Moreno");
  EXPECT_EQ(pub.at("start_time"), "00:00:01.000");
  EXPECT_EQ(pub.at("end_time"), "00:00:05.500");
  EXPECT_EQ(pub.at("quote"), "Unemployment fell to 3.9% last year");
  EXPECT_EQ(pub.at("status"), "published");
  EXPECT_EQ(pub.at("verdict"), "Mostly true");
  EXPECT_EQ(pub.at("rating_value"), "4");
  EXPECT_EQ(pub.at("reviewers"), "ben; cat");
  EXPECT_EQ(pub.at("source_urls"),
            "https://stats.example.gov/unemployment-2023 https://news.example.com/jobs?id=1&ref=x");
  EXPECT_FALSE(pub.at("published_at").empty());

  const auto& res = rows.at(std::to_string(resolved_.id()));
  EXPECT_EQ(res.at("quote"), "出口增长了百分之二十");
  EXPECT_EQ(res.at("summary"), "Exports grew by 20 percent");
  EXPECT_EQ(res.at("status"), "resolved");
  EXPECT_EQ(res.at("published_at"), "");
  EXPECT_EQ(rows.at(std::to_string(in_review_.id())).at("verdict"), "");
  EXPECT_EQ(rows.at(std::to_string(open_.id())).at("quote"),
            "\"<script>alert(1)</script>\" was fine");
  // A formula becomes text; a summary with a comma, quotes and a newline survives.
  EXPECT_EQ(rows.at(std::to_string(open_.id())).at("summary"),
            "'=HYPERLINK(\"http://evil.example\",\"x\")");
  EXPECT_EQ(rows.at(std::to_string(unverifiable_.id())).at("summary"),
            "Crime doubled, \"per police\"\nsince 2020");
  EXPECT_EQ(rows.at(std::to_string(unverifiable_.id())).at("rating_value"), "");
  EXPECT_EQ(rows.at(std::to_string(unverifiable_.id())).at("corrections"), "1");
  EXPECT_EQ(rows.at(std::to_string(unverifiable_.id())).at("last_correction_reason"), kCorrection);
  EXPECT_TRUE(rows.at(std::to_string(unverifiable_.id()))
                  .at("last_correction_at")
                  .starts_with(DateOf(unverifiable_.updated_at()) + "T"));
  EXPECT_EQ(pub.at("corrections"), "0");
  EXPECT_EQ(pub.at("last_correction_reason"), "");
  EXPECT_EQ(pub.at("last_correction_at"), "");
  EXPECT_EQ(rows.at(std::to_string(dismissed_.id())).at("status"), "dismissed");
  EXPECT_EQ(rows.at(std::to_string(dismissed_.id())).at("end_time"), "01:02:03.004");
}

TEST_F(ExportTest, SourcesCsvHasEveryActiveSource) {
  const Exported e = Export(v1::EXPORT_FORMAT_SOURCES_CSV);
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  EXPECT_EQ(e.first().filename(), "desk-sources.csv");
  const CsvTable table = ReadCsv(WithoutBom(e.bytes));
  ASSERT_EQ(table.size(), 6U);  // header + five active sources (the removed one is not)
  EXPECT_EQ(table[0],
            (std::vector<std::string>{"source_id", "claim_id", "claim_summary", "url", "title",
                                      "publisher", "stance", "primary", "archived_url", "excerpt",
                                      "added_by", "added_at", "claim_status", "claim_corrections",
                                      "last_correction_reason", "last_correction_at"}));
  const auto rows = CsvByKey(table);
  EXPECT_FALSE(rows.contains(std::to_string(removed_source_.id())));
  bool customs_seen = false;
  for (const auto& [id, row] : rows) {
    EXPECT_EQ(row.at("added_by"), "ben");
    if (row.at("url") != "https://trade.example.cn/2023") continue;
    customs_seen = true;
    EXPECT_EQ(row.at("claim_id"), std::to_string(resolved_.id()));
    EXPECT_EQ(row.at("claim_summary"), "Exports grew by 20 percent");
    EXPECT_EQ(row.at("title"), "海关总署：2023年出口数据");
    EXPECT_EQ(row.at("publisher"), "General Administration of Customs");
    EXPECT_EQ(row.at("stance"), "refutes");
    EXPECT_EQ(row.at("primary"), "yes");
    EXPECT_EQ(row.at("excerpt"), "Exports fell 4.6%,\nnot \"grew\".");
    EXPECT_EQ(row.at("claim_status"), "resolved");
    EXPECT_EQ(row.at("claim_corrections"), "0");
  }
  EXPECT_TRUE(customs_seen);
}

TEST_F(ExportTest, DeskFilesPublishedOnlyKeepPublishedClaims) {
  const Exported csv = ExportFor(v1::EXPORT_FORMAT_CSV, 0, v1::EXPORT_AUDIENCE_UNSPECIFIED, true);
  ASSERT_TRUE(csv.status.ok()) << csv.status.error_message();
  const CsvTable table = ReadCsv(WithoutBom(csv.bytes));
  std::vector<std::string> ids;
  for (std::size_t r = 1; r < table.size(); ++r) ids.push_back(table[r][0]);
  EXPECT_EQ(ids, (std::vector<std::string>{std::to_string(published_.id()),
                                           std::to_string(unverifiable_.id())}));
  const Exported sources =
      ExportFor(v1::EXPORT_FORMAT_SOURCES_CSV, 0, v1::EXPORT_AUDIENCE_UNSPECIFIED, true);
  ASSERT_TRUE(sources.status.ok()) << sources.status.error_message();
  for (const auto& [id, row] : CsvByKey(ReadCsv(WithoutBom(sources.bytes)))) {
    EXPECT_EQ(row.at("claim_status"), "published") << id;
  }
  const Exported notes =
      ExportFor(v1::EXPORT_FORMAT_ANNOTATIONS, 0, v1::EXPORT_AUDIENCE_UNSPECIFIED, true);
  ASSERT_TRUE(notes.status.ok()) << notes.status.error_message();
  EXPECT_EQ(json::parse(notes.bytes).at("total"), 2);
}

TEST_F(ExportTest, ClaimFormatsOfOneTranscriptHoldOnlyItsClaims) {
  const Exported e = Export(v1::EXPORT_FORMAT_CSV, notes_.id());
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  EXPECT_EQ(e.first().filename(), "desk-transcript-" + std::to_string(notes_.id()) + ".csv");
  EXPECT_EQ(ReadCsv(WithoutBom(e.bytes)).size(), 1U);  // the header only
  const Exported town = Export(v1::EXPORT_FORMAT_CLAIMREVIEW, town_hall_.id());
  ASSERT_TRUE(town.status.ok()) << town.status.error_message();
  EXPECT_EQ(json::parse(town.bytes).size(), 2U);
}

TEST_F(ExportTest, DeskHtmlReportIsStandaloneEscapedAndHasEveryClaim) {
  const Exported e = ExportFor(v1::EXPORT_FORMAT_HTML, town_hall_.id(), v1::EXPORT_AUDIENCE_DESK);
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  EXPECT_EQ(e.first().content_type(), "text/html; charset=utf-8");
  EXPECT_EQ(e.first().filename(),
            "desk-transcript-" + std::to_string(town_hall_.id()) + "-desk.html");
  const std::string& html = e.bytes;
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>")) << html.substr(0, 80);
  EXPECT_TRUE(html.ends_with("</html>\n"));
  for (const char* forbidden : {"<script", "<link", "<img", "<iframe", "src=", "url(", "@import"}) {
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden;
  }
  EXPECT_NE(html.find("<h1>Town hall &lt;live&gt; &amp; &quot;more&quot;</h1>"), std::string::npos);
  EXPECT_NE(html.find("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; was fine"),
            std::string::npos);
  EXPECT_NE(html.find("Customs data shows &lt;b&gt;a fall&lt;/b&gt;."), std::string::npos);
  EXPECT_NE(html.find("The Daily Check"), std::string::npos);
  EXPECT_NE(html.find("Mostly true"), std::string::npos);
  EXPECT_NE(html.find("出口增长了百分之二十</mark>"), std::string::npos);
  for (const v1::Claim* c :
       {&published_, &resolved_, &in_review_, &open_, &unverifiable_, &dismissed_}) {
    EXPECT_NE(html.find("id=\"claim-" + std::to_string(c->id()) + "\""), std::string::npos)
        << c->quote();
  }
  // Blind rule: rationales of claims still in review stay out of the report.
  EXPECT_EQ(html.find("secret until resolved"), std::string::npos);
  EXPECT_EQ(html.find("removed.example.com"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"internal\">Internal desk file"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge pending state\">Resolved</span>"), std::string::npos);
}

TEST_F(ExportTest, PublicHtmlReportHasOnlyPublishedChecksWithDecisionAndCorrection) {
  const Exported e = Export(v1::EXPORT_FORMAT_HTML, town_hall_.id());  // public by default
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  EXPECT_EQ(e.first().filename(), "desk-transcript-" + std::to_string(town_hall_.id()) + ".html");
  const std::string& html = e.bytes;
  for (const v1::Claim* c : {&published_, &unverifiable_}) {
    EXPECT_NE(html.find("id=\"card-" + std::to_string(c->id()) + "\""), std::string::npos);
  }
  for (const v1::Claim* c : {&resolved_, &in_review_, &open_, &dismissed_}) {
    EXPECT_EQ(html.find("data-claim=\"" + std::to_string(c->id()) + "\""), std::string::npos)
        << c->quote();
  }
  EXPECT_EQ(html.find("Customs data shows"), std::string::npos);  // the RESOLVED claim's
  EXPECT_EQ(html.find("class=\"internal\""), std::string::npos);
  EXPECT_NE(html.find(std::string("<p class=\"rationale\">") + kDecision), std::string::npos);
  EXPECT_NE(html.find("<p class=\"correction\">Corrected on " + DateOf(unverifiable_.updated_at()) +
                      ": The police withdrew the draft &lt;/script&gt; we relied on (earlier "
                      "verdict: Mostly false)</p>"),
            std::string::npos);
}

TEST_F(ExportTest, VttRoundTripsThroughTheImporterWithVerdictCues) {
  const Exported e = Export(v1::EXPORT_FORMAT_VTT, town_hall_.id());
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  EXPECT_EQ(e.first().content_type(), "text/vtt; charset=utf-8");
  EXPECT_EQ(e.first().filename(), "desk-transcript-" + std::to_string(town_hall_.id()) + ".vtt");
  const auto parsed = import::Parse(e.bytes, import::Format::kVtt);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << e.bytes;

  struct Expected {
    std::string speaker;
    std::int64_t start_ms;
    std::int64_t end_ms;
    std::string text;
  };
  // Published claims only: the RESOLVED one gets no public cue.
  const auto cue = [](const v1::Segment& s, const std::string& label, const std::string& summary) {
    return Expected{"", s.start_ms(), s.end_ms(), "FACT CHECK: " + label + " — " + summary};
  };
  std::vector<Expected> expected;
  for (const v1::Segment& s : segments_) {
    expected.push_back({s.speaker(), s.start_ms(), s.end_ms(), s.text()});
    if (s.ordinal() == 0) expected.push_back(cue(s, "Mostly true", published_.summary()));
    if (s.ordinal() == 3) {
      expected.push_back(
          cue(s, "Unverifiable (corrected)", "Crime doubled, \"per police\" since 2020"));
    }
  }
  ASSERT_EQ(parsed->segments.size(), expected.size()) << e.bytes;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(parsed->segments[i].speaker, expected[i].speaker);
    EXPECT_EQ(parsed->segments[i].start_ms, expected[i].start_ms);
    EXPECT_EQ(parsed->segments[i].end_ms, expected[i].end_ms);
    EXPECT_EQ(parsed->segments[i].text, expected[i].text);
  }
  const auto cues = import::ParseVttCues(e.bytes);
  ASSERT_TRUE(cues.ok());
  std::vector<std::string> claim_cues;
  for (const import::VttCue& c : *cues) {
    if (c.identifier.starts_with("claim-")) claim_cues.push_back(c.identifier);
  }
  EXPECT_EQ(claim_cues, (std::vector<std::string>{"claim-" + std::to_string(published_.id()),
                                                  "claim-" + std::to_string(unverifiable_.id())}));
}

// A refused export: the code, a message naming the problem, and not one byte sent.
void ExpectRefused(const Exported& e, grpc::StatusCode code, const std::string& text) {
  EXPECT_EQ(e.status.error_code(), code) << e.status.error_message();
  EXPECT_NE(e.status.error_message().find(text), std::string::npos) << e.status.error_message();
  EXPECT_TRUE(e.chunks.empty()) << e.chunks.size()
                                << " chunks, first: " << e.first().data().substr(0, 80);
}

TEST_F(ExportTest, AudienceAndPublishedOnlyWhereTheyDoNotApplyAreRefused) {
  ExpectRefused(ExportFor(v1::EXPORT_FORMAT_CSV, 0, v1::EXPORT_AUDIENCE_DESK),
                grpc::StatusCode::INVALID_ARGUMENT,
                "audience: only the HTML export takes an audience");
  ExpectRefused(ExportFor(v1::EXPORT_FORMAT_VTT, town_hall_.id(), v1::EXPORT_AUDIENCE_PUBLIC),
                grpc::StatusCode::INVALID_ARGUMENT,
                "audience: only the HTML export takes an audience");
  ExpectRefused(
      ExportFor(v1::EXPORT_FORMAT_HTML, town_hall_.id(), static_cast<v1::ExportAudience>(7)),
      grpc::StatusCode::INVALID_ARGUMENT, "audience: must be PUBLIC or DESK");
  for (const auto format :
       {v1::EXPORT_FORMAT_CLAIMREVIEW, v1::EXPORT_FORMAT_HTML, v1::EXPORT_FORMAT_VTT}) {
    ExpectRefused(
        ExportFor(format, town_hall_.id(), v1::EXPORT_AUDIENCE_UNSPECIFIED, true),
        grpc::StatusCode::INVALID_ARGUMENT,
        "published_only: only the desk files (CSV, SOURCES_CSV, ANNOTATIONS) take it; the "
        "others hold published claims only");
  }
}

TEST_F(ExportTest, TranscriptFormatsWithoutATranscriptAreRefused) {
  for (const auto format : {v1::EXPORT_FORMAT_HTML, v1::EXPORT_FORMAT_VTT}) {
    SCOPED_TRACE(v1::ExportFormat_Name(format));
    ExpectRefused(Export(format), grpc::StatusCode::INVALID_ARGUMENT, "transcript_id");
  }
}

TEST_F(ExportTest, VttOfATranscriptWithoutTimingsIsRefused) {
  ExpectRefused(Export(v1::EXPORT_FORMAT_VTT, notes_.id()), grpc::StatusCode::FAILED_PRECONDITION,
                "timings");
  // HTML needs no timings.
  EXPECT_TRUE(Export(v1::EXPORT_FORMAT_HTML, notes_.id()).status.ok());
}

TEST_F(ExportTest, UnknownFormatsAreRefused) {
  ExpectRefused(Export(v1::EXPORT_FORMAT_UNSPECIFIED), grpc::StatusCode::INVALID_ARGUMENT,
                "format");
  ExpectRefused(Export(static_cast<v1::ExportFormat>(42)), grpc::StatusCode::INVALID_ARGUMENT,
                "format");
}

TEST_F(ExportTest, OnlyMembersExportAndOnlyTheirWorkspacesTranscripts) {
  ExpectRefused(Export(v1::EXPORT_FORMAT_CSV, 0, &out_), grpc::StatusCode::PERMISSION_DENIED, "");
  ExpectRefused(Export(v1::EXPORT_FORMAT_HTML, town_hall_.id(), &out_),
                grpc::StatusCode::PERMISSION_DENIED, "");
  const TestUser nobody;
  ExpectRefused(Export(v1::EXPORT_FORMAT_CSV, 0, &nobody), grpc::StatusCode::UNAUTHENTICATED, "");
  // A transcript of another workspace, named in this one.
  ExpectRefused(Export(v1::EXPORT_FORMAT_HTML, elsewhere_.id()), grpc::StatusCode::NOT_FOUND,
                std::to_string(elsewhere_.id()));
  ExpectRefused(RunExport(*server_, vic_.token, 0, 0, v1::EXPORT_FORMAT_CSV),
                grpc::StatusCode::INVALID_ARGUMENT, "workspace_id");
  // A viewer may export.
  EXPECT_TRUE(Export(v1::EXPORT_FORMAT_CSV, 0, &vic_).status.ok());
}

// Every chunk at most 64 KiB, the header on the first one only, several chunks.
void ExpectStreamed(const Exported& e, const std::string& content_type,
                    const std::string& filename) {
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  ASSERT_GE(e.chunks.size(), 2U);
  EXPECT_GE(e.chunks.size(), e.bytes.size() / kMaxChunk);
  EXPECT_EQ(e.first().content_type(), content_type);
  EXPECT_EQ(e.first().filename(), filename);
  for (std::size_t i = 0; i < e.chunks.size(); ++i) {
    EXPECT_LE(e.chunks[i].data().size(), kMaxChunk) << "chunk " << i;
    EXPECT_FALSE(e.chunks[i].data().empty()) << "chunk " << i;
    if (i > 0) {
      EXPECT_TRUE(e.chunks[i].content_type().empty()) << "chunk " << i;
      EXPECT_TRUE(e.chunks[i].filename().empty()) << "chunk " << i;
    }
  }
}

// A workspace of `claims` claims in one segment, made straight in the database (their
// making is not what is tested): half of them published with a verdict, and summaries
// that need CSV quoting and are not ASCII. Returns the workspace.
std::int64_t SeedBigWorkspace(TestServer& server, const TestUser& owner, const std::string& slug,
                              int claims) {
  const std::int64_t big = server.CreateWorkspace(slug, owner);
  const v1::Transcript t =
      Import(server, owner, big, "hearing.txt", "Lena Ortiz: Unemployment fell by half.\n");
  EXPECT_NE(t.id(), 0);
  const std::string inserted = server.QueryValue(
      "WITH s AS (SELECT id FROM segments WHERE transcript_id = " + std::to_string(t.id()) +
      "), ins AS (INSERT INTO claims (workspace_id, transcript_id, segment_id, start_byte, "
      "end_byte, quote, prefix, suffix, summary, claimant, status, verdict_label, "
      "verdict_ordered, verdict_value, verdict_best, verdict_worst, created_by, resolved_at, "
      "published_at) SELECT " +
      std::to_string(big) + ", " + std::to_string(t.id()) +
      ", s.id, 0, 12, 'Unemployment', '', ' fell by half.', "
      "'Claim №' || g || ', \"quoted\" — ' || repeat('ü', g % 40), 'Lena Ortiz', "
      "CASE WHEN g % 2 = 0 THEN 'PUBLISHED' ELSE 'OPEN' END, "
      "CASE WHEN g % 2 = 0 THEN 'False' END, CASE WHEN g % 2 = 0 THEN true END, "
      "CASE WHEN g % 2 = 0 THEN 1 END, CASE WHEN g % 2 = 0 THEN 5 END, "
      "CASE WHEN g % 2 = 0 THEN 1 END, " +
      std::to_string(owner.user.id()) +
      ", CASE WHEN g % 2 = 0 THEN now() END, CASE WHEN g % 2 = 0 THEN now() END "
      "FROM generate_series(1, " +
      std::to_string(claims) + ") g, s RETURNING id) SELECT count(*) FROM ins");
  EXPECT_EQ(inserted, std::to_string(claims));
  return big;
}

TEST_F(ExportTest, TenThousandClaimsStreamInBoundedChunks) {
  constexpr int kClaims = 10000;
  const std::int64_t big = SeedBigWorkspace(*server_, ana_, "big", kClaims);
  std::set<std::string> expected_ids;
  {
    const std::string all = server_->QueryValue(
        "SELECT string_agg(id::text, ',') FROM claims WHERE workspace_id = " + std::to_string(big));
    for (std::size_t at = 0; at < all.size();) {
      const std::size_t comma = std::min(all.find(',', at), all.size());
      expected_ids.insert(all.substr(at, comma - at));
      at = comma + 1;
    }
  }
  ASSERT_EQ(expected_ids.size(), static_cast<std::size_t>(kClaims));

  const Exported csv =
      RunExport(*server_, ana_.token, big, 0, v1::EXPORT_FORMAT_CSV, std::chrono::seconds(600));
  ExpectStreamed(csv, "text/csv; charset=utf-8; header=present", "big.csv");
  const CsvTable table = ReadCsv(WithoutBom(csv.bytes));
  ASSERT_EQ(table.size(), static_cast<std::size_t>(kClaims) + 1);
  // Every claim exactly once, across all the pages the server read.
  std::set<std::string> ids;
  for (std::size_t r = 1; r < table.size(); ++r) {
    ids.insert(table[r][0]);
    ASSERT_EQ(table[r].size(), table[0].size()) << "row " << r;
  }
  EXPECT_EQ(ids, expected_ids);
  EXPECT_NE(csv.bytes.find("\"Claim №10000, \"\"quoted\"\" — \","), std::string::npos);

  v1::UpdatePublisherRequest publisher;
  publisher.set_workspace_id(big);
  publisher.mutable_publisher()->set_name("Big Desk");
  publisher.mutable_publisher()->set_claim_url_prefix("https://big.example/checks/");
  v1::Workspace updated;
  ASSERT_TRUE(
      server_->workspaces()->UpdatePublisher(Ctx(ana_.token).get(), publisher, &updated).ok());
  const Exported reviews = RunExport(*server_, ana_.token, big, 0, v1::EXPORT_FORMAT_CLAIMREVIEW,
                                     std::chrono::seconds(600));
  ExpectStreamed(reviews, "application/ld+json", "big-claimreview.jsonld");
  const json parsed = json::parse(reviews.bytes, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(parsed.is_discarded()) << "the concatenated chunks are not JSON";
  ASSERT_EQ(parsed.size(), static_cast<std::size_t>(kClaims / 2));
  std::set<std::string> reviewed;
  for (const json& r : parsed) reviewed.insert(r.at("claimReviewed").get<std::string>());
  EXPECT_EQ(reviewed.size(), static_cast<std::size_t>(kClaims / 2));
}

// A client that cancels a long export midway: the call ends CANCELLED at once, and the
// server stops reading pages and gives the user's place back (two heavy calls at once per
// user), so the same user's next export runs whole.
TEST_F(ExportTest, ACancelledExportStopsAndFreesItsPlace) {
  constexpr int kClaims = 10000;
  const std::int64_t big = SeedBigWorkspace(*server_, ana_, "cancelled", kClaims);
  auto stub = v1::ExportService::NewStub(server_->channel());
  v1::ExportRequest req;
  req.set_workspace_id(big);
  req.set_format(v1::EXPORT_FORMAT_CSV);
  // The server notices a cancel at its next chunk, so the place of a cancelled export may
  // stay taken for a moment: an export refused for that is asked again.
  constexpr int kTries = 100;
  constexpr auto kPause = std::chrono::milliseconds(100);
  for (int attempt = 0; attempt < 3; ++attempt) {
    SCOPED_TRACE(attempt);
    bool cancelled = false;
    for (int tries = 0; tries < kTries && !cancelled; ++tries) {
      auto ctx = Ctx(ana_.token);
      auto reader = stub->Export(ctx.get(), req);
      v1::ExportChunk chunk;
      if (!reader->Read(&chunk)) {
        const grpc::Status refused = reader->Finish();
        ASSERT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
            << refused.error_message();
        std::this_thread::sleep_for(kPause);
        continue;
      }
      EXPECT_FALSE(chunk.data().empty());
      ctx->TryCancel();
      while (reader->Read(&chunk)) {
      }
      EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
      cancelled = true;
    }
    ASSERT_TRUE(cancelled) << "no export started in " << kTries << " tries";
  }
  Exported whole;
  for (int tries = 0; tries < kTries; ++tries) {
    whole = RunExport(*server_, ana_.token, req, std::chrono::seconds(600));
    if (whole.status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) break;
    std::this_thread::sleep_for(kPause);
  }
  ASSERT_TRUE(whole.status.ok()) << whole.status.error_message();
  EXPECT_EQ(ReadCsv(WithoutBom(whole.bytes)).size(), static_cast<std::size_t>(kClaims) + 1);
}

// A transcript of many pages of segments (the server reads 200 at a time, two pages at
// once): the desk's HTML report has every segment once and in order, and every claim's
// card after its own segment's text.
TEST_F(ExportTest, ALongTranscriptRendersEverySegmentOnceInOrder) {
  constexpr int kSegments = 1001;
  std::string vtt = "WEBVTT\n\n";
  for (int i = 0; i < kSegments; ++i) {
    vtt += fmt::format(
        "{:02}:{:02}:{:02}.000 --> {:02}:{:02}:{:02}.500\n<v {}>Line {:04} of the "
        "hearing.\n\n",
        i / 3600, i / 60 % 60, i % 60, i / 3600, i / 60 % 60, i % 60,
        i % 2 == 0 ? "Ana Lima" : "Ben Okafor", i);
  }
  const std::int64_t ws = server_->CreateWorkspace("long-hearing", ana_);
  const v1::Transcript t = Import(*server_, ana_, ws, "hearing.vtt", vtt);
  ASSERT_EQ(t.segment_count(), kSegments);
  // A claim on every seventh segment, made straight in the database.
  const std::string inserted = server_->QueryValue(
      "WITH ins AS (INSERT INTO claims (workspace_id, transcript_id, segment_id, start_byte, "
      "end_byte, quote, prefix, suffix, summary, claimant, created_by) SELECT " +
      std::to_string(ws) + ", " + std::to_string(t.id()) +
      ", s.id, 0, 4, 'Line', '', '', 'Card for line ' || lpad(s.ordinal::text, 4, '0'), '', " +
      std::to_string(ana_.user.id()) + " FROM segments s WHERE s.transcript_id = " +
      std::to_string(t.id()) + " AND s.ordinal % 7 = 0 RETURNING id) SELECT count(*) FROM ins");
  ASSERT_EQ(inserted, std::to_string((kSegments + 6) / 7));

  v1::ExportRequest req;
  req.set_workspace_id(ws);
  req.set_transcript_id(t.id());
  req.set_format(v1::EXPORT_FORMAT_HTML);
  req.set_audience(v1::EXPORT_AUDIENCE_DESK);
  const Exported html = RunExport(*server_, ana_.token, req);
  ASSERT_TRUE(html.status.ok()) << html.status.error_message();
  std::size_t last = 0;
  for (int i = 0; i < kSegments; ++i) {
    const std::string line = fmt::format(" {:04} of the hearing.", i);
    const std::size_t at = html.bytes.find(line);
    ASSERT_NE(at, std::string::npos) << "segment " << i << " is missing";
    EXPECT_EQ(html.bytes.find(line, at + 1), std::string::npos) << "segment " << i << " twice";
    ASSERT_GT(at, last) << "segment " << i << " is out of order";
    last = at;
    if (i % 7 == 0) {
      const std::string card = fmt::format("Card for line {:04}", i);
      const std::size_t card_at = html.bytes.find(card);
      ASSERT_NE(card_at, std::string::npos) << card;
      EXPECT_GT(card_at, at) << card << " comes before its segment";
      EXPECT_EQ(html.bytes.find(card, card_at + 1), std::string::npos) << card << " twice";
    }
  }
}

// ---- The HTML report in a real browser -------------------------------------------------

std::string FindProgram(const std::vector<std::string>& names) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  dirs += ":/usr/bin:/usr/local/bin";
  for (const std::string& name : names) {
    for (std::size_t at = 0; at <= dirs.size();) {
      const std::size_t colon = std::min(dirs.find(':', at), dirs.size());
      const std::string candidate = dirs.substr(at, colon - at) + "/" + name;
      if (colon > at && access(candidate.c_str(), X_OK) == 0) return candidate;
      at = colon + 1;
    }
  }
  return "";
}

std::uint32_t BigEndian32(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8U) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

TEST_F(ExportTest, HtmlReportRendersInHeadlessChromium) {
  const std::string chromium = FindProgram({"chromium", "chromium-browser"});
  ASSERT_FALSE(chromium.empty())
      << "chromium is not installed: install chromium (scripts/test.sh does: "
         "apt-get install --no-install-recommends chromium)";

  const Exported e = Export(v1::EXPORT_FORMAT_HTML, town_hall_.id());
  ASSERT_TRUE(e.status.ok()) << e.status.error_message();
  TempDir dir;
  const std::string html_path = dir.path() + "/report.html";
  const std::string png_path = dir.path() + "/report.png";
  std::ofstream(html_path, std::ios::binary) << e.bytes;

  ProcessOptions o;
  o.argv = {chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + dir.path() + "/profile",
            "--screenshot=" + png_path,
            "--window-size=1200,1600",
            "file://" + html_path};
  o.env = {{"HOME", dir.path()}};
  const ProcessResult r = RunProcess(o, std::chrono::seconds(180));
  ASSERT_EQ(r.exit_code, 0) << "chromium failed (timed out: " << r.timed_out << ")\n"
                            << r.err.substr(0, 3000);

  const std::string png = ReadFile(png_path);
  ASSERT_GT(png.size(), 10U * 1024U) << "the screenshot is nearly empty";
  // PNG signature and an IHDR of the window's size.
  ASSERT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  ASSERT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(BigEndian32(png, 16), 1200U);
  EXPECT_EQ(BigEndian32(png, 20), 1600U);

  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* pixels =
      stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()),
                            static_cast<int>(png.size()), &width, &height, &channels, 3);
  ASSERT_NE(pixels, nullptr) << "the screenshot does not decode: " << stbi_failure_reason();
  std::unique_ptr<unsigned char, void (*)(void*)> guard(pixels, stbi_image_free);
  ASSERT_EQ(width, 1200);
  ASSERT_EQ(height, 1600);
  // Not one flat colour: text, highlights and cards give many distinct colours, and a
  // good share of the page is not the background.
  std::set<std::uint32_t> colours;
  std::size_t not_white = 0;
  const std::size_t n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char* p = pixels + i * 3;
    colours.insert((std::uint32_t{p[0]} << 16U) | (std::uint32_t{p[1]} << 8U) | p[2]);
    if (p[0] < 250 || p[1] < 250 || p[2] < 250) ++not_white;
  }
  EXPECT_GT(colours.size(), 50U);
  EXPECT_GT(not_white, n / 100);
}

}  // namespace
}  // namespace factdesk::testing
