// SubscribeResponse bytes framed around events serialized once (server/live): a client
// parsing them must read exactly what protobuf itself would have sent.
#include "server/live/response_frame.h"

#include <string>
#include <vector>

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "server/live/shared_event.h"

namespace factdesk::live {
namespace {

using google::protobuf::util::MessageDifferencer;

std::string BytesOf(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  EXPECT_TRUE(buffer.Dump(&slices).ok());
  std::string all;
  for (const auto& s : slices) all.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return all;
}

v1::Event ClaimEvent(std::int64_t seq, std::size_t text_bytes) {
  v1::Event e;
  e.set_workspace_id(7);
  e.set_seq(seq);
  e.set_kind(v1::EVENT_KIND_CLAIM_CREATED);
  e.mutable_actor()->set_handle("ana");
  e.mutable_claim()->set_id(100 + seq);
  e.mutable_claim()->set_quote(std::string(text_bytes, 'x'));
  return e;
}

std::vector<grpc::Slice> Encoded(const std::vector<v1::Event>& events) {
  std::vector<grpc::Slice> slices;
  for (const auto& e : events) slices.push_back(SharedEvent::Encode(e)->bytes);
  return slices;
}

TEST(ResponseFrameTest, OneEventIsTheResponseProtobufWouldSend) {
  const v1::Event event = ClaimEvent(3, 40);
  std::vector<grpc::Slice> scratch;
  const std::string framed = BytesOf(FrameEvents(Encoded({event}), &scratch));

  v1::SubscribeResponse expected;
  *expected.mutable_event() = event;
  EXPECT_EQ(framed, expected.SerializeAsString());
  v1::SubscribeResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(framed));
  EXPECT_TRUE(MessageDifferencer::Equals(parsed, expected)) << parsed.DebugString();
}

// Small, empty and large events: lengths of one, two and three varint bytes, in the
// events and in the batch around them.
TEST(ResponseFrameTest, ABatchOfSeveralEventsDecodesToTheSameEventBatchInOrder) {
  const std::vector<v1::Event> events = {ClaimEvent(4, 10), v1::Event(), ClaimEvent(6, 300),
                                         ClaimEvent(7, 70000)};
  std::vector<grpc::Slice> scratch;
  const std::string framed = BytesOf(FrameEvents(Encoded(events), &scratch));

  v1::SubscribeResponse expected;
  for (const auto& e : events) *expected.mutable_events()->add_events() = e;
  EXPECT_EQ(framed, expected.SerializeAsString());
  v1::SubscribeResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(framed));
  ASSERT_EQ(parsed.item_case(), v1::SubscribeResponse::kEvents);
  ASSERT_EQ(parsed.events().events_size(), 4);
  EXPECT_TRUE(MessageDifferencer::Equals(parsed, expected));
}

TEST(ResponseFrameTest, TheSharedBytesAreReferencedNotCopied) {
  const auto shared = SharedEvent::Encode(ClaimEvent(9, 5000));
  std::vector<grpc::Slice> scratch;
  const grpc::ByteBuffer first = FrameEvents({shared->bytes}, &scratch);
  const grpc::ByteBuffer second = FrameEvents({shared->bytes, shared->bytes}, &scratch);
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(second.Dump(&slices).ok());
  // Both events are the cached slice itself (gRPC may merge the small headers).
  int shared_slices = 0;
  for (const auto& s : slices) shared_slices += s.begin() == shared->bytes.begin() ? 1 : 0;
  EXPECT_EQ(shared_slices, 2);
  EXPECT_NE(BytesOf(first), BytesOf(second));
}

TEST(ResponseFrameTest, PresenceAndHeartbeatsAreSerializedWhole) {
  v1::SubscribeResponse response;
  response.mutable_heartbeat()->set_last_seq(42);
  v1::SubscribeResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(BytesOf(FrameMessage(response))));
  EXPECT_EQ(parsed.heartbeat().last_seq(), 42);
}

}  // namespace
}  // namespace factdesk::live
