// Sources (added and removed, never overwritten) and threaded notes.
#include <chrono>

#include <fmt/format.h>

#include "tests/integration/api_fixture.h"
#include "tests/integration/live_helpers.h"

namespace factdesk::testing {
namespace {

v1::AddSourceRequest SourceFor(std::int64_t claim_id, const std::string& url) {
  v1::AddSourceRequest req;
  req.set_claim_id(claim_id);
  req.set_url(url);
  req.set_title("GDP per capita (current US$) - China");
  req.set_publisher("World Bank");
  req.set_excerpt("GDP per capita: 1,288 (2003); 7,020 (2013)");
  req.set_stance(v1::STANCE_SUPPORTS);
  req.set_primary(true);
  return req;
}

TEST_F(ApiTest, SourcesAreStoredNormalisedAndListed) {
  const v1::Claim claim = Mark("economic growth was blazing");
  v1::Source source;
  ASSERT_TRUE(server()
                  .sources()
                  ->AddSource(Ctx(ben_.token).get(),
                              SourceFor(claim.id(),
                                        "  HTTPS://Data.WorldBank.ORG:443/indicator/"
                                        "./NY.GDP.PCAP.CD?locations=CN  "),
                              &source)
                  .ok());
  EXPECT_EQ(source.url(), "https://data.worldbank.org/indicator/NY.GDP.PCAP.CD?locations=CN");
  EXPECT_EQ(source.stance(), v1::STANCE_SUPPORTS);
  EXPECT_TRUE(source.primary());
  EXPECT_EQ(source.added_by().handle(), "ben");

  v1::ListSourcesRequest list;
  list.set_claim_id(claim.id());
  v1::ListSourcesResponse listed;
  ASSERT_TRUE(server().sources()->ListSources(Ctx(vic_.token).get(), list, &listed).ok());
  ASSERT_EQ(listed.sources_size(), 1);
  EXPECT_EQ(listed.sources(0).publisher(), "World Bank");
  v1::GetClaimRequest get;
  get.set_claim_id(claim.id());
  v1::Claim read;
  ASSERT_TRUE(server().claims()->GetClaim(Ctx(vic_.token).get(), get, &read).ok());
  EXPECT_EQ(read.source_count(), 1);
}

// An added note or source moves one of the claim's counts and nothing else of it: the
// server does not read the claim back for these, so its event must carry the counts as
// they now stand, as GetClaim reads them after.
TEST_F(ApiTest, AnAddedNoteOrSourceReachesSubscribersWithTheClaimAsItNowStands) {
  using namespace std::chrono_literals;
  const v1::Claim claim = Mark("a cluster of fishing villages");
  const std::int64_t before = std::stoll(server().QueryValue(
      fmt::format("SELECT last_seq FROM workspace_seqs WHERE workspace_id = {}", ws_)));
  v1::Source source;
  ASSERT_TRUE(server()
                  .sources()
                  ->AddSource(Ctx(ben_.token).get(),
                              SourceFor(claim.id(), "https://example.org/villages"), &source)
                  .ok());
  for (const char* body : {"The census counts 30,000 people.", "Which census?"}) {
    v1::AddNoteRequest req;
    req.set_claim_id(claim.id());
    req.set_body(body);
    v1::Note note;
    ASSERT_TRUE(server().notes()->AddNote(Ctx(ben_.token).get(), req, &note).ok());
  }
  // The note and source events of this claim (the matcher may announce matches too).
  const auto added = [&](const std::vector<v1::Event>& all) {
    std::vector<v1::Event> out;
    for (const v1::Event& e : all) {
      if (e.claim_id() == claim.id() &&
          (e.kind() == v1::EVENT_KIND_SOURCE_ADDED || e.kind() == v1::EVENT_KIND_NOTE_ADDED)) {
        out.push_back(e);
      }
    }
    return out;
  };
  StreamCollector stream(server().channel(), ben_.token, ws_, before);
  ASSERT_TRUE(stream.WaitUntil([&] { return added(stream.events()).size() >= 3; }, 30s))
      << "the stream stopped at " << stream.last_seq();
  stream.Cancel();
  const std::vector<v1::Event> events = added(stream.events());
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].claim().source_count(), 1);
  EXPECT_EQ(events[0].claim().note_count(), 0);
  EXPECT_EQ(events[1].claim().note_count(), 1);
  EXPECT_EQ(events[2].claim().note_count(), 2);
  EXPECT_EQ(events[2].claim().source_count(), 1);

