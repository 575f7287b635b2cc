#pragma once

#include <vector>

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

#include "factdesk/v1/live.pb.h"

// SubscribeResponse bytes framed around events already serialized. A protobuf message
// is the concatenation of its fields, so a response holding one `event`, or an
// `events` batch of several, is a few bytes of tags and lengths around the events' own
// bytes: those are shared by reference, never copied or serialized again per stream.
namespace factdesk::live {

// One event as `SubscribeResponse.event`; several as `SubscribeResponse.events`, in
// the order given. `scratch` is reused across calls (it keeps its capacity).
grpc::ByteBuffer FrameEvents(const std::vector<grpc::Slice>& events,
                             std::vector<grpc::Slice>* scratch);

// Any other response (presence, heartbeat), serialized whole.
grpc::ByteBuffer FrameMessage(const v1::SubscribeResponse& response);

}  // namespace factdesk::live
