// Rows are read by column name: every statement's row mapping against the columns
// PostgreSQL says the statement returns, and every read of a scenario repeated with each
// SELECT's columns shifted and reversed, which must change nothing.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <libpq-fe.h>

#include "server/store/account_store.h"
#include "server/store/claim_store.h"
#include "server/store/columns.h"
#include "server/store/dashboard_store.h"
#include "server/store/event_store.h"
#include "server/store/note_store.h"
#include "server/store/review_store.h"
#include "server/store/rows.h"
#include "server/store/scale_store.h"
#include "server/store/source_store.h"
#include "server/store/token_store.h"
#include "server/store/transcript_store.h"
#include "tests/integration/workflow_fixture.h"
#include "tests/support/test_postgres.h"

namespace factdesk::testing {
namespace {

using store::ColumnIndex;
using store::ColumnLookup;
using store::Statement;

constexpr Oid kVoidType = 2278;  // pg_type's oid of `void` (what pg_notify returns)

struct Described {
  std::vector<std::string> names;
  std::vector<Oid> types;
};

// A plain libpq connection: the statements are described by PostgreSQL, never run.
class Describer {
 public:
  explicit Describer(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    EXPECT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
  }
  ~Describer() { PQfinish(conn_); }
  Describer(const Describer&) = delete;
  Describer& operator=(const Describer&) = delete;

  // The columns `sql` returns; "" in error when PostgreSQL cannot prepare it.
  Described Describe(const std::string& name, const std::string& sql, std::string& error) {
    Described out;
    PGresult* prepared = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
    const bool ok = PQresultStatus(prepared) == PGRES_COMMAND_OK;
    PQclear(prepared);
    if (!ok) {
      error = PQerrorMessage(conn_);
      return out;
    }
    PGresult* desc = PQdescribePrepared(conn_, name.c_str());
    for (int i = 0; i < PQnfields(desc); ++i) {
      out.names.emplace_back(PQfname(desc, i));
      out.types.push_back(PQftype(desc, i));
    }
    PQclear(desc);
    return out;
  }

 private:
  PGconn* conn_;
};

// Columns found by name among described ones, remembering which were asked for.
class RecordingLookup final : public ColumnLookup {
 public:
  explicit RecordingLookup(const std::vector<std::string>& names) : names_(names) {}
  ColumnIndex operator()(const std::string& name) override {
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it == names_.end()) throw store::ColumnMismatch("no column '" + name + "'");
    read_.insert(name);
    return static_cast<ColumnIndex>(it - names_.begin());
  }
  const std::set<std::string>& read() const { return read_; }

