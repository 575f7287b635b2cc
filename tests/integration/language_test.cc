// Transcript languages (issue 12) through a real server: the tag given or guessed, search
// in each transcript's language (German stems, Chinese n-grams, several languages at
// once), a live transcript's language from its first appends, refusals that write
// nothing, and ClaimReview's inLanguage.
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "factdesk/v1/export.grpc.pb.h"
#include "tests/integration/live_transcript_fixture.h"

namespace factdesk::testing {
namespace {

// Invented for these tests: a German exchange about a fuel tax ("Steuer", never
// "Steuern") and a Chinese one about growth and tax cuts.
constexpr const char* kGerman =
    "Anna Berger: Die Steuer auf Benzin steigt im nächsten Jahr um zehn Cent, und die "
    "Regierung will mit dem Geld die Bahn ausbauen.\n\n"
    "Markus Vogel: Das stimmt nicht ganz. Die Einnahmen fließen zuerst in den Haushalt, und "
    "erst danach wird über die Verwendung entschieden.\n\n"
    "Anna Berger: Im Jahr 2023 hat der Bund mehr als vierzig Milliarden Euro aus dieser "
    "Abgabe eingenommen, das sind die Zahlen von 2023.\n";
constexpr const char* kChinese =
    "Wang Fang: 去年我国经济增长了百分之五，政府表示明年将继续减税。\n\n"
    "Li Ming: 这个数字并不准确，因为统计局在2023年修改了计算方法。\n\n"
    "Wang Fang: 我们必须看清楚，2023年真正的问题是地方政府的债务。\n";
constexpr const char* kEnglish =
    "Tom Reyes: In 2023 the deficit grew by four percent, and that is what the budget office "
    "said in its report.\n\n"
    "Lena Ortiz: The figures for 2023 are not final, and they will be revised in the spring.\n";

constexpr std::string_view kMarkStart = "\xee\x80\x80";
constexpr std::string_view kMarkEnd = "\xee\x80\x81";

class LanguageTest : public LiveTranscriptTest {
 protected:
  grpc::Status ImportText(const std::string& filename, const std::string& content,
                          const std::string& language, v1::Transcript* out = nullptr) {
    v1::ImportTranscriptRequest req;
    req.set_workspace_id(ws_);
    req.set_filename(filename);
    req.set_content(content);
    req.set_language(language);
    v1::ImportTranscriptResponse resp;
    const grpc::Status s =
        server_->transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &resp);
    if (out) *out = resp.transcript();
    return s;
  }
  v1::Transcript Imported(const std::string& filename, const std::string& content,
                          const std::string& language = "") {
    v1::Transcript t;
    const grpc::Status s = ImportText(filename, content, language, &t);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return t;
  }
  v1::SearchSegmentsResponse Search(const std::string& query, std::int64_t transcript_id = 0,
                                    int page_size = 50, const std::string& page_token = "") {
    v1::SearchSegmentsRequest req;
    req.set_workspace_id(ws_);
    req.set_transcript_id(transcript_id);
    req.set_query(query);
    req.set_page_size(page_size);
    req.set_page_token(page_token);
    v1::SearchSegmentsResponse resp;
    const grpc::Status s =
        server_->transcripts()->SearchSegments(Ctx(vic_.token).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }
};

TEST_F(LanguageTest, GermanIsFoundByAnInflectedWordOnlyWhenSearchedAsGerman) {
  const v1::Transcript german = Imported("steuer.txt", kGerman, "de");
  const v1::Transcript as_english = Imported("steuer-en.txt", kGerman, "en");
  EXPECT_EQ(german.language(), "de");
  EXPECT_EQ(as_english.language(), "en");

  // "Steuern" (plural) shares only its stem with the text's "Steuer".
  const auto hits = Search("Steuern", german.id());
  ASSERT_EQ(hits.total(), 1) << "the German stemmer should find Steuer";
  EXPECT_EQ(hits.hits(0).segment().ordinal(), 0);
  EXPECT_NE(hits.hits(0).snippet().find(std::string(kMarkStart) + "Steuer" + std::string(kMarkEnd)),
            std::string::npos)
      << hits.hits(0).snippet();
  EXPECT_EQ(Search("Steuern", as_english.id()).total(), 0);
  // A word with an eszett, in either case and either spelling.
  EXPECT_EQ(Search("fliessen OR fließen", german.id()).total(), 1);
  EXPECT_EQ(Search("FLIESSEN OR FLIEßEN", german.id()).total(), 1);
}

TEST_F(LanguageTest, AGuessedLanguageSearchesAsGivenOne) {
  const v1::Transcript guessed = Imported("steuer.txt", kGerman);
  EXPECT_EQ(guessed.language(), "de");
  EXPECT_EQ(Search("Steuern", guessed.id()).total(), 1);
  v1::Transcript normalised = Imported("steuer-ch.txt", kGerman, "DE-ch");
  EXPECT_EQ(normalised.language(), "de-CH");
  EXPECT_EQ(Search("Steuern", normalised.id()).total(), 1);
  // Listed and fetched with it, as every Transcript is returned.
  v1::GetTranscriptRequest get;
  get.set_transcript_id(normalised.id());
  v1::Transcript fetched;
  ASSERT_TRUE(server_->transcripts()->GetTranscript(Ctx(vic_.token).get(), get, &fetched).ok());
  EXPECT_EQ(fetched.language(), "de-CH");
}

TEST_F(LanguageTest, ChineseIsFoundByATwoCharacterWordInsideASentence) {
  const v1::Transcript chinese = Imported("jingji.txt", kChinese);
  EXPECT_EQ(chinese.language(), "zh");
  const auto hits = Search("经济", chinese.id());
  ASSERT_EQ(hits.total(), 1);
  EXPECT_EQ(hits.hits(0).segment().ordinal(), 0);
  EXPECT_NE(hits.hits(0).snippet().find(std::string(kMarkStart) + "经济" + std::string(kMarkEnd)),
            std::string::npos)
      << hits.hits(0).snippet();
  EXPECT_GT(hits.hits(0).rank(), 0.0F);
  // Words across a run, one character, a phrase, an exclusion, a word not there.
  EXPECT_EQ(Search("地方政府", chinese.id()).total(), 1);
  EXPECT_EQ(Search("税", chinese.id()).total(), 1);
  EXPECT_EQ(Search("政府", chinese.id()).total(), 2);
  EXPECT_EQ(Search("政府 -债务", chinese.id()).total(), 1);
  EXPECT_EQ(Search("通货膨胀", chinese.id()).total(), 0);
}

TEST_F(LanguageTest, AWorkspaceOfSeveralLanguagesIsSearchedAtOnceInOneOrder) {
  const v1::Transcript en = Imported("deficit.txt", kEnglish);
  const v1::Transcript de = Imported("steuer.txt", kGerman);
  const v1::Transcript zh = Imported("jingji.txt", kChinese);
  EXPECT_EQ(en.language(), "en");
  const auto all = Search("2023");
  // The hearing the fixture imports says "year 2023" once too.
  ASSERT_EQ(all.total(), 6);

  std::vector<v1::SearchHit> paged;
  std::string token;
  do {
    const auto page = Search("2023", 0, 4, token);
    EXPECT_EQ(page.total(), 6);
    paged.insert(paged.end(), page.hits().begin(), page.hits().end());
    token = page.next_page_token();
  } while (!token.empty() && paged.size() < 20);
  ASSERT_EQ(paged.size(), 6U);
  std::set<std::int64_t> segments, transcripts;
  for (std::size_t i = 0; i < paged.size(); ++i) {
    EXPECT_EQ(paged[i].segment().id(), all.hits(static_cast<int>(i)).segment().id());
    if (i > 0) {
      EXPECT_GE(paged[i - 1].rank(), paged[i].rank());
    }
    segments.insert(paged[i].segment().id());
    transcripts.insert(paged[i].segment().transcript_id());
    EXPECT_NE(paged[i].snippet().find(kMarkStart), std::string::npos) << paged[i].snippet();
  }
  EXPECT_EQ(segments.size(), 6U);
  for (const auto& t : {en, de, zh}) EXPECT_TRUE(transcripts.contains(t.id())) << t.title();
}

TEST_F(LanguageTest, AMalformedTagIsRefusedNamingLanguageAndNothingIsWritten) {
  const auto before = server_->Snapshot();
  for (const std::string bad : {"german", "de_DE", "d", "de-", "zh-Hans-CN-x-hk", "中文"}) {
    EXPECT_REFUSED(ImportText("steuer.txt", kGerman, bad), grpc::StatusCode::INVALID_ARGUMENT,
                   "language: \"" + bad + "\" is not a BCP 47 language tag");
  }
  v1::OpenLiveTranscriptRequest open;
  open.set_workspace_id(ws_);
  open.set_title("Debatte");
  open.set_language("deutsch");
  v1::Transcript ignored;
  EXPECT_REFUSED(server_->transcripts()->OpenLiveTranscript(Ctx(ben_.token).get(), open, &ignored),
                 grpc::StatusCode::INVALID_ARGUMENT, "language: ");
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(LanguageTest, TheSeedPodcastIsGuessedEnglish) {
  std::ifstream in(std::string(FACTDESK_SHARED_DIR) + "/seeds/000_964967168d34df55.txt",
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(Imported("000_964967168d34df55.txt", text.str()).language(), "en");
}

TEST_F(LanguageTest, ALiveTranscriptTakesItsLanguageFromItsFirstAppends) {
  const v1::Transcript live = Open("Debatte, live");
  EXPECT_EQ(live.language(), "und");
  v1::AppendSegmentsResponse first;
  ASSERT_TRUE(Append(live.id(), 0, {In("Anna Berger", "Guten Abend.", 0, 1000)}, &first).ok());
  EXPECT_EQ(first.transcript().language(), "und") << "two words are too few to tell";
  v1::AppendSegmentsResponse second;
  ASSERT_TRUE(Append(live.id(), 1,
                     {In("Anna Berger",
                         "Die Steuer auf Benzin steigt im nächsten Jahr um zehn Cent, und die "
                         "Regierung will mit dem Geld die Bahn ausbauen.",
                         1000, 6000),
                      In("Markus Vogel",
                         "Das stimmt nicht ganz, die Einnahmen fließen zuerst in den Haushalt.",
                         6000, 9000)},
                     &second)
                  .ok());
  EXPECT_EQ(second.transcript().language(), "de");
  // The segments already stored are searched in German now, as later ones are.
  EXPECT_EQ(Search("Steuern", live.id()).total(), 1);
  ASSERT_TRUE(Append(live.id(), 3, {In("Anna Berger", "Die Steuer bleibt.", 9000, 10000)}).ok());
  EXPECT_EQ(Search("Steuern", live.id()).total(), 2);

  v1::OpenLiveTranscriptRequest given;
  given.set_workspace_id(ws_);
  given.set_title("Debate, live");
  given.set_language("zh-hans");
  v1::Transcript opened;
  ASSERT_TRUE(
      server_->transcripts()->OpenLiveTranscript(Ctx(ben_.token).get(), given, &opened).ok());
  EXPECT_EQ(opened.language(), "zh-Hans");
  ASSERT_TRUE(Append(opened.id(), 0, {In("Anna Berger", "Guten Abend.", 0, 1000)}).ok());
  // Character n-grams work for any alphabet: a German word in a "Chinese" feed is found.
  EXPECT_EQ(Search("Abend", opened.id()).total(), 1);
}

TEST_F(LanguageTest, AGermanClaimIsFoundByItsGermanWordsAndCarriesItsLanguageInClaimReview) {
  const v1::Transcript german = Imported("steuer.txt", kGerman);
  segments_.clear();
  v1::ListSegmentsRequest list;
  list.set_transcript_id(german.id());
  v1::ListSegmentsResponse listed;
  ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(ben_.token).get(), list, &listed).ok());
  segments_.assign(listed.segments().begin(), listed.segments().end());
  const v1::Claim claim = PublishedClaim(0);  // "Die Steuer auf Benzi"

  v1::SearchClaimsRequest search;
  search.set_workspace_id(ws_);
  search.set_query("Steuer");
  v1::SearchClaimsResponse found;
  ASSERT_TRUE(server_->claims()->SearchClaims(Ctx(vic_.token).get(), search, &found).ok());
  ASSERT_EQ(found.total(), 1);
  EXPECT_EQ(found.hits(0).claim().id(), claim.id());

  v1::UpdatePublisherRequest publisher;
  publisher.set_workspace_id(ws_);
  publisher.mutable_publisher()->set_name("Desk");
  publisher.mutable_publisher()->set_claim_url_prefix("https://desk.example/checks/");
  v1::Workspace updated;
  ASSERT_TRUE(
      server_->workspaces()->UpdatePublisher(Ctx(ana_.token).get(), publisher, &updated).ok());
  v1::ExportRequest req;
  req.set_workspace_id(ws_);
  req.set_format(v1::EXPORT_FORMAT_CLAIMREVIEW);
  auto ctx = Ctx(vic_.token);
  auto reader = v1::ExportService::NewStub(server_->channel())->Export(ctx.get(), req);
  std::string bytes;
  v1::ExportChunk chunk;
  while (reader->Read(&chunk)) bytes += chunk.data();
  ASSERT_TRUE(reader->Finish().ok());
  const nlohmann::json doc = nlohmann::json::parse(bytes);
  const nlohmann::json& review = doc.is_array() ? doc.at(0) : doc;
  EXPECT_EQ(review.at("itemReviewed").at("inLanguage"), "de") << bytes;
  EXPECT_EQ(review.at("itemReviewed").at("appearance").at("inLanguage"), "de") << bytes;
}

}  // namespace
}  // namespace factdesk::testing