  v1::GetClaimRequest get;
  get.set_claim_id(claim.id());
  v1::Claim read;
  ASSERT_TRUE(server().claims()->GetClaim(Ctx(ben_.token).get(), get, &read).ok());
  EXPECT_EQ(read.note_count(), 2);
  EXPECT_EQ(read.source_count(), 1);
  EXPECT_EQ(read.version(), events[2].claim().version());
  EXPECT_EQ(read.updated_at().SerializeAsString(),
            events[2].claim().updated_at().SerializeAsString());
  EXPECT_EQ(read.status(), events[2].claim().status());
}

TEST_F(ApiTest, RemovedSourcesAreKeptButNotListed) {
  const v1::Claim claim = Mark("work hard, and get rich");
  v1::Source source;
  ASSERT_TRUE(server()
                  .sources()
                  ->AddSource(Ctx(ben_.token).get(),
                              SourceFor(claim.id(), "https://example.org/deng-1992"), &source)
                  .ok());
  v1::RemoveSourceRequest remove;
  remove.set_source_id(source.id());
  v1::Source removed;
  ASSERT_TRUE(server().sources()->RemoveSource(Ctx(ben_.token).get(), remove, &removed).ok());
  EXPECT_TRUE(removed.removed());
  EXPECT_EQ(removed.removed_by().handle(), "ben");
  v1::ListSourcesRequest list;
  list.set_claim_id(claim.id());
  v1::ListSourcesResponse active;
  ASSERT_TRUE(server().sources()->ListSources(Ctx(ben_.token).get(), list, &active).ok());
  EXPECT_EQ(active.sources_size(), 0);
  list.set_include_removed(true);
  v1::ListSourcesResponse all;
  ASSERT_TRUE(server().sources()->ListSources(Ctx(ben_.token).get(), list, &all).ok());
  ASSERT_EQ(all.sources_size(), 1);
  EXPECT_EQ(all.sources(0).url(), "https://example.org/deng-1992");
  EXPECT_REFUSED(server().sources()->RemoveSource(Ctx(ben_.token).get(), remove, &removed),
                 grpc::StatusCode::FAILED_PRECONDITION, "already removed");
}