 private:
  const std::vector<std::string>& names_;
  std::set<std::string> read_;
};

// What is wrong between a statement and its row mapping, one line per problem: a column
// the mapping reads that the statement does not return, a column returned twice (a read
// by name would see the first), a column nobody reads, rows returned with no mapping.
std::vector<std::string> MappingProblems(const Statement& s, const Described& d) {
  std::vector<std::string> problems;
  std::set<std::string> seen;
  for (const std::string& name : d.names) {
    if (!seen.insert(name).second) problems.push_back("returns column '" + name + "' twice");
  }
  if (s.mapping == nullptr) {
    for (std::size_t i = 0; i < d.names.size(); ++i) {
      if (d.types[i] != kVoidType) {
        problems.push_back("returns column '" + d.names[i] + "' but declares no row mapping");
      }
    }
    return problems;
  }
  RecordingLookup lookup(d.names);
  try {
    s.mapping(lookup);
  } catch (const store::ColumnMismatch& e) {
    problems.push_back(std::string("its row mapping reads a column it does not return: ") +
                       e.what());
    return problems;
  }
  for (const std::string& name : d.names) {
    if (!lookup.read().contains(name)) {
      problems.push_back("returns column '" + name + "' that its row mapping never reads");
    }
  }
  return problems;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "\n  " + line;
  return out;
}

TEST(RowMappingTest, EveryStatementReturnsExactlyTheColumnsItsRowMappingReads) {
  Describer pg(TestPostgres::Get().FreshDatabase());
  int mapped = 0;
  for (const Statement& s : store::AllStatements()) {
    std::string error;
    const Described d = pg.Describe(s.name, s.sql, error);
    ASSERT_EQ(error, "") << s.name;
    const auto problems = MappingProblems(s, d);
    EXPECT_TRUE(problems.empty()) << s.name << ":" << Joined(problems);
    if (s.mapping != nullptr) ++mapped;
  }
  // Every repository reads rows: the check above is not vacuous.
  EXPECT_GE(mapped, 50);
}

// A mapping of the test's own: a note's id and its author.
struct NoteAuthorColumns {
  explicit NoteAuthorColumns(ColumnLookup& c) : id(c("id")), author(c, "author") {}
  ColumnIndex id;
  store::UserColumns author;
};

TEST(RowMappingTest, TheCheckNamesEveryWayASelectAndItsMappingDisagree) {
  Describer pg(TestPostgres::Get().FreshDatabase());
  const auto problems = [&](const char* name, const char* sql, bool mapped) {
    std::string error;
    Statement s{name, sql};
    if (mapped) s.mapping = store::RowsAs<NoteAuthorColumns>;
    const Described d = pg.Describe(name, sql, error);
    EXPECT_EQ(error, "") << name;
    return MappingProblems(s, d);
  };
  const char* const kJoin = " FROM notes n JOIN users u ON u.id = n.author_id";
  EXPECT_EQ(problems("t.exact",
                     (std::string("SELECT u.display_name AS author_display_name, n.id, "
                                  "u.handle AS author_handle, u.id AS author_id") +
                      kJoin)
                         .c_str(),
                     true),
            std::vector<std::string>{});
  EXPECT_EQ(
      problems("t.missing",
               (std::string("SELECT n.id, u.id AS author_id, u.handle AS author_handle") + kJoin)
                   .c_str(),
               true),
      std::vector<std::string>{"its row mapping reads a column it does not return: no "
                               "column 'author_display_name'"});
  EXPECT_EQ(problems("t.unread",
                     (std::string("SELECT n.id, n.body, u.id AS author_id, u.handle AS "
                                  "author_handle, u.display_name AS author_display_name") +
                      kJoin)
                         .c_str(),
                     true),
            std::vector<std::string>{"returns column 'body' that its row mapping never reads"});
  EXPECT_EQ(problems("t.twice",
                     (std::string("SELECT n.id, u.id, u.id AS author_id, u.handle AS "
                                  "author_handle, u.display_name AS author_display_name") +
                      kJoin)
                         .c_str(),
                     true),
            std::vector<std::string>{"returns column 'id' twice"});
  EXPECT_EQ(problems("t.unmapped", "SELECT id FROM notes", false),
            std::vector<std::string>{"returns column 'id' but declares no row mapping"});
  EXPECT_EQ(problems("t.notify", "SELECT pg_notify('t', 'x')", false), std::vector<std::string>{});
}

// Every mapped SELECT of `statements` rewritten to return one more column first and the
// rest in reverse order: what a careless edit of a SELECT does to positions.
std::vector<Statement> ShiftedAndReversed(const std::string& url,
                                          const std::vector<Statement>& statements,
                                          std::vector<std::string>& storage) {
  Describer pg(url);
  std::vector<Statement> out;
  storage.reserve(statements.size());
  for (const Statement& s : statements) {
    const std::string sql = s.sql;
    const bool query = (sql.starts_with("SELECT") || sql.starts_with("WITH")) &&
                       sql.find("INSERT ") == std::string::npos &&
                       sql.find("UPDATE ") == std::string::npos;
    if (s.mapping == nullptr || !query) {
      out.push_back(s);
      continue;
    }
    std::string error;
    const Described d = pg.Describe(s.name, sql, error);
    EXPECT_EQ(error, "") << s.name;
    std::string columns = "0 AS inserted_first";
    for (auto it = d.names.rbegin(); it != d.names.rend(); ++it) columns += ", \"" + *it + "\"";
    storage.push_back("SELECT " + columns + " FROM (" + sql + ") AS original");
    out.push_back({s.name, storage.back().c_str(), s.mapping});
  }
  return out;
}

class ReorderedRowsTest : public WorkflowTest {
 protected:
  // A workspace with a claim in every state, reviews with revisions, a decided dispute,
  // an open one, assignees, sources (one removed), edited notes, a correction and a
  // scale of the workspace's own.
  void BuildScenario() {
    open_ = Mark(0);
    in_review_ = InReviewClaim(1);
    disputed_ = DisputedClaim(2);
    const v1::Claim decided = DisputedClaim(3);
    ASSERT_TRUE(Decide(eve_, DisputeOf(decided.id(), eve_).id(), "False").ok());
    decided_ = Get(decided.id());
    published_ = PublishedClaim(4);
    dismissed_ = DismissedClaim(5);
    ASSERT_TRUE(Review(ben_, in_review_.id(), "Mostly false", nullptr,
                       FindReviewVersion(in_review_.id(), ben_))
                    .ok());
    Assign(open_, {ben_.user.id(), cat_.user.id()});
    const v1::Source removed = AddSource(open_.id(), cat_, v1::STANCE_SUPPORTS);
    v1::RemoveSourceRequest remove;
    remove.set_source_id(removed.id());
    v1::Source ignored;
    ASSERT_TRUE(server_->sources()->RemoveSource(Ctx(cat_.token).get(), remove, &ignored).ok());
    AddAndEditNote(open_.id());
    Correct(published_);
    SetScale();
  }

