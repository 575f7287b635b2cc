// Event kinds in the events table and on the wire: every EventKind is stored by its
// stable name and read back as itself, the table refuses kinds of another shape, a name
// this build does not know (a newer server's) reads as unspecified with the name kept,
// and clients built before EventKind still receive the name.
#include <fmt/format.h>
#include <google/protobuf/generated_enum_reflection.h>
#include <gtest/gtest.h>
#include <pqxx/except>

#include "events/event_description.h"
#include "events/event_kind.h"
#include "server/store/event_store.h"
#include "tests/integration/live_helpers.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

class EventKindsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>();
    ana_ = server_->AddUser("ana");
    ben_ = server_->AddUser("ben");
    workspace_ = server_->CreateWorkspace("kinds", ana_);
  }
  static void TearDownTestSuite() { server_.reset(); }

  static std::int64_t LastSeq() {
    return std::stoll(server_->QueryValue(
        "SELECT last_seq FROM workspace_seqs WHERE workspace_id = " + std::to_string(workspace_)));
  }
  static std::string StoredKind(std::int64_t seq) {
    return server_->QueryValue(fmt::format(
        "SELECT kind FROM events WHERE workspace_id = {} AND seq = {}", workspace_, seq));
  }
  // Appends an event of `kind` the way every mutation does (take the seq, append).
  static Status Append(v1::EventKind kind) {
    return server_->db().Write("appending a test event", ana_.user.id(), [&](store::Tx& tx) {
      FD_RETURN_IF_ERROR(tx.TakeSeq(workspace_).status());
      v1::Event event;
      event.set_kind(kind);
      tx.Append(event);
      return Status::Ok();
    });
  }
  // The events after `after_seq`, as a subscriber receives them.
  static std::vector<v1::Event> Subscribe(std::int64_t after_seq, std::int64_t until_seq) {
    StreamCollector stream(server_->channel(), ana_.token, workspace_, after_seq);
    EXPECT_TRUE(stream.WaitForSeq(until_seq, 30s)) << "the stream stopped at " << stream.last_seq();
    stream.Cancel();
    return stream.events();
  }

  static std::unique_ptr<TestServer> server_;
  static TestUser ana_;
  static TestUser ben_;
  static std::int64_t workspace_;
};

std::unique_ptr<TestServer> EventKindsTest::server_;
TestUser EventKindsTest::ana_;
TestUser EventKindsTest::ben_;
std::int64_t EventKindsTest::workspace_ = 0;

// What a client built before EventKind reads: the string in field 3.
std::string Field3(const v1::Event& e) {
  return e.GetReflection()->GetString(e, e.GetDescriptor()->FindFieldByNumber(3));
}

TEST_F(EventKindsTest, EveryKindIsStoredByItsNameAndReadBackAsItself) {
  const auto* type = google::protobuf::GetEnumDescriptor<v1::EventKind>();
  std::vector<v1::EventKind> kinds;
  const std::int64_t before = LastSeq();
  for (int i = 0; i < type->value_count(); ++i) {
    const auto kind = static_cast<v1::EventKind>(type->value(i)->number());
    if (kind == v1::EVENT_KIND_UNSPECIFIED) continue;
    const Status appended = Append(kind);
    ASSERT_TRUE(appended.ok()) << events::KindName(kind) << ": " << appended.message();
    kinds.push_back(kind);
  }
  const std::int64_t last = before + static_cast<std::int64_t>(kinds.size());
  ASSERT_EQ(LastSeq(), last);
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(StoredKind(before + 1 + static_cast<std::int64_t>(i)), events::KindName(kinds[i]));
  }
  const std::vector<v1::Event> received = Subscribe(before, last);
  ASSERT_EQ(received.size(), kinds.size());
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    EXPECT_EQ(received[i].kind(), kinds[i]) << events::KindName(kinds[i]);
  }
}

// A real mutation: its subscribers get the enum, and field 3 still says "member.set"
// for clients that read it.
TEST_F(EventKindsTest, ClientsBuiltBeforeEventKindStillReceiveItsName) {
  const std::int64_t before = LastSeq();
  v1::SetMemberRequest req;
  req.set_workspace_id(workspace_);
  req.set_handle("ben");
  req.set_role(v1::ROLE_CHECKER);
  v1::Member member;
  ASSERT_TRUE(server_->workspaces()->SetMember(Ctx(ana_.token).get(), req, &member).ok());
  EXPECT_EQ(StoredKind(before + 1), "member.set");
  const std::vector<v1::Event> received = Subscribe(before, before + 1);
  ASSERT_EQ(received.size(), 1U);
  EXPECT_EQ(received[0].kind(), v1::EVENT_KIND_MEMBER_SET);
  EXPECT_EQ(Field3(received[0]), "member.set");
  EXPECT_EQ(events::DescribeEvent(received[0]), "User ana made User ben a checker");
}

// Replicas of two versions can share a database during an upgrade: a kind written by
// the newer one reaches this one's subscribers as unspecified, with its name.
TEST_F(EventKindsTest, AKindANewerServerWroteReadsAsUnspecifiedWithItsName) {
  const std::int64_t seq = std::stoll(server_->QueryValue(fmt::format(
      "WITH s AS (UPDATE workspace_seqs SET last_seq = last_seq + 1 WHERE workspace_id = {0} "
      "RETURNING last_seq) "
      "INSERT INTO events (workspace_id, seq, kind, payload) "
      "SELECT {0}, last_seq, 'segment.appended', ''::bytea FROM s RETURNING seq",
      workspace_)));
  const std::vector<v1::Event> received = Subscribe(seq - 1, seq);
  ASSERT_EQ(received.size(), 1U);
  EXPECT_EQ(received[0].kind(), v1::EVENT_KIND_UNSPECIFIED);
  EXPECT_EQ(Field3(received[0]), "segment.appended");
  EXPECT_EQ(events::KindNameOf(received[0]), "segment.appended");
  EXPECT_EQ(events::DescribeEvent(received[0]), "An administrator made a change");
}

// An event appended without a kind is refused by the table (INVALID_ARGUMENT through the
// one exception mapping), and nothing is written, its seq included.
TEST_F(EventKindsTest, AnEventWithoutAKindIsRefusedAndNothingIsWritten) {
  const auto before = server_->Snapshot();
  const Status refused = Append(v1::EVENT_KIND_UNSPECIFIED);
  EXPECT_EQ(refused.code(), Code::kInvalidArgument);
  EXPECT_NE(refused.message().find("the request has a value the database refuses"),
            std::string::npos)
      << refused.message();
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(EventKindsTest, TheTableRefusesKindsThatAreNotNames) {
  const auto before = server_->Snapshot();
  for (const char* kind : {"", "Source.Added", "source", "15", "source.added ", "EVENT_KIND_X"}) {
    try {
      server_->QueryValue(fmt::format(
          "INSERT INTO events (workspace_id, seq, kind, payload) VALUES ({}, 1000000, '{}', "
          "''::bytea)",
          workspace_, kind));
      ADD_FAILURE() << "the table accepted the kind \"" << kind << '"';
    } catch (const pqxx::check_violation& e) {
      EXPECT_NE(std::string(e.what()).find("events_kind_is_a_name"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(server_->Snapshot(), before);
}

}  // namespace
}  // namespace factdesk::testing
