// The events channel's NOTIFY payload, as replicas of this and the previous version send it.
#include <gtest/gtest.h>

#include "server/live/listener.h"

namespace factdesk::live {
namespace {

TEST(EventPayload, CarriesTheWorkspaceTheSeqAndTheKind) {
  const auto n = ParseEventPayload("12:3456:claim.created");
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->workspace_id, 12);
  EXPECT_EQ(n->seq, 3456);
  EXPECT_EQ(n->kind, "claim.created");
}

// A replica built before the kind was sent still wakes this one's feeds and workers.
TEST(EventPayload, APayloadWithoutAKindFromAnOlderReplicaIsRead) {
  const auto n = ParseEventPayload("7:8");
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->workspace_id, 7);
  EXPECT_EQ(n->seq, 8);
  EXPECT_TRUE(n->kind.empty());
}

TEST(EventPayload, MalformedPayloadsAreRefused) {
  for (const char* bad : {"", ":", "7", "7:", ":8", "x:8", "7:y", "7:8:", "7;8", "7:8x"}) {
    EXPECT_FALSE(ParseEventPayload(bad).has_value()) << '"' << bad << '"';
  }
}

}  // namespace
}  // namespace factdesk::live