  std::int64_t FindReviewVersion(std::int64_t claim_id, const TestUser& by) {
    std::int64_t version = 0;
    EXPECT_TRUE(server_->db()
                    .Read("test",
                          [&](store::Tx& tx) {
                            version = store::FindReview(tx, claim_id, by.user.id())->version();
                            return Status::Ok();
                          })
                    .ok());
    return version;
  }

  void Assign(const v1::Claim& claim, const std::vector<std::int64_t>& ids) {
    v1::AssignClaimRequest req;
    req.set_claim_id(claim.id());
    req.set_expected_version(Get(claim.id()).version());
    for (const std::int64_t id : ids) req.add_assignee_ids(id);
    v1::Claim out;
    ASSERT_TRUE(server_->claims()->AssignClaim(Ctx(eve_.token).get(), req, &out).ok());
  }

  void AddAndEditNote(std::int64_t claim_id) {
    v1::AddNoteRequest add;
    add.set_claim_id(claim_id);
    add.set_body("The survey covers 2001 only.");
    v1::Note note;
    ASSERT_TRUE(server_->notes()->AddNote(Ctx(ben_.token).get(), add, &note).ok());
    v1::AddNoteRequest reply = add;
    reply.set_parent_id(note.id());
    reply.set_body("And the 2002 revision?");
    v1::Note answer;
    ASSERT_TRUE(server_->notes()->AddNote(Ctx(cat_.token).get(), reply, &answer).ok());
    v1::EditNoteRequest edit;
    edit.set_note_id(note.id());
    edit.set_expected_version(note.version());
    edit.set_body("The survey covers 2001 and 2002.");
    ASSERT_TRUE(server_->notes()->EditNote(Ctx(ben_.token).get(), edit, &note).ok());
  }

  void Correct(const v1::Claim& claim) {
    v1::CorrectClaimRequest req;
    req.set_claim_id(claim.id());
    req.set_expected_version(claim.version());
    req.set_verdict("Mostly false");
    req.set_reason("The agency revised the series.");
    v1::Claim out;
    ASSERT_TRUE(server_->claims()->CorrectClaim(Ctx(eve_.token).get(), req, &out).ok());
  }

  void SetScale() {
    v1::SetRatingScaleRequest req;
    req.set_workspace_id(ws_);
    for (const auto& [label, value] : std::vector<std::pair<std::string, double>>{
             {"Correct", 3}, {"Partly correct", 2}, {"Incorrect", 1}}) {
      auto* l = req.add_labels();
      l->set_label(label);
      l->set_ordered(true);
      l->set_value(value);
    }
    auto* outside = req.add_labels();
    outside->set_label("Unprovable");
    outside->set_description("No source can settle it.");
    v1::Workspace ws;
    ASSERT_TRUE(server_->workspaces()->SetRatingScale(Ctx(ana_.token).get(), req, &ws).ok());
  }

