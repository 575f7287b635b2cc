// SearchClaims through a real server: each field found and named, each filter, ranking,
// paging, the blind rule over rationales, who may search, and bad requests.
#include <functional>
#include <set>

#include <gtest/gtest.h>

#include "tests/integration/claim_search_fixture.h"

namespace factdesk::testing {
namespace {

using Ids = std::vector<std::int64_t>;

constexpr const char* kMarkOpen = "\xee\x80\x80";
constexpr const char* kMarkClose = "\xee\x80\x81";

std::string Marked(const std::string& word) {
  return std::string(kMarkOpen) + word + kMarkClose;
}

TEST_F(ClaimSearchTest, EachFieldIsSearchedAndTheHitSaysWhichMatched) {
  const v1::Claim by_summary = MarkAbout(0, "The zeppelin fleet doubled");
  const v1::Claim by_note = MarkAbout(1, "Ports are busier");
  AddNote(by_note.id(), "Ask the ministry about the quokka census first.");
  const v1::Claim by_source = MarkAbout(2, "Ferries run late");
  AddTitledSource(by_source.id(), "Harbour authority marmalade bulletin");
  const v1::Claim by_rationale = MarkAbout(3, "Trains are cheaper");
  AddTitledSource(by_rationale.id(), "Rail fares table");
  ASSERT_TRUE(ReviewWith(ben_, by_rationale.id(), "False", "The tariff ledger shows a rise.").ok());

  struct Case {
    const char* query;
    std::int64_t claim_id;
    v1::ClaimField field;
    const char* word;
  };
  for (const Case& c :
       {Case{"zeppelin", by_summary.id(), v1::CLAIM_FIELD_SUMMARY, "zeppelin"},
        Case{"quokka", by_note.id(), v1::CLAIM_FIELD_NOTE, "quokka"},
        Case{"marmalade", by_source.id(), v1::CLAIM_FIELD_SOURCE_TITLE, "marmalade"},
        Case{"ledgers", by_rationale.id(), v1::CLAIM_FIELD_RATIONALE, "ledger"}}) {
    v1::SearchClaimsResponse resp;
    ASSERT_TRUE(Search(eve_, Query(c.query), &resp).ok()) << c.query;
    ASSERT_EQ(resp.hits_size(), 1) << c.query;
    EXPECT_EQ(resp.total(), 1);
    EXPECT_EQ(resp.hits(0).claim().id(), c.claim_id) << c.query;
    EXPECT_EQ(resp.hits(0).field(), c.field) << c.query;
    EXPECT_NE(resp.hits(0).snippet().find(Marked(c.word)), std::string::npos)
        << resp.hits(0).snippet();
    EXPECT_GT(resp.hits(0).rank(), 0);
    EXPECT_EQ(resp.hits(0).claim().summary(), Get(c.claim_id).summary());
  }
  // The quote: every claim here quotes "Unemployment fell by".
  v1::SearchClaimsResponse resp;
  ASSERT_TRUE(Search(eve_, Query("unemployment"), &resp).ok());
  EXPECT_EQ(resp.total(), 4);
  for (const auto& hit : resp.hits()) EXPECT_EQ(hit.field(), v1::CLAIM_FIELD_QUOTE);
}

TEST_F(ClaimSearchTest, RemovedNotesAndSourcesAreNotSearched) {
  const v1::Claim claim = MarkAbout(0, "Ports are busier");
  AddNote(claim.id(), "The quokka census is late.");
  v1::ListNotesRequest list;
  list.set_claim_id(claim.id());
  v1::ListNotesResponse notes;
  ASSERT_TRUE(server_->notes()->ListNotes(Ctx(ben_.token).get(), list, &notes).ok());
  v1::RemoveNoteRequest remove;
  remove.set_note_id(notes.notes(0).id());
  v1::Note removed;
  ASSERT_TRUE(server_->notes()->RemoveNote(Ctx(ben_.token).get(), remove, &removed).ok());
  EXPECT_EQ(Found(eve_, Query("quokka")), Ids{});
}

TEST_F(ClaimSearchTest, FiltersByState) {
  const v1::Claim open = MarkAbout(0, "Wheat exports rose");
  const v1::Claim dismissed = DismissedClaim(1);
  ASSERT_TRUE(server_->QueryValue("UPDATE claims SET summary = 'Wheat exports fell' WHERE id = " +
                                  std::to_string(dismissed.id()) + " RETURNING id") != "");
  auto req = Query("wheat");
  EXPECT_EQ(Found(vic_, req).size(), 2U);
  req.add_statuses(v1::CLAIM_STATUS_DISMISSED);
  EXPECT_EQ(Found(vic_, req), Ids{dismissed.id()});
  req.add_statuses(v1::CLAIM_STATUS_OPEN);
  EXPECT_EQ(Found(vic_, req).size(), 2U);
}

TEST_F(ClaimSearchTest, FiltersByVerdict) {
  const v1::Claim falsehood = ResolvedClaim(0, "False");
  const v1::Claim truth = ResolvedClaim(2, "True");
  MarkAbout(4, "Unemployment is steady");
  auto req = Query("unemployment");
  EXPECT_EQ(Found(vic_, req).size(), 3U);
  req.set_verdict("False");
  EXPECT_EQ(Found(vic_, req), Ids{falsehood.id()});
  req.set_verdict("True");
  EXPECT_EQ(Found(vic_, req), Ids{truth.id()});
}

TEST_F(ClaimSearchTest, FiltersBySpeakerOrClaimantIgnoringCase) {
  const v1::Claim lena = MarkAbout(0, "Unemployment is down");  // Lena Ortiz speaks 0, 2, ...
  const v1::Claim tom = MarkAbout(1, "Unemployment is down");   // Tom Reyes 1, 3, ...
  v1::UpdateClaimRequest update;
  update.set_claim_id(tom.id());
  update.set_expected_version(tom.version());
  update.set_claimant("The Labour Office");
  v1::Claim updated;
  ASSERT_TRUE(server_->claims()->UpdateClaim(Ctx(ben_.token).get(), update, &updated).ok());
  auto req = Query("unemployment");
  req.set_speaker("lena ortiz");
  EXPECT_EQ(Found(vic_, req), Ids{lena.id()});
  req.set_speaker("Tom Reyes");  // the segment's speaker, though not the claimant
  EXPECT_EQ(Found(vic_, req), Ids{tom.id()});
  req.set_speaker("the labour office");
  EXPECT_EQ(Found(vic_, req), Ids{tom.id()});
  req.set_speaker("Nobody");
  EXPECT_EQ(Found(vic_, req), Ids{});
}

TEST_F(ClaimSearchTest, FiltersByTranscript) {
  const v1::Claim first = MarkAbout(0, "Unemployment is down");
  v1::ImportTranscriptRequest import;
  import.set_workspace_id(ws_);
  import.set_filename("second.txt");
  import.set_content("Ada Park: Unemployment fell by half since the spring.\n");
  v1::ImportTranscriptResponse imported;
  ASSERT_TRUE(
      server_->transcripts()->ImportTranscript(Ctx(ben_.token).get(), import, &imported).ok());
  v1::ListSegmentsRequest list;
  list.set_transcript_id(imported.transcript().id());
  v1::ListSegmentsResponse segments;
  ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(ben_.token).get(), list, &segments).ok());
  v1::CreateClaimRequest create;
  create.set_segment_id(segments.segments(0).id());
  create.set_start_byte(0);
  create.set_end_byte(20);
  v1::Claim second;
  ASSERT_TRUE(server_->claims()->CreateClaim(Ctx(ben_.token).get(), create, &second).ok());

