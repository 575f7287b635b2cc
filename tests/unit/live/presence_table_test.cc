// The server's presence table, driven by passed-in times: one entry per user and session,
// expiry, re-announcement of live entries, the cap on sessions per user.
#include "client/model/presence_table.h"

#include <gtest/gtest.h>

#include "server/live/presence.h"

namespace factdesk::live {
namespace {

using namespace std::chrono_literals;
using Clock = PresenceTable::Clock;

const Clock::time_point kT0 = Clock::time_point(1000s);
constexpr std::int64_t kWs = 3;

v1::Presence Heartbeat(std::int64_t user, const std::string& session, std::int64_t segment) {
  v1::Presence p;
  p.mutable_user()->set_id(user);
  p.mutable_user()->set_handle("user" + std::to_string(user));
  p.set_session_id(session);
  p.set_segment_id(segment);
  p.set_activity(v1::ACTIVITY_READING);
  p.set_online(true);
  return p;
}

PresenceOptions Options() {
  return {.ttl = 30s, .refresh = 10s, .max_sessions_per_user = 3};
}

TEST(ServerPresenceTable, ANewOrMovedEntryIsToldAHeartbeatInPlaceIsNot) {
  PresenceTable table(Options());
  EXPECT_EQ(table.Apply(kWs, Heartbeat(1, "laptop", 5), kT0).size(), 1U);
  EXPECT_TRUE(table.Apply(kWs, Heartbeat(1, "laptop", 5), kT0 + 1s).empty());
  const auto moved = table.Apply(kWs, Heartbeat(1, "laptop", 6), kT0 + 2s);
  ASSERT_EQ(moved.size(), 1U);
  EXPECT_EQ(moved[0].segment_id(), 6);
  EXPECT_EQ(table.size(), 1U);
}

TEST(ServerPresenceTable, SessionsOfDifferentUsersWithOneNameAreDifferentEntries) {
  PresenceTable table(Options());
  table.Apply(kWs, Heartbeat(1, "laptop", 5), kT0);
  table.Apply(kWs, Heartbeat(2, "laptop", 9), kT0);
  EXPECT_EQ(table.Snapshot(kWs).size(), 2U);
  v1::Presence leaving = Heartbeat(2, "laptop", 9);
  leaving.set_online(false);
  EXPECT_EQ(table.Apply(kWs, leaving, kT0 + 1s).size(), 1U);
  const auto left = table.Snapshot(kWs);
  ASSERT_EQ(left.size(), 1U);
  EXPECT_EQ(left[0].user().id(), 1);
}

// Issue 12.1: heartbeats at the same place are never news, so without re-announcement a
// client (which drops what it has not heard of for 35 s) lost people who were there.
TEST(ServerPresenceTable, LiveEntriesAreAnnouncedAgainEveryRefreshWhileHeartbeatsFlow) {
  PresenceTable table(Options());
  table.Apply(kWs, Heartbeat(1, "laptop", 5), kT0);
  EXPECT_TRUE(table.DueForRefresh(kT0 + 9s).empty());
  int announced = 0;
  // Three times the clients' old 35 s, heartbeats every 10 s.
  for (auto t = kT0 + 1s; t <= kT0 + 105s; t += 1s) {
    if ((t - kT0) % 10s == 0s) table.Apply(kWs, Heartbeat(1, "laptop", 5), t);
    EXPECT_TRUE(table.Expire(t).empty());
    for (const auto& [ws, p] : table.DueForRefresh(t)) {
      EXPECT_EQ(ws, kWs);
      EXPECT_TRUE(p.online());
      ++announced;
    }
  }
  EXPECT_EQ(announced, 10);  // at 10, 20, ... 100 s
}

// Issue 12.1 end to end, on passed-in clocks: a client (the desktop's model, which drops
// an entry 35 s after it last heard of it) fed what the server announces keeps a user
// with heartbeats flowing for three times its expiry, and drops them within the server's
// expiry once their client is killed.
TEST(ServerPresenceTable, AClientKeepsWhoIsThereAndDropsWhoWasKilled) {
  PresenceTable server(Options());
  model::PresenceTable client;
  const auto wall = model::PresenceTable::Clock::time_point(std::chrono::seconds(1700000000));
  const auto tell = [&](const v1::Presence& p, Clock::duration at) {
    client.Apply(p, wall + std::chrono::duration_cast<std::chrono::seconds>(at));
  };
  const auto tick = [&](Clock::duration at) {
    for (const auto& [ws, p] : server.Expire(kT0 + at)) tell(p, at);
    for (const auto& [ws, p] : server.DueForRefresh(kT0 + at)) tell(p, at);
    client.Expire(wall + std::chrono::duration_cast<std::chrono::seconds>(at));
  };
  const auto beat = [&](Clock::duration at) {
    v1::Presence p = Heartbeat(1, "laptop", 5);
    p.mutable_updated_at()->set_seconds(1700000000 + (at / 1s));
    for (const auto& told : server.Apply(kWs, p, kT0 + at)) tell(told, at);
  };
  auto t = 0s;
  for (; t <= 3 * model::PresenceTable::kExpiry; t += 1s) {
    if (t % 10s == 0s) beat(t);
    tick(t);
    ASSERT_NE(client.Find("laptop"), nullptr) << "dropped at " << t.count() << " s";
  }
  const auto killed = t;
  for (; client.Find("laptop") != nullptr && t < killed + 120s; t += 1s) tick(t);
  EXPECT_LE(t - killed, Options().ttl + 1s);
}

TEST(ServerPresenceTable, AnEntryIsGoneOneTtlAfterItsLastHeartbeat) {
  PresenceTable table(Options());
  table.Apply(kWs, Heartbeat(1, "laptop", 5), kT0);
  table.Apply(kWs, Heartbeat(1, "laptop", 5), kT0 + 10s);  // then the client is killed
  EXPECT_TRUE(table.Expire(kT0 + 40s).empty());
  const auto gone = table.Expire(kT0 + 40s + 1ms);
  ASSERT_EQ(gone.size(), 1U);
  EXPECT_FALSE(gone[0].second.online());
  EXPECT_EQ(gone[0].second.session_id(), "laptop");
  EXPECT_TRUE(table.DueForRefresh(kT0 + 60s).empty());
  EXPECT_EQ(table.size(), 0U);
}

// Issue 17.1: one user inventing session ids cannot grow the table.
TEST(ServerPresenceTable, ANewSessionBeyondTheCapPushesOutTheOneHeardFromLongestAgo) {
  PresenceTable table(Options());
  table.Apply(kWs, Heartbeat(2, "other", 1), kT0);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(table.Apply(kWs, Heartbeat(1, "s" + std::to_string(i), 1), kT0 + i * 1s).size(), 1U);
  }
  table.Apply(kWs, Heartbeat(1, "s0", 1), kT0 + 5s);  // s0 is fresh again: s1 is the oldest
  const auto told = table.Apply(kWs, Heartbeat(1, "s3", 1), kT0 + 6s);
  ASSERT_EQ(told.size(), 2U);
  EXPECT_EQ(told[0].session_id(), "s1");
  EXPECT_FALSE(told[0].online());
  EXPECT_EQ(told[1].session_id(), "s3");
  for (int i = 4; i < 20000; ++i) table.Apply(kWs, Heartbeat(1, "s" + std::to_string(i), 1), kT0);
  EXPECT_EQ(table.size(), 4U);  // three of user 1, one of user 2
}

TEST(ServerPresenceTable, PayloadRoundTrips) {
  std::int64_t ws = 0;
  v1::Presence decoded;
  ASSERT_TRUE(DecodePresence(EncodePresence(kWs, Heartbeat(1, "laptop", 5)), &ws, &decoded));
  EXPECT_EQ(ws, kWs);
  EXPECT_EQ(decoded.session_id(), "laptop");
  EXPECT_FALSE(DecodePresence("x:{}", &ws, &decoded));
  EXPECT_FALSE(DecodePresence("12", &ws, &decoded));
}

}  // namespace
}  // namespace factdesk::live