TEST_F(ApiTest, BadSourcesAreRefusedAndWriteNothing) {
  const v1::Claim claim = Mark("a cluster of fishing villages");
  const auto before = server().Snapshot();
  v1::Source out;
  EXPECT_REFUSED(server().sources()->AddSource(Ctx(ben_.token).get(),
                                               SourceFor(claim.id(), "ftp://example.org/x"), &out),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "url: only http and https URLs are accepted (got 'ftp')");
  EXPECT_REFUSED(
      server().sources()->AddSource(Ctx(ben_.token).get(), SourceFor(claim.id(), "http://"), &out),
      grpc::StatusCode::INVALID_ARGUMENT, "url: is not a valid URL");
  EXPECT_REFUSED(server().sources()->AddSource(Ctx(ben_.token).get(),
                                               SourceFor(claim.id(), "not a url at all"), &out),
                 grpc::StatusCode::INVALID_ARGUMENT, "url: ");
  auto no_stance = SourceFor(claim.id(), "https://example.org");
  no_stance.set_stance(v1::STANCE_UNSPECIFIED);
  EXPECT_REFUSED(server().sources()->AddSource(Ctx(ben_.token).get(), no_stance, &out),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "stance: must be SUPPORTS, REFUTES or CONTEXT");
  auto bad_stance = no_stance;
  bad_stance.set_stance(static_cast<v1::Stance>(7));
  EXPECT_REFUSED(server().sources()->AddSource(Ctx(ben_.token).get(), bad_stance, &out),
                 grpc::StatusCode::INVALID_ARGUMENT, "stance: ");
  auto long_title = SourceFor(claim.id(), "https://example.org");
  long_title.set_title(std::string(501, 't'));
  EXPECT_REFUSED(server().sources()->AddSource(Ctx(ben_.token).get(), long_title, &out),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "title: must be at most 500 characters (got 501)");
  EXPECT_REFUSED(server().sources()->AddSource(Ctx(vic_.token).get(),
                                               SourceFor(claim.id(), "https://example.org"), &out),
                 grpc::StatusCode::PERMISSION_DENIED, "a viewer may not");
  EXPECT_REFUSED(server().sources()->AddSource(Ctx(ben_.token).get(),
                                               SourceFor(77777777, "https://example.org"), &out),
                 grpc::StatusCode::NOT_FOUND, "claim 77777777 does not exist");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, NotesThreadAndKeepEarlierText) {
  const v1::Claim claim = Mark("started Shenzhen\xe2\x80\x99s first Maker Space");
  v1::AddNoteRequest add;
  add.set_claim_id(claim.id());
  add.set_body("Is there a **registration record** for the space?");
  v1::Note note;
  ASSERT_TRUE(server().notes()->AddNote(Ctx(ben_.token).get(), add, &note).ok());
  EXPECT_EQ(note.thread(), v1::NOTE_THREAD_CLAIM);
  EXPECT_EQ(note.author().handle(), "ben");

  v1::AddNoteRequest reply;
  reply.set_claim_id(claim.id());
  reply.set_parent_id(note.id());
  reply.set_body("Seeed Studio's own history says 2010.");
  v1::Note answer;
  ASSERT_TRUE(server().notes()->AddNote(Ctx(eve_.token).get(), reply, &answer).ok());
  EXPECT_EQ(answer.parent_id(), note.id());

  v1::EditNoteRequest edit;
  edit.set_note_id(note.id());
  edit.set_expected_version(note.version());
  edit.set_body("Is there a registration record for the space (2010 or 2011)?");
  v1::Note edited;
  ASSERT_TRUE(server().notes()->EditNote(Ctx(ben_.token).get(), edit, &edited).ok());
  ASSERT_EQ(edited.revisions_size(), 1);
  EXPECT_EQ(edited.revisions(0).body(), add.body());
  EXPECT_EQ(edited.body(), edit.body());

  // Stale edits and other people's edits are refused.
  EXPECT_REFUSED(server().notes()->EditNote(Ctx(ben_.token).get(), edit, &edited),
                 grpc::StatusCode::ABORTED, "note " + std::to_string(note.id()) + " changed");
  v1::EditNoteRequest theirs;
  theirs.set_note_id(answer.id());
  theirs.set_expected_version(answer.version());
  theirs.set_body("rewritten");
  EXPECT_REFUSED(server().notes()->EditNote(Ctx(ben_.token).get(), theirs, &edited),
                 grpc::StatusCode::PERMISSION_DENIED, "only a note's author");

  v1::ListNotesRequest list;
  list.set_claim_id(claim.id());
  list.set_include_revisions(true);
  v1::ListNotesResponse listed;
  ASSERT_TRUE(server().notes()->ListNotes(Ctx(vic_.token).get(), list, &listed).ok());
  ASSERT_EQ(listed.notes_size(), 2);
  EXPECT_EQ(listed.notes(0).revisions_size(), 1);
  EXPECT_EQ(listed.notes(1).parent_id(), note.id());
}

TEST_F(ApiTest, NoteBodyLimitAndParentChecks) {
  const v1::Claim claim = Mark("the uncharted");
  const v1::Claim other = Mark("chase for a new opportunity");
  v1::AddNoteRequest add;
  add.set_claim_id(claim.id());
  add.set_body(std::string(20000, 'n'));
  v1::Note note;
  ASSERT_TRUE(server().notes()->AddNote(Ctx(ben_.token).get(), add, &note).ok());
  const auto before = server().Snapshot();
  add.set_body(std::string(20001, 'n'));
  EXPECT_REFUSED(server().notes()->AddNote(Ctx(ben_.token).get(), add, &note),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "body: must be at most 20000 characters (got 20001)");
  add.set_body("  \n ");
  EXPECT_REFUSED(server().notes()->AddNote(Ctx(ben_.token).get(), add, &note),
                 grpc::StatusCode::INVALID_ARGUMENT, "body: must not be empty");
  v1::AddNoteRequest wrong_parent;
  wrong_parent.set_claim_id(other.id());
  wrong_parent.set_parent_id(note.id());
  wrong_parent.set_body("reply in the wrong claim");
  EXPECT_REFUSED(server().notes()->AddNote(Ctx(ben_.token).get(), wrong_parent, &note),
                 grpc::StatusCode::INVALID_ARGUMENT, "parent_id: note ");
  EXPECT_EQ(server().Snapshot(), before);
}

}  // namespace
}  // namespace factdesk::testing
