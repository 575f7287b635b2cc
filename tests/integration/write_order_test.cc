// How a change to one record holds its workspace (issue 18): the claim's own row lock
// orders it, and the workspace's seq is taken as the transaction's last statement, so a
// change waiting on one claim does not hold up the rest of the workspace; seqs stay
// gap-free and in commit order; a change to the whole workspace waits for the changes in
// flight and later ones wait for it. And the idempotency sweep that rides on the key's
// claim, and the statements that ride with BEGIN and COMMIT: one that fails leaves no
// transaction open on its connection.
#include <chrono>
#include <thread>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "proto/factdesk/v1/metadata.h"
#include "server/store/db.h"
#include "server/store/idempotency_store.h"
#include "tests/integration/api_fixture.h"
#include "tests/integration/lock_helpers.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

grpc::Status AddNote(TestServer& server, std::int64_t claim_id, const std::string& body,
                     const std::string& token, v1::Note* out) {
  v1::AddNoteRequest req;
  req.set_claim_id(claim_id);
  req.set_body(body);
  return server.notes()->AddNote(Ctx(token).get(), req, out);
}

// The seq of the event that added the (only) note of claim `claim_id`.
std::string SeqOfNoteOn(TestServer& server, std::int64_t workspace, std::int64_t claim_id) {
  return server.QueryValue(
      fmt::format("SELECT seq FROM events WHERE workspace_id = {} AND kind = 'note.added' "
                  "AND claim_id = {}",
                  workspace, claim_id));
}

std::string GapFree(TestServer& server, std::int64_t workspace) {
  return server.QueryValue(
      fmt::format("SELECT q.last_seq = count(e.seq) AND q.last_seq = coalesce(max(e.seq), 0) "
                  "FROM workspace_seqs q LEFT JOIN events e ON e.workspace_id = q.workspace_id "
                  "WHERE q.workspace_id = {} GROUP BY q.last_seq",
                  workspace));
}

TEST_F(ApiTest, AChangeWaitingOnOneClaimDoesNotHoldUpTheRestOfItsWorkspace) {
  const v1::Claim held = Mark("Shenzhen started out");
  const v1::Claim other = Mark("Shenzhen started out");
  // Another transaction holds the first claim's row, as a long change to it would.
  pqxx::connection conn(server().database_url());
  pqxx::work lock(conn);
  lock.exec_params("SELECT FROM claims WHERE id = $1 FOR UPDATE", held.id());

  v1::Note waited;
  grpc::Status waited_status;
  std::thread waiting([&] {
    waited_status = AddNote(server(), held.id(), "Waits for the claim.", ben_.token, &waited);
  });
  ASSERT_TRUE(WaitUntilSomeoneWaitsForALock(server().database_url()));
  // The other claim's note commits while the first change still waits: the waiting
  // transaction holds no lock on the workspace's seq.
  v1::Note passed;
  const grpc::Status passed_status =
      AddNote(server(), other.id(), "Goes first.", ben_.token, &passed);
  ASSERT_TRUE(passed_status.ok()) << passed_status.error_message();

  lock.commit();
  waiting.join();
  ASSERT_TRUE(waited_status.ok()) << waited_status.error_message();
  // Seqs follow the commits: the note that committed first has the smaller seq.
  EXPECT_LT(std::stoll(SeqOfNoteOn(server(), ws_, other.id())),
            std::stoll(SeqOfNoteOn(server(), ws_, held.id())));
  EXPECT_EQ(GapFree(server(), ws_), "t");
}

