// PresenceTable: refresh, leave, out-of-order copies, expiry under clock skew.

#include "client/model/presence_table.h"

#include <gtest/gtest.h>

#include "tests/unit/model/model_fixtures.h"

namespace factdesk::model {
namespace {

using Clock = PresenceTable::Clock;
using std::chrono::seconds;

v1::Presence Entry(const std::string& session, std::int64_t updated_seconds, bool online = true) {
  v1::Presence p;
  p.set_session_id(session);
  *p.mutable_user() = testing::MakeUser(testing::kOther);
  p.set_online(online);
  p.mutable_updated_at()->set_seconds(updated_seconds);
  return p;
}

const Clock::time_point kT0{seconds(1000)};

TEST(PresenceTable, StoresRefreshesAndRemoves) {
  PresenceTable table;
  EXPECT_TRUE(table.Apply(Entry("s", 1000), kT0));
  v1::Presence moved = Entry("s", 1005);
  moved.set_segment_id(42);
  EXPECT_TRUE(table.Apply(moved, kT0));
  ASSERT_NE(table.Find("s"), nullptr);
  EXPECT_EQ(table.Find("s")->segment_id(), 42);
  EXPECT_TRUE(table.Apply(Entry("s", 1006, /*online=*/false), kT0));
  EXPECT_EQ(table.Find("s"), nullptr);
  EXPECT_FALSE(table.Apply(Entry("s", 1007, /*online=*/false), kT0));  // already gone
}

TEST(PresenceTable, OlderCopyIsIgnored) {
  PresenceTable table;
  v1::Presence newer = Entry("s", 1010);
  newer.set_segment_id(2);
  ASSERT_TRUE(table.Apply(newer, kT0));
  v1::Presence older = Entry("s", 1005);
  older.set_segment_id(1);
  EXPECT_FALSE(table.Apply(older, kT0));
  EXPECT_EQ(table.Find("s")->segment_id(), 2);
  EXPECT_FALSE(table.Apply(Entry("s", 1001, /*online=*/false), kT0));  // a stale "left"
  EXPECT_NE(table.Find("s"), nullptr);
}

TEST(PresenceTable, ExpiresThirtyFiveSecondsAfterUpdate) {
  PresenceTable table;
  ASSERT_TRUE(table.Apply(Entry("s", 1000), kT0));
  EXPECT_EQ(table.Expire(kT0 + seconds(34)), 0u);
  EXPECT_EQ(table.Expire(kT0 + PresenceTable::kExpiry), 1u);
  EXPECT_EQ(table.size(), 0u);
}

TEST(PresenceTable, ClientClockAheadDoesNotExpireFreshEntries) {
  PresenceTable table;
  // The server stamped 1000, but our clock says 1100 when it arrives.
  ASSERT_TRUE(table.Apply(Entry("s", 1000), kT0 + seconds(100)));
  EXPECT_EQ(table.Expire(kT0 + seconds(120)), 0u);
  EXPECT_EQ(table.Expire(kT0 + seconds(135)), 1u);
}

TEST(PresenceTable, SelectSortsByHandleThenSession) {
  PresenceTable table;
  v1::Presence b = Entry("z", 1000);
  *b.mutable_user() = testing::MakeUser(5);
  v1::Presence a1 = Entry("y", 1000);
  *a1.mutable_user() = testing::MakeUser(4);
  v1::Presence a2 = Entry("x", 1000);
  *a2.mutable_user() = testing::MakeUser(4);
  for (const auto& p : {b, a1, a2}) ASSERT_TRUE(table.Apply(p, kT0));
  const auto all = table.Select([](const v1::Presence&) { return true; });
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]->session_id(), "x");
  EXPECT_EQ(all[1]->session_id(), "y");
  EXPECT_EQ(all[2]->session_id(), "z");
  table.Clear();
  EXPECT_EQ(table.size(), 0u);
}

}  // namespace
}  // namespace factdesk::model
