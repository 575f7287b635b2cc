#include "server/live/shared_event.h"

#include <grpc/slice.h>

namespace factdesk::live {

grpc::Slice SerializeToSlice(const google::protobuf::MessageLite& message) {
  const std::size_t size = message.ByteSizeLong();
  grpc_slice slice = grpc_slice_malloc(size);
  message.SerializeWithCachedSizesToArray(GRPC_SLICE_START_PTR(slice));
  return grpc::Slice(slice, grpc::Slice::STEAL_REF);
}

std::shared_ptr<const SharedEvent> SharedEvent::Encode(v1::Event event) {
  auto shared = std::make_shared<SharedEvent>();
  shared->event = std::move(event);
  shared->bytes = SerializeToSlice(shared->event);
  return shared;
}

}  // namespace factdesk::live