// A change reads its claim in the query that locks it (store::ReadClaimForChange), by a
// statement of its own: a change that waited for the lock reads the claim as the change
// before it left it, counts included, not as it stood when the query began.
TEST_F(ApiTest, AChangeThatWaitedForAClaimReadsItAsTheChangeBeforeItLeftIt) {
  const v1::Claim claim = Mark("Shenzhen started out");
  // Another transaction holds the claim's row and adds a note, as a change to it would.
  pqxx::connection conn(server().database_url());
  pqxx::work lock(conn);
  lock.exec_params("SELECT FROM claims WHERE id = $1 FOR UPDATE", claim.id());
  lock.exec_params(
      "INSERT INTO notes (workspace_id, claim_id, thread, body, author_id) "
      "VALUES ($1, $2, 'CLAIM', 'Added while the next change waits.', $3)",
      ws_, claim.id(), ana_.user.id());

  v1::Note waited;
  grpc::Status waited_status;
  std::thread waiting([&] {
    waited_status = AddNote(server(), claim.id(), "Waits for the claim.", ben_.token, &waited);
  });
  ASSERT_TRUE(WaitUntilSomeoneWaitsForALock(server().database_url()));
  lock.commit();
  waiting.join();
  ASSERT_TRUE(waited_status.ok()) << waited_status.error_message();

  // The claim the waiting change announced counts both notes.
  pqxx::work read(conn);
  const pqxx::binarystring payload(read.exec_params1(
      "SELECT payload FROM events WHERE kind = 'note.added' AND claim_id = $1", claim.id())[0]);
  v1::Event event;
  ASSERT_TRUE(event.ParseFromArray(payload.data(), static_cast<int>(payload.size())));
  EXPECT_EQ(event.claim().note_count(), 2);
  EXPECT_EQ(event.note().id(), waited.id());
}