  auto req = Query("unemployment");
  EXPECT_EQ(Found(vic_, req).size(), 2U);
  req.set_transcript_id(imported.transcript().id());
  EXPECT_EQ(Found(vic_, req), Ids{second.id()});
  req.set_transcript_id(first.transcript_id());
  EXPECT_EQ(Found(vic_, req), Ids{first.id()});
}

TEST_F(ClaimSearchTest, FiltersByTag) {
  const v1::Claim tagged = MarkAbout(0, "Unemployment is down");
  MarkAbout(1, "Unemployment is up");
  ASSERT_TRUE(Tag(ben_, tagged.id(), "economy").ok());
  auto req = Query("unemployment");
  req.set_tag("economy");
  EXPECT_EQ(Found(vic_, req), Ids{tagged.id()});
  ASSERT_EQ(Found(vic_, req).size(), 1U);
  v1::SearchClaimsResponse resp;
  ASSERT_TRUE(Search(vic_, req, &resp).ok());
  ASSERT_EQ(resp.hits(0).claim().tags_size(), 1);
  EXPECT_EQ(resp.hits(0).claim().tags(0), "economy");
  req.set_tag("health");
  EXPECT_EQ(Found(vic_, req), Ids{});
}

TEST_F(ClaimSearchTest, FiltersByTheDateTheClaimWasMarked) {
  const v1::Claim march = MarkAbout(0, "Unemployment in March");
  const v1::Claim may = MarkAbout(1, "Unemployment in May");
  for (const auto& [claim, when] :
       {std::pair{march, "2024-03-10T12:00:00Z"}, std::pair{may, "2024-05-20T12:00:00Z"}}) {
    ASSERT_NE(server_->QueryValue("UPDATE claims SET created_at = '" + std::string(when) +
                                  "' WHERE id = " + std::to_string(claim.id()) + " RETURNING id"),
              "");
  }
  auto req = Query("unemployment");
  req.mutable_since()->set_seconds(1711929600);  // 2024-04-01
  EXPECT_EQ(Found(vic_, req), Ids{may.id()});
  req.clear_since();
  req.mutable_until()->set_seconds(1711929600);
  EXPECT_EQ(Found(vic_, req), Ids{march.id()});
  req.mutable_since()->set_seconds(1709251200);  // 2024-03-01
  req.mutable_until()->set_seconds(1717200000);  // 2024-06-01
  EXPECT_EQ(Found(vic_, req).size(), 2U);
}

