// Importing transcripts, reading them in pages, searching them; bad imports refused.
#include <pqxx/pqxx>

#include "domain/match_text.h"
#include "tests/integration/api_fixture.h"

namespace factdesk::testing {
namespace {

TEST_F(ApiTest, SeedTranscriptImportsWithSpeakersCuesAndCaptions) {
  EXPECT_EQ(seed_.title(), "000_964967168d34df55");
  EXPECT_EQ(seed_.format(), v1::TRANSCRIPT_FORMAT_TEXT);
  EXPECT_EQ(seed_.segment_count(), 180);
  std::vector<std::string> speakers;
  for (const auto& s : seed_.speakers()) speakers.push_back(s.name());
  EXPECT_EQ(speakers.front(), "Mary Kay Magistad");
  EXPECT_NE(std::find(speakers.begin(), speakers.end(), "Eric Pan"), speakers.end());
  EXPECT_NE(std::find(speakers.begin(), speakers.end(), "Adriana Moreno"), speakers.end());

  const auto segments = Segments(seed_.id());
  ASSERT_EQ(segments.size(), 180U);
  std::map<v1::SegmentKind, int> kinds;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    EXPECT_EQ(segments[i].ordinal(), static_cast<int>(i));
    ++kinds[segments[i].kind()];
  }
  EXPECT_EQ(kinds[v1::SEGMENT_KIND_SPEECH], 162);
  EXPECT_EQ(kinds[v1::SEGMENT_KIND_CUE], 12);
  EXPECT_EQ(kinds[v1::SEGMENT_KIND_CAPTION], 6);
  int offset = 0;
  const v1::Segment pan = SegmentWith(seed_.id(), "chase for a new opportunity", &offset);
  EXPECT_EQ(pan.speaker(), "Eric Pan");
  EXPECT_FALSE(pan.has_start_ms());
}

TEST_F(ApiTest, DebateImportsConsecutiveLinesAsOneSegment) {
  EXPECT_EQ(debate_.format(), v1::TRANSCRIPT_FORMAT_TSV);
  EXPECT_EQ(debate_.segment_count(), 343);
  const auto segments = Segments(debate_.id());
  int cues = 0;
  for (const auto& s : segments) {
    if (s.kind() == v1::SEGMENT_KIND_CUE) {
      ++cues;
      EXPECT_TRUE(s.speaker().empty());
    }
  }
  EXPECT_EQ(cues, 26);
  EXPECT_EQ(segments.front().speaker(), "HOLT");
}

TEST_F(ApiTest, SegmentsPageFromAnOrdinal) {
  v1::ListSegmentsRequest req;
  req.set_transcript_id(seed_.id());
  req.set_from_ordinal(170);
  req.set_page_size(6);
  v1::ListSegmentsResponse first;
  ASSERT_TRUE(server().transcripts()->ListSegments(Ctx(vic_.token).get(), req, &first).ok());
  ASSERT_EQ(first.segments_size(), 6);
  EXPECT_EQ(first.segments(0).ordinal(), 170);
  ASSERT_FALSE(first.next_page_token().empty());
  req.set_page_token(first.next_page_token());
  v1::ListSegmentsResponse second;
  ASSERT_TRUE(server().transcripts()->ListSegments(Ctx(vic_.token).get(), req, &second).ok());
  ASSERT_EQ(second.segments_size(), 4);
  EXPECT_EQ(second.segments(0).ordinal(), 176);
  EXPECT_TRUE(second.next_page_token().empty());
}

TEST_F(ApiTest, ListTranscriptsNewestFirstWithPages) {
  v1::ListTranscriptsRequest req;
  req.set_workspace_id(ws_);
  req.set_page_size(1);
  v1::ListTranscriptsResponse page;
  ASSERT_TRUE(server().transcripts()->ListTranscripts(Ctx(vic_.token).get(), req, &page).ok());
  ASSERT_EQ(page.transcripts_size(), 1);
  EXPECT_GE(page.transcripts(0).id(), debate_.id());
  EXPECT_FALSE(page.next_page_token().empty());
}

TEST_F(ApiTest, SearchFindsStemmedWordsWithMarkedSnippets) {
  v1::SearchSegmentsRequest req;
  req.set_workspace_id(ws_);
  req.set_query("fishing village");
  v1::SearchSegmentsResponse resp;
  ASSERT_TRUE(server().transcripts()->SearchSegments(Ctx(vic_.token).get(), req, &resp).ok());
  ASSERT_GE(resp.hits_size(), 1);
  EXPECT_EQ(resp.hits(0).transcript_title(), seed_.title());
  EXPECT_NE(resp.hits(0).segment().text().find("fishing villages"), std::string::npos);
  EXPECT_NE(resp.hits(0).snippet().find("\xee\x80\x80"), std::string::npos);  // U+E000 marker

  req.set_query("\"tax returns\"");
  req.set_transcript_id(debate_.id());
  req.set_page_size(2);
  v1::SearchSegmentsResponse debate;
  ASSERT_TRUE(server().transcripts()->SearchSegments(Ctx(vic_.token).get(), req, &debate).ok());
  EXPECT_GT(debate.total(), 2);
  EXPECT_EQ(debate.hits_size(), 2);
  ASSERT_FALSE(debate.next_page_token().empty());
  req.set_page_token(debate.next_page_token());
  v1::SearchSegmentsResponse next;
  ASSERT_TRUE(server().transcripts()->SearchSegments(Ctx(vic_.token).get(), req, &next).ok());
  EXPECT_NE(next.hits(0).segment().id(), debate.hits(0).segment().id());
}

// The seed's first paragraph reads "China is<NBSP>fast<NBSP>becoming ... China’s technology".
TEST_F(ApiTest, SearchMatchesAcrossTheSeedsNoBreakSpacesAndCurlyQuotes) {
  const std::string seed = ReadFile(SharedPath("seeds/000_964967168d34df55.txt"));
  const std::string first = seed.substr(0, seed.find('\n'));
  ASSERT_NE(first.find("is\u00a0fast\u00a0becoming"), std::string::npos);
  for (const std::string query : {"fast", "\"China's technology\"", "\"such as AI\""}) {
    v1::SearchSegmentsRequest req;
    req.set_workspace_id(ws_);
    req.set_transcript_id(seed_.id());
    req.set_query(query);
    v1::SearchSegmentsResponse resp;
    ASSERT_TRUE(server().transcripts()->SearchSegments(Ctx(vic_.token).get(), req, &resp).ok());
    bool found = false;
    for (const auto& hit : resp.hits()) {
      if (hit.segment().ordinal() != 0) continue;
      found = true;
      // Matching is folded; the text is the imported bytes.
      EXPECT_EQ(hit.segment().text(), first);
    }
    EXPECT_TRUE(found) << query;
  }
}

// fd_match_text() (migrations/0002) folds for search exactly what domain folds for quotes.
TEST_F(ApiTest, TheDatabaseFoldsTypographyExactlyAsTheDomainDoes) {
  std::string all;
  for (const auto& fold : domain::MatchFolds()) {
    all += "x";
    const char32_t cp = fold.from;
    if (cp < 0x800) {
      all += static_cast<char>(0xC0 | (cp >> 6));
    } else {
      all += static_cast<char>(0xE0 | (cp >> 12));
      all += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    all += static_cast<char>(0x80 | (cp & 0x3F));
  }
  all += "\u00e9\u4e60";  // letters are not folded
  pqxx::connection conn(server().database_url());
  pqxx::nontransaction tx(conn);
  const auto folded = tx.exec_params1("SELECT fd_match_text($1)", all)[0].as<std::string>();
  EXPECT_EQ(folded, domain::FoldForMatching(all));
  EXPECT_EQ(folded.find("\xc2\xa0"), std::string::npos);
}

TEST_F(ApiTest, SearchRefusesAnEmptyQuery) {
  v1::SearchSegmentsRequest req;
  req.set_workspace_id(ws_);
  req.set_query("   ");
  v1::SearchSegmentsResponse resp;
  EXPECT_REFUSED(server().transcripts()->SearchSegments(Ctx(vic_.token).get(), req, &resp),
                 grpc::StatusCode::INVALID_ARGUMENT, "query: must not be empty");
}

TEST_F(ApiTest, ImportRefusesInvalidUtf8WithItsOffset) {
  const auto before = server().Snapshot();
  v1::ImportTranscriptResponse resp;
  std::string content = "Ana Moreno: Prices rose 4%.\n\nBen: caf\xc3";
  content += "\xff and more.";
  EXPECT_REFUSED(Import(ben_, ws_, "bad.txt", content, &resp), grpc::StatusCode::INVALID_ARGUMENT,
                 "content: invalid UTF-8 at byte 37");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, ImportRefusesEmptyContent) {
  const auto before = server().Snapshot();
  v1::ImportTranscriptResponse resp;
  EXPECT_REFUSED(Import(ben_, ws_, "empty.txt", " \n\n ", &resp),
                 grpc::StatusCode::INVALID_ARGUMENT, "content: ");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, ImportRefusesAMalformedSrtTimestampNamingTheLine) {
  const auto before = server().Snapshot();
  v1::ImportTranscriptResponse resp;
  EXPECT_REFUSED(Import(ben_, ws_, "talk.srt",
                        "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:0x,000 --> "
                        "00:00:04,000\nAgain.\n",
                        &resp),
                 grpc::StatusCode::INVALID_ARGUMENT, "line 6: malformed timestamp");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, ImportRefusesAnUnknownFormat) {
  const auto before = server().Snapshot();
  v1::ImportTranscriptResponse resp;
  EXPECT_REFUSED(Import(ben_, ws_, "x.txt", "Text.", &resp, static_cast<v1::TranscriptFormat>(42)),
                 grpc::StatusCode::INVALID_ARGUMENT, "format: must be TEXT, VTT, SRT or TSV");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, ImportRefusesAnOversizedTitleAndABadSourceUrl) {
  const auto before = server().Snapshot();
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws_);
  req.set_filename("t.txt");
  req.set_content("Ana Moreno: Hello.");
  req.set_title(std::string(301, 'x'));
  v1::ImportTranscriptResponse resp;
  EXPECT_REFUSED(server().transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &resp),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "title: must be at most 300 characters (got 301)");
  req.set_title("ok");
  req.set_source_url("javascript:alert(1)");
  EXPECT_REFUSED(server().transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &resp),
                 grpc::StatusCode::INVALID_ARGUMENT, "source_url: ");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, PlainTextThatNamesNobodyIsRefusedUntilTheSpeakerIsNamed) {
  const std::string speech =
      "We cut the deficit by a third in four years.\n\n"
      "And unemployment is the lowest it has been since 1975.\n";
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws_);
  req.set_filename("budget.txt");
  req.set_content(speech);
  v1::ImportTranscriptResponse resp;
  const auto before = server().Snapshot();
  EXPECT_REFUSED(server().transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &resp),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "speaker: no speaker labels were found (\"Name: text\" at the start of a "
                 "paragraph) and nobody introduces themselves, so 2 segments of speech would be "
                 "attributed to nobody; say who speaks (import with --speaker NAME)");
  req.set_speaker(std::string(201, 'x'));
  EXPECT_REFUSED(server().transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &resp),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "speaker: must be at most 200 characters (got 201)");
  EXPECT_EQ(server().Snapshot(), before);

  req.set_speaker("  Jane Minister ");
  ASSERT_TRUE(server().transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &resp).ok());
  ASSERT_EQ(resp.transcript().speakers_size(), 1);
  EXPECT_EQ(resp.transcript().speakers(0).name(), "Jane Minister");
  for (const auto& s : Segments(resp.transcript().id())) EXPECT_EQ(s.speaker(), "Jane Minister");
  // A claim there is the named speaker's.
  int offset = 0;
  const v1::Segment segment = SegmentWith(resp.transcript().id(), "deficit", &offset);
  v1::CreateClaimRequest claim_req;
  claim_req.set_segment_id(segment.id());
  claim_req.set_start_byte(0);
  claim_req.set_end_byte(44);  // the whole first sentence
  v1::Claim claim;
  ASSERT_TRUE(server().claims()->CreateClaim(Ctx(ben_.token).get(), claim_req, &claim).ok());
  EXPECT_EQ(claim.claimant(), "Jane Minister");
}

