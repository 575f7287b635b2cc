#pragma once

#include <memory>

#include <grpcpp/support/slice.h>

#include "factdesk/v1/live.pb.h"

namespace factdesk::live {

// An event with its wire bytes, serialized once and shared by every stream that sends
// it as it is (the bytes are a reference-counted slice: no stream copies them).
struct SharedEvent {
  v1::Event event;
  grpc::Slice bytes;

  static std::shared_ptr<const SharedEvent> Encode(v1::Event event);
};

// A message's wire bytes in one slice of their own.
grpc::Slice SerializeToSlice(const google::protobuf::MessageLite& message);

}  // namespace factdesk::live