  // Every read of the store, as text, labelled by what was read.
  std::map<std::string, std::string> ReadEverything(store::Db& db) {
    std::map<std::string, std::string> out;
    const Status status = db.Read("read everything", [&](store::Tx& tx) {
      ReadAccounts(tx, out);
      ReadTranscripts(tx, out);
      ReadClaims(tx, out);
      ReadDiscussion(tx, out);
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.message();
    return out;
  }

  std::vector<std::int64_t> ClaimIds() const {
    return {open_.id(),    in_review_.id(), disputed_.id(),
            decided_.id(), published_.id(), dismissed_.id()};
  }

  static std::string Text(const google::protobuf::Message& m) { return m.DebugString(); }
  template <typename T>
  static std::string Text(const Result<T>& r) {
    if (!r.ok()) return "error: " + r.status().message();
    return Text(*r);
  }
  template <typename T>
  static std::string Text(const Result<std::vector<T>>& r) {
    if (!r.ok()) return "error: " + r.status().message();
    std::string out;
    for (const T& m : *r) out += Text(m) + "--\n";
    return out;
  }
  template <typename T>
  static std::string Text(const Result<std::unordered_map<std::int64_t, T>>& r) {
    if (!r.ok()) return "error: " + r.status().message();
    std::map<std::int64_t, std::string> sorted;
    for (const auto& [id, value] : *r) {
      if constexpr (std::is_base_of_v<google::protobuf::Message, T>) {
        sorted[id] = Text(value);
      } else {
        for (const auto& m : value) sorted[id] += Text(m) + "--\n";
      }
    }
    std::string out;
    for (const auto& [id, text] : sorted) out += std::to_string(id) + ":\n" + text;
    return out;
  }
  static std::string Ids(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (const std::int64_t id : ids) out += std::to_string(id) + " ";
    return out;
  }

  void ReadAccounts(store::Tx& tx, std::map<std::string, std::string>& out) {
    out["FindUser"] = Text(store::FindUser(tx, "cat"));
    out["Authenticate"] = Text(store::Authenticate(tx, dan_.token));
    out["ListTokens"] =
        Text(Result<std::vector<v1::ApiToken>>(store::ListTokens(tx, 0, true, 100)));
    out["GetWorkspace"] = Text(store::GetWorkspace(tx, ws_, eve_.user.id()));
    out["GetWorkspaceBySlug"] = Text(store::GetWorkspaceBySlug(tx, "desk", vic_.user.id()));
    out["ListWorkspacesOf"] = Text(store::ListWorkspacesOf(tx, ben_.user.id()));
    out["RoleOf"] = std::string(domain::RoleName(*store::RoleOf(tx, ws_, eve_.user.id())));
    out["ListMembers"] = Text(store::ListMembers(tx, ws_));
    out["OpenAssignments"] = Ids(store::OpenAssignments(tx, ws_, cat_.user.id(), 100));
    out["CountAdmins"] = std::to_string(store::CountAdmins(tx, ws_));
    out["CurrentScale"] = Text(store::CurrentScale(tx, ws_));
    out["LastSeq"] = std::to_string(*store::LastSeq(tx, ws_));
    out["ReadEventsAfter"] = Text(store::ReadEventsAfter(tx, ws_, 0, 1000));
    auto dashboard = store::ComputeDashboard(tx, ws_, 0);
    if (dashboard.ok()) {  // the figures that follow the clock
      dashboard->clear_computed_at();
      for (auto& dispute : *dashboard->mutable_open_disputes()) dispute.clear_age_seconds();
    }
    out["ComputeDashboard"] = Text(dashboard);
  }

  void ReadTranscripts(store::Tx& tx, std::map<std::string, std::string>& out) {
    const std::int64_t transcript = segments_[0].transcript_id();
    out["GetTranscript"] = Text(store::GetTranscript(tx, transcript));
    out["ListTranscripts"] = Text(store::ListTranscripts(tx, ws_, 0, 10));
    out["TranscriptWorkspace"] = std::to_string(*store::TranscriptWorkspace(tx, transcript));
    out["ListSegments"] = Text(store::ListSegments(tx, transcript, 0, 100));
    out["SegmentsById"] = Text(store::SegmentsById(tx, {segments_[1].id(), segments_[2].id()}));
    const auto segment = store::GetSegment(tx, segments_[3].id());
    out["GetSegment"] = std::to_string(segment->id) + " " + std::to_string(segment->workspace_id) +
                        " " + std::to_string(segment->transcript_id) + " " +
                        std::to_string(segment->ordinal) + " " +
                        std::to_string(static_cast<int>(segment->kind)) + " " + segment->speaker +
                        " " + segment->text;
    const auto search = store::SearchSegments(tx, ws_, 0, "unemployment fell", 0, 5);
    out["SearchSegments"] = "total " + std::to_string(search->total) + "\n";
    for (const auto& hit : search->hits) out["SearchSegments"] += Text(hit);
  }

  void ReadClaims(store::Tx& tx, std::map<std::string, std::string>& out) {
    for (const std::int64_t id : ClaimIds()) {
      out["GetClaim " + std::to_string(id)] = Text(store::GetClaim(tx, id));
      const auto place = store::ClaimWorkspaceAndRole(tx, id, ben_.user.id());
      out["ClaimWorkspaceAndRole " + std::to_string(id)] =
          std::to_string(place->workspace_id) + " " +
          std::to_string(place->role ? static_cast<int>(*place->role) : -1);
      out["ListSources " + std::to_string(id)] = Text(store::ListSources(tx, id, true));
      out["CountActiveSources " + std::to_string(id)] =
          std::to_string(store::CountActiveSources(tx, id));
      out["ReadClaimEvents " + std::to_string(id)] = Text(store::ReadClaimEvents(tx, id));
    }
    store::ClaimFilter filter;
    filter.workspace_id = ws_;
    out["ListClaims"] = Text(store::ListClaims(tx, filter, 0, 100));
    out["ListClaims after"] = Text(store::ListClaims(tx, filter, in_review_.id(), 2));
    out["ClaimRecordsOfOrdinals"] =
        Text(store::ClaimRecordsOfOrdinals(tx, segments_[0].transcript_id(), 0, 29));
    out["ClaimRecordsByIds"] = Text(store::ClaimRecordsByIds(tx, ClaimIds()));
    out["ActiveSourcesOf"] = Text(store::ActiveSourcesOf(tx, ClaimIds()));
  }

  void ReadDiscussion(store::Tx& tx, std::map<std::string, std::string>& out) {
    for (const std::int64_t id : ClaimIds()) {
      const std::string n = std::to_string(id);
      out["ListNotes " + n] = Text(store::ListNotes(tx, id, "", true));
      out["ListReviews " + n] = Text(store::ListReviews(tx, id, true));
      std::string votes;
      for (const auto& v : store::Votes(tx, id)) {
        votes += std::to_string(v.reviewer_id) + "=" + v.verdict + " ";
      }
      out["Votes " + n] = votes;
      const auto review = store::FindReview(tx, id, ben_.user.id());
      out["FindReview " + n] = review ? Text(*review) : "none";
      const auto open = store::FindOpenDispute(tx, id);
      out["FindOpenDispute " + n] = open ? Text(*open) : "none";
      const auto latest = store::LatestDispute(tx, id);
      out["LatestDispute " + n] = latest ? Text(*latest) : "none";
      if (latest) out["GetDispute " + n] = Text(store::GetDispute(tx, latest->id()));
    }
    out["ReviewsOf"] = Text(store::ReviewsOf(tx, ClaimIds()));
    out["ReviewedClaims"] = Ids(store::ReviewedClaims(tx, ws_, cat_.user.id()));
    out["BlindClaims"] = Ids(store::BlindClaims(tx, ws_, vic_.user.id()));
    const auto this_round = store::ReviewedThisRound(tx, ClaimIds(), ben_.user.id());
    std::vector<std::int64_t> sorted(this_round.begin(), this_round.end());
    std::sort(sorted.begin(), sorted.end());
    out["ReviewedThisRound"] = Ids(sorted);
    out["ListDisputes"] = Text(store::ListDisputes(tx, ws_, 0, false));
  }

  v1::Claim open_, in_review_, disputed_, decided_, published_, dismissed_;
};

TEST_F(ReorderedRowsTest, ShiftingAndReversingEverySelectsColumnsChangesNoRecord) {
  BuildScenario();
  const std::string& url = server_->database_url();
  std::vector<std::string> storage;
  const std::vector<Statement> shifted = ShiftedAndReversed(url, store::AllStatements(), storage);
  EXPECT_GE(storage.size(), 40U);  // nearly every statement is a mapped SELECT
  store::ConnectionPool pool({url, 2, std::chrono::milliseconds(5000)}, shifted);
  store::Db reordered(pool);

  const auto expected = ReadEverything(server_->db());
  const auto got = ReadEverything(reordered);
  ASSERT_EQ(got.size(), expected.size());
  for (const auto& [read, text] : expected) {
    EXPECT_EQ(got.at(read), text) << read;
    EXPECT_EQ(text.find("error: "), std::string::npos) << read << ": " << text;
  }
  // The scenario reached the fields a shifted column would garble.
  const std::string decided = expected.at("LatestDispute " + std::to_string(decided_.id()));
  EXPECT_NE(decided.find("DISPUTE_RESOLUTION_EDITOR_DECISION"), std::string::npos) << decided;
  EXPECT_NE(decided.find("decided_by"), std::string::npos) << decided;
  EXPECT_NE(expected.at("ListNotes " + std::to_string(open_.id())).find("2001 only"),
            std::string::npos);
  EXPECT_NE(expected.at("ListSources " + std::to_string(open_.id())).find("removed_by"),
            std::string::npos);
  EXPECT_NE(expected.at("CurrentScale").find("Unprovable"), std::string::npos);
  EXPECT_NE(expected.at("GetClaim " + std::to_string(open_.id())).find("assignees"),
            std::string::npos);
}

// A statement that lost a column its mapping reads: the request fails as INTERNAL with an
// error id (no SQL or column names reach the client) and writes nothing.
TEST_F(ReorderedRowsTest, ASelectMissingAColumnFailsAsInternalAndWritesNothing) {
  const std::string& url = server_->database_url();
  std::vector<Statement> statements = store::AllStatements();
  // The claim's columns as GetClaim reads them and as InsertClaim reads the new claim back.
  const std::string speaker = "coalesce(sp.name, '') AS speaker, ";
  std::map<std::string, std::string> without_speaker;
  for (Statement& s : statements) {
    const std::string name = s.name;
    if (name != "claims.get" && name != "claims.insert") continue;
    std::string sql = s.sql;
    const auto at = sql.find(speaker);
    ASSERT_NE(at, std::string::npos) << name;
    s.sql = without_speaker.emplace(name, sql.erase(at, speaker.size())).first->second.c_str();
  }
  ASSERT_EQ(without_speaker.size(), 2U);
  store::ConnectionPool pool({url, 2, std::chrono::milliseconds(5000)}, statements);
  store::Db db(pool);
  const auto before = server_->Snapshot();

  // Reading the new claim back (in the inserting statement) fails, so the transaction
  // never gets as far as its event.
  const Status status = db.Write("create claim", ben_.user.id(), [&](store::Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(const auto seq, tx.TakeSeq(ws_));
    EXPECT_GT(seq, 0);
    store::NewClaim claim;
    claim.workspace_id = ws_;
    claim.transcript_id = segments_[0].transcript_id();
    claim.segment_id = segments_[0].id();
    claim.end_byte = 4;
    claim.anchor.quote = segments_[0].text().substr(0, 4);
    claim.created_by = ben_.user.id();
    return store::InsertClaim(tx, claim).status();
  });
  EXPECT_EQ(status.code(), Code::kInternal);
  EXPECT_TRUE(status.message().starts_with(
      "internal error: a query's columns do not match the code that reads them (error id "))
      << status.message();
  EXPECT_EQ(status.message().find("speaker"), std::string::npos) << status.message();
  EXPECT_EQ(server_->Snapshot(), before);

  // Reads fail the same way, while the statements that kept their columns still work.
  const v1::Claim marked = Mark(0);
  const Status read = db.Read("get claim", [&](store::Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(const auto ws, store::GetWorkspace(tx, ws_, ben_.user.id()));
    EXPECT_EQ(ws.slug(), "desk");
    return store::GetClaim(tx, marked.id()).status();
  });
  EXPECT_EQ(read.code(), Code::kInternal);
}

}  // namespace
}  // namespace factdesk::testing
