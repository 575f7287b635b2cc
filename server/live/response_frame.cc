#include "server/live/response_frame.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include "server/live/shared_event.h"

namespace factdesk::live {
namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedOutputStream;

// Field numbers in live.proto.
constexpr int kResponseEvent = v1::SubscribeResponse::kEventFieldNumber;
constexpr int kResponseEvents = v1::SubscribeResponse::kEventsFieldNumber;
constexpr int kBatchEvents = v1::EventBatch::kEventsFieldNumber;

// The tag and length that open a length-delimited field (at most 10 bytes: small
// enough for gRPC to keep inside the slice, no allocation).
grpc::Slice FieldHeader(int field, std::size_t length) {
  std::uint8_t buf[16];
  std::uint8_t* end = CodedOutputStream::WriteVarint32ToArray(
      WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED), buf);
  end = CodedOutputStream::WriteVarint64ToArray(length, end);
  return grpc::Slice(buf, static_cast<std::size_t>(end - buf));
}

std::size_t FieldSize(int field, std::size_t length) {
  const auto tag = WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
  return CodedOutputStream::VarintSize32(tag) + CodedOutputStream::VarintSize64(length) + length;
}

}  // namespace

grpc::ByteBuffer FrameEvents(const std::vector<grpc::Slice>& events,
                             std::vector<grpc::Slice>* scratch) {
  scratch->clear();
  if (events.size() == 1) {
    scratch->push_back(FieldHeader(kResponseEvent, events[0].size()));
    scratch->push_back(events[0]);
  } else {
    std::size_t batch = 0;
    for (const auto& e : events) batch += FieldSize(kBatchEvents, e.size());
    scratch->push_back(FieldHeader(kResponseEvents, batch));
    for (const auto& e : events) {
      scratch->push_back(FieldHeader(kBatchEvents, e.size()));
      scratch->push_back(e);
    }
  }
  return grpc::ByteBuffer(scratch->data(), scratch->size());
}

grpc::ByteBuffer FrameMessage(const v1::SubscribeResponse& response) {
  const grpc::Slice bytes = SerializeToSlice(response);
  return grpc::ByteBuffer(&bytes, 1);
}

}  // namespace factdesk::live