TEST_F(ApiTest, UnlabelledNarrationBesideLabelledTurnsIsNobodysNotANarrators) {
  v1::ImportTranscriptResponse resp;
  ASSERT_TRUE(Import(ben_, ws_, "panel.txt",
                     "It was a cold morning in the capital.\n\n"
                     "John Doe: Prices rose four percent last year.\n",
                     &resp)
                  .ok());
  ASSERT_EQ(resp.transcript().speakers_size(), 1);
  EXPECT_EQ(resp.transcript().speakers(0).name(), "John Doe");
  const auto segments = Segments(resp.transcript().id());
  ASSERT_EQ(segments.size(), 2U);
  EXPECT_EQ(segments[0].kind(), v1::SEGMENT_KIND_SPEECH);
  EXPECT_EQ(segments[0].speaker(), "");
  EXPECT_EQ(segments[0].speaker_id(), 0);
}

TEST_F(ApiTest, ImportAtTheSizeLimitPassesAndOneByteOverIsRefused) {
  constexpr std::size_t kLimit = 64 * 1024;
  TestServer small([](server::ServerOptions& o) { o.max_transcript_bytes = kLimit; });
  const TestUser sam = small.AddUser("sam");
  const auto ws = small.CreateWorkspace("small", sam);
  std::string content = "Sam Small: ";
  while (content.size() < kLimit) content += "Words fill the transcript. ";
  content.resize(kLimit);
  content.back() = '.';
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws);
  req.set_filename("limit.txt");
  req.set_content(content);
  v1::ImportTranscriptResponse resp;
  ASSERT_TRUE(small.transcripts()->ImportTranscript(Ctx(sam.token).get(), req, &resp).ok());
  const auto before = small.Snapshot();
  req.set_content(content + "x");
  EXPECT_REFUSED(small.transcripts()->ImportTranscript(Ctx(sam.token).get(), req, &resp),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "content: transcript is 65537 bytes; the limit is 65536 bytes");
  EXPECT_EQ(small.Snapshot(), before);
}

TEST_F(ApiTest, WebVttImportKeepsTimesAndVoices) {
  const std::string vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n<v Lena Ortiz>Unemployment fell to 3.9 "
      "percent.\n\n00:00:05.000 --> 00:00:07.250\n<v Tom Reyes>That is not what the data "
      "says.\n";
  v1::ImportTranscriptResponse resp;
  ASSERT_TRUE(Import(ben_, ws_, "panel.vtt", vtt, &resp).ok());
  EXPECT_EQ(resp.transcript().format(), v1::TRANSCRIPT_FORMAT_VTT);
  const auto segments = Segments(resp.transcript().id());
  ASSERT_EQ(segments.size(), 2U);
  EXPECT_EQ(segments[0].speaker(), "Lena Ortiz");
  EXPECT_EQ(segments[0].start_ms(), 1000);
  EXPECT_EQ(segments[0].end_ms(), 4500);
  EXPECT_EQ(segments[1].text(), "That is not what the data says.");
}

}  // namespace
}  // namespace factdesk::testing