TEST_F(ClaimSearchTest, AllFiltersTogether) {
  const v1::Claim match = ResolvedClaim(0, "False");
  ResolvedClaim(2, "True");
  ASSERT_TRUE(Tag(ben_, match.id(), "economy").ok());
  auto req = Query("unemployment");
  req.add_statuses(v1::CLAIM_STATUS_RESOLVED);
  req.set_verdict("False");
  req.set_speaker("Lena Ortiz");
  req.set_transcript_id(match.transcript_id());
  req.set_tag("economy");
  req.mutable_since()->set_seconds(1000000000);
  EXPECT_EQ(Found(vic_, req), Ids{match.id()});
}

TEST_F(ClaimSearchTest, RanksClaimsAboutTheQueryAbovePassingMentions) {
  const v1::Claim aside = MarkAbout(0, "Bus fares rose");
  AddNote(aside.id(), "Compare with the sugar figures later.");
  const v1::Claim about = MarkAbout(1, "The sugar tax cut sugar consumption");
  AddTitledSource(about.id(), "Sugar tax evaluation");
  const v1::Claim summary_only = MarkAbout(2, "A sugar levy was proposed");
  EXPECT_EQ(Found(vic_, Query("sugar")), (Ids{about.id(), summary_only.id(), aside.id()}));
}

TEST_F(ClaimSearchTest, PagesAreBoundedAndCoverEveryHitOnce) {
  std::set<std::int64_t> marked;
  for (int i = 0; i < 5; ++i) marked.insert(MarkAbout(i, "Unemployment figure").id());
  auto req = Query("unemployment");
  req.set_page_size(2);
  std::set<std::int64_t> seen;
  int pages = 0;
  for (;;) {
    v1::SearchClaimsResponse resp;
    ASSERT_TRUE(Search(vic_, req, &resp).ok());
    EXPECT_LE(resp.hits_size(), 2);
    EXPECT_EQ(resp.total(), 5);
    for (const auto& hit : resp.hits()) EXPECT_TRUE(seen.insert(hit.claim().id()).second);
    ++pages;
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, marked);
}

// The blind rule: a rationale is searchable by its author, by editors and admins, by a
// checker who reviewed the claim in its current round, and by everyone once the claim
// is settled; never by a checker or viewer still blind to it.
TEST_F(ClaimSearchTest, ARationaleTheCallerMayNotSeeYetIsNotSearchable) {
  const v1::Claim claim = MarkAbout(0, "Rents fell");
  AddTitledSource(claim.id(), "Housing survey");
  ASSERT_TRUE(ReviewWith(ben_, claim.id(), "False", "The xylophone index disagrees.").ok());
  const auto query = Query("xylophone");
  EXPECT_EQ(Found(ben_, query), Ids{claim.id()});  // the author
  EXPECT_EQ(Found(eve_, query), Ids{claim.id()});  // an editor
  EXPECT_EQ(Found(ana_, query), Ids{claim.id()});  // an admin
  EXPECT_EQ(Found(cat_, query), Ids{});            // a checker yet to review
  EXPECT_EQ(Found(vic_, query), Ids{});            // a viewer
  v1::SearchClaimsResponse blind;
  ASSERT_TRUE(Search(cat_, query, &blind).ok());
  EXPECT_EQ(blind.total(), 0);

  // cat reviews (disagreeing: the claim is DISPUTED, still undecided) and now may see.
  ASSERT_TRUE(ReviewWith(cat_, claim.id(), "True", "Rents did fall.").ok());
  EXPECT_EQ(Found(cat_, query), Ids{claim.id()});
  EXPECT_EQ(Found(vic_, query), Ids{});

  // Decided: the reviews are open to the workspace.
  const v1::Dispute dispute = DisputeOf(claim.id(), eve_);
  ASSERT_TRUE(Decide(eve_, dispute.id(), "False").ok());
  EXPECT_EQ(Found(vic_, query), Ids{claim.id()});
  EXPECT_EQ(Found(dan_, query), Ids{claim.id()});

  // Reopened: a new round, blind again for those who have not reviewed in it.
  ASSERT_TRUE(Reopen(eve_, Get(claim.id()), "New figures came out").ok());
  EXPECT_EQ(Found(cat_, query), Ids{});
  EXPECT_EQ(Found(vic_, query), Ids{});
  EXPECT_EQ(Found(ben_, query), Ids{claim.id()});
  EXPECT_EQ(Found(eve_, query), Ids{claim.id()});
}