// The claim's lock is waited for inside the query that also reads the claim: a change
// whose deadline passes there fails whole, and its connection is clean for the next.
TEST_F(ApiTest, AChangeWaitingForAClaimPastItsDeadlineWritesNothingAndTheNextChangesDo) {
  const v1::Claim claim = Mark("Shenzhen started out");
  pqxx::connection conn(server().database_url());
  pqxx::work lock(conn);
  lock.exec_params("SELECT FROM claims WHERE id = $1 FOR UPDATE", claim.id());
  const auto before = server().Snapshot();

  v1::AddNoteRequest req;
  req.set_claim_id(claim.id());
  req.set_body("Waits past its deadline.");
  auto ctx = Ctx(ben_.token);
  ctx->set_deadline(std::chrono::system_clock::now() + 300ms);
  v1::Note note;
  const grpc::Status late = server().notes()->AddNote(ctx.get(), req, &note);
  EXPECT_EQ(late.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << late.error_message();
  // The client gives up by itself; the server's statement must stop too, while the lock
  // is still held: its statement_timeout cancels it inside the one-trip query.
  ASSERT_TRUE(WaitUntilNobodyWaitsForALock(server().database_url()));
  EXPECT_EQ(server().Snapshot(), before);

  lock.abort();
  for (int i = 0; i < 3; ++i) {
    const grpc::Status added = AddNote(server(), claim.id(), "After the wait.", ben_.token, &note);
    EXPECT_TRUE(added.ok()) << added.error_message();
  }
  EXPECT_EQ(server().QueryValue(
                fmt::format("SELECT count(*) FROM notes WHERE claim_id = {}", claim.id())),
            "3");
}

// Waits (up to a minute) until `n` statements of the database wait for a lock.
bool WaitForLockWaiters(const std::string& url, int n) {
  pqxx::connection c(url);
  for (int i = 0; i < 600; ++i) {
    pqxx::work w(c);
    const int waiting = w.exec1(
                             "SELECT count(*) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND wait_event_type = 'Lock'")[0]
                            .as<int>();
    w.commit();
    if (waiting >= n) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

TEST_F(ApiTest, AWorkspaceChangeWaitsForChangesInFlightAndLaterChangesWaitForIt) {
  const v1::Claim held = Mark("Shenzhen started out");
  const v1::Claim later = Mark("Shenzhen started out");
  pqxx::connection conn(server().database_url());
  pqxx::work lock(conn);
  lock.exec_params("SELECT FROM claims WHERE id = $1 FOR UPDATE", held.id());

  // 1: a note on the held claim, in flight (it waits for the claim).
  grpc::Status first;
  v1::Note first_note;
  std::thread one(
      [&] { first = AddNote(server(), held.id(), "In flight.", ben_.token, &first_note); });
  ASSERT_TRUE(WaitForLockWaiters(server().database_url(), 1));
  // 2: a policy change (the same policy again) waits for it: the workspace is its alone.
  grpc::Status policy;
  std::thread two([&] {
    v1::UpdatePolicyRequest req;
    req.set_workspace_id(ws_);
    req.mutable_policy()->set_required_reviews(2);
    req.mutable_policy()->set_require_source(true);
    req.mutable_policy()->set_dispute_rule(v1::DISPUTE_RULE_EDITOR_DECIDES);
    v1::Workspace out;
    policy = server().workspaces()->UpdatePolicy(Ctx(ana_.token).get(), req, &out);
  });
  ASSERT_TRUE(WaitForLockWaiters(server().database_url(), 2));
  // 3: a note on another claim, sent after the policy change, waits behind it.
  grpc::Status third;
  v1::Note third_note;
  std::thread three(
      [&] { third = AddNote(server(), later.id(), "Queued.", ben_.token, &third_note); });
  ASSERT_TRUE(WaitForLockWaiters(server().database_url(), 3));

  lock.commit();
  one.join();
  two.join();
  three.join();
  ASSERT_TRUE(first.ok()) << first.error_message();
  ASSERT_TRUE(policy.ok()) << policy.error_message();
  ASSERT_TRUE(third.ok()) << third.error_message();
  // They committed in that order, and their seqs say so.
  const std::int64_t seq_one = std::stoll(SeqOfNoteOn(server(), ws_, held.id()));
  const std::int64_t seq_policy = std::stoll(server().QueryValue(fmt::format(
      "SELECT max(seq) FROM events WHERE workspace_id = {} AND kind = 'workspace.policy_updated'",
      ws_)));
  const std::int64_t seq_three = std::stoll(SeqOfNoteOn(server(), ws_, later.id()));
  EXPECT_LT(seq_one, seq_policy);
  EXPECT_LT(seq_policy, seq_three);
  EXPECT_EQ(GapFree(server(), ws_), "t");
}

TEST_F(ApiTest, AnExpiredKeyIsSweptByTheNextMutationAndItsOwnerCanUseItAgain) {
  int offset = 0;
  const v1::Segment seg = SegmentWith(seed_.id(), "Shenzhen started out", &offset);
  v1::CreateClaimRequest req;
  req.set_segment_id(seg.id());
  req.set_start_byte(offset);
  req.set_end_byte(offset + 20);
  auto keyed = [&](const std::string& key) {
    auto ctx = Ctx(ben_.token);
    ctx->AddMetadata(v1::kIdempotencyKey, key);
    return ctx;
  };
  v1::Claim first, stale;
  ASSERT_TRUE(server().claims()->CreateClaim(keyed("sweep-reused").get(), req, &first).ok());
  ASSERT_TRUE(server().claims()->CreateClaim(keyed("sweep-stale").get(), req, &stale).ok());
  server().QueryValue(
      "UPDATE idempotency_keys SET expires_at = now() - interval '1 hour' "
      "WHERE key IN ('sweep-reused', 'sweep-stale') RETURNING 1");

  // The expired key is a new action: a second claim, and the key is live again.
  v1::Claim again;
  const grpc::Status reused =
      server().claims()->CreateClaim(keyed("sweep-reused").get(), req, &again);
  ASSERT_TRUE(reused.ok()) << reused.error_message();
  EXPECT_NE(again.id(), first.id());
  EXPECT_EQ(server().QueryValue("SELECT count(*) FROM idempotency_keys WHERE key = "
                                "'sweep-reused' AND expires_at > now() AND response IS NOT NULL"),
            "1");
  // The other expired key was swept by that same mutation.
  EXPECT_EQ(server().QueryValue("SELECT count(*) FROM idempotency_keys WHERE key = 'sweep-stale'"),
            "0");
}

TEST_F(ApiTest, ATransactionAppendingTwoEventsIsRefusedAndWritesNothing) {
  const auto before = server().Snapshot();
  const Status refused = server().db().Write("two events", ben_.user.id(), [&](store::Tx& tx) {
    FD_RETURN_IF_ERROR(tx.TakeSeqAtCommit(ws_));
    v1::Event event;
    event.set_kind(v1::EVENT_KIND_NOTE_ADDED);
    tx.Append(event);
    tx.Append(event);
    return Status::Ok();
  });
  EXPECT_EQ(refused.code(), Code::kInternal);
  EXPECT_EQ(refused.message(),
            "two events: a mutation must take a seq and append exactly one event");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, ASeqTakenAtCommitInAMissingWorkspaceIsNotFoundAndWritesNothing) {
  const auto before = server().Snapshot();
  const Status refused = server().db().Write(
      "missing", ben_.user.id(), [&](store::Tx& tx) { return tx.TakeSeqAtCommit(987654); });
  EXPECT_EQ(refused.code(), Code::kNotFound);
  EXPECT_EQ(refused.message(), "workspace 987654 does not exist");
  EXPECT_EQ(server().Snapshot(), before);
}

// The key's claim rides with BEGIN: when it waits on a request in flight with the same
// key until the caller's deadline, the transaction is rolled back on its connection,
// which the next writes (the pool hands out the connection returned last) use as new.
TEST_F(ApiTest, AKeyHeldByARequestInFlightRunsOutTheDeadlineAndItsConnectionWritesAgain) {
  pqxx::connection conn(server().database_url());
  pqxx::work in_flight(conn);
  in_flight.exec_params(
      "INSERT INTO idempotency_keys (user_id, key, method, fingerprint, expires_at) "
      "VALUES ($1, 'held-in-flight', 'AddNote', '\\x00'::bytea, now() + interval '1 hour')",
      ben_.user.id());
  v1::Note response;
  const store::Idempotency key{"held-in-flight", "AddNote", "fingerprint", &response};
  bool ran = false;
  const auto write = [&](std::chrono::milliseconds deadline) {
    return server().db().Write(
        "held key",
        store::WriteOptions{.actor_id = ben_.user.id(),
                            .idempotency = &key,
                            .deadline = std::chrono::system_clock::now() + deadline},
        [&](store::Tx&) {
          ran = true;
          return Status::Ok();
        });
  };
  const auto before = server().Snapshot();
  // statement_timeout cancels the claim at the deadline, give or take the millisecond it
  // is rounded to: "the caller's deadline passed" or "the database took too long".
  const Status waited = write(300ms);
  EXPECT_EQ(waited.code(), Code::kDeadlineExceeded) << waited.message();
  EXPECT_FALSE(ran);
  EXPECT_EQ(server().Snapshot(), before);

  in_flight.abort();  // the request in flight gave up: the key is free
  for (int i = 0; i < 3; ++i) {
    const Status again = server().db().Write("after the wait", ben_.user.id(), [&](store::Tx& tx) {
      tx.Exec("claims.get", std::int64_t{0});
      return Status::Ok();
    });
    EXPECT_TRUE(again.ok()) << again.message();
  }
  const Status retried = write(30s);
  EXPECT_TRUE(retried.ok()) << retried.message();
  EXPECT_TRUE(ran);
  EXPECT_EQ(server().QueryValue(
                fmt::format("SELECT count(*) FROM idempotency_keys WHERE user_id = {} AND key = "
                            "'held-in-flight' AND response IS NOT NULL",
                            ben_.user.id())),
            "1");
}

// The event's statement rides with COMMIT: in a workspace with no seq it stops at the
// event's NOT NULL seq, nothing is written, and the connection writes again.
TEST_F(ApiTest, AnEventSharedAtCommitInAMissingWorkspaceIsRefusedAndWritesNothing) {
  for (int i = 0; i < 3; ++i) {
    const auto before = server().Snapshot();
    const Status refused = server().db().Write("missing", ben_.user.id(), [&](store::Tx& tx) {
      tx.SeqAtCommitShared(987654);
      v1::Event event;
      event.set_kind(v1::EVENT_KIND_NOTE_ADDED);
      tx.Append(event);
      return Status::Ok();
    });
    EXPECT_EQ(refused.code(), Code::kInvalidArgument) << refused.message();
    EXPECT_EQ(server().Snapshot(), before);
    v1::Note note;
    const grpc::Status added = AddNote(server(), Mark("Shenzhen started out").id(),
                                       "Written after a refused event.", ben_.token, &note);
    EXPECT_TRUE(added.ok()) << added.error_message();
  }
  EXPECT_EQ(GapFree(server(), ws_), "t");
}

}  // namespace
}  // namespace factdesk::testing