TEST_F(ClaimSearchTest, AViewerCanSearchButANonMemberCannot) {
  const v1::Claim claim = MarkAbout(0, "Unemployment is down");
  EXPECT_EQ(Found(vic_, Query("unemployment")), Ids{claim.id()});
  const TestUser out = server_->AddUser("olga");
  v1::SearchClaimsResponse resp;
  EXPECT_REFUSED(Search(out, Query("unemployment"), &resp), grpc::StatusCode::PERMISSION_DENIED,
                 "you are not a member of workspace");
  EXPECT_EQ(resp.hits_size(), 0);
}

TEST_F(ClaimSearchTest, BadRequestsAreRefusedNamingTheField) {
  MarkAbout(0, "Unemployment is down");
  const auto before = server_->Snapshot();
  struct Case {
    std::function<void(v1::SearchClaimsRequest&)> change;
    grpc::StatusCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](auto& r) { r.set_query("   "); }, grpc::StatusCode::INVALID_ARGUMENT,
       "query: must not be empty"},
      {[](auto& r) { r.set_query(std::string(501, 'a')); }, grpc::StatusCode::INVALID_ARGUMENT,
       "query: must be at most 500 characters"},
      {[](auto& r) { r.set_query("jobs\x1b[2J"); }, grpc::StatusCode::INVALID_ARGUMENT,
       "query: must not contain control characters"},
      {[](auto& r) { r.set_workspace_id(0); }, grpc::StatusCode::INVALID_ARGUMENT,
       "workspace_id: must be a positive id"},
      {[](auto& r) { r.add_statuses(static_cast<v1::ClaimStatus>(99)); },
       grpc::StatusCode::INVALID_ARGUMENT, "statuses: 99 is not a claim status"},
      {[](auto& r) { r.set_verdict("Probably"); }, grpc::StatusCode::INVALID_ARGUMENT,
       "verdict: 'Probably' is not on this workspace's rating scale"},
      {[](auto& r) { r.set_speaker("Lena\x07"); }, grpc::StatusCode::INVALID_ARGUMENT,
       "speaker: must not contain control characters"},
      {[](auto& r) { r.set_tag("Economy"); }, grpc::StatusCode::INVALID_ARGUMENT,
       "tag: must be lowercase ('E' at byte 0)"},
      {[](auto& r) { r.set_transcript_id(-3); }, grpc::StatusCode::INVALID_ARGUMENT,
       "transcript_id: must be a positive id"},
      {[](auto& r) { r.set_transcript_id(999999); }, grpc::StatusCode::NOT_FOUND,
       "transcript 999999"},
      {[](auto& r) { r.mutable_since()->set_seconds(-99999999999); },
       grpc::StatusCode::INVALID_ARGUMENT, "since: is not a valid time"},
      {[](auto& r) {
         r.mutable_since()->set_seconds(1717200000);
         r.mutable_until()->set_seconds(1709251200);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "until: must be after since"},
      {[](auto& r) { r.set_page_size(-1); }, grpc::StatusCode::INVALID_ARGUMENT, "page_size"},
      {[](auto& r) { r.set_page_token("nonsense"); }, grpc::StatusCode::INVALID_ARGUMENT,
       "page_token"},
  };
  for (const auto& c : cases) {
    auto req = Query("unemployment");
    c.change(req);
    v1::SearchClaimsResponse resp;
    EXPECT_REFUSED(Search(vic_, req, &resp), c.code, c.message);
    EXPECT_EQ(resp.hits_size(), 0) << c.message;
  }
  EXPECT_EQ(server_->Snapshot(), before);
}

}  // namespace
}  // namespace factdesk::testing
