#include "tests/support/health_check.h"

#include <future>

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

namespace factdesk::testing {
namespace {

// HealthCheckRequest { string service = 1; }
grpc::ByteBuffer EncodeRequest(const std::string& service) {
  std::string bytes;
  if (!service.empty()) {
    bytes.push_back(0x0A);  // field 1, length-delimited
    for (std::size_t n = service.size();; n >>= 7U) {
      if (n < 0x80) {
        bytes.push_back(static_cast<char>(n));
        break;
      }
      bytes.push_back(static_cast<char>((n & 0x7FU) | 0x80U));
    }
    bytes += service;
  }
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

// HealthCheckResponse { ServingStatus status = 1; } (absent: 0, UNKNOWN)
std::string DecodeStatus(const grpc::ByteBuffer& buffer) {
  grpc::Slice slice;
  if (!buffer.TrySingleSlice(&slice).ok() && !buffer.DumpToSingleSlice(&slice).ok()) {
    return "error: unreadable response";
  }
  const std::string bytes(reinterpret_cast<const char*>(slice.begin()), slice.size());
  int status = 0;
  if (bytes.size() >= 2 && bytes[0] == 0x08) status = static_cast<unsigned char>(bytes[1]);
  switch (status) {
    case 1:
      return "SERVING";
    case 2:
      return "NOT_SERVING";
    case 3:
      return "SERVICE_UNKNOWN";
    default:
      return "UNKNOWN";
  }
}

}  // namespace

std::string HealthCheck(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                        std::chrono::milliseconds timeout) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + timeout);
  const grpc::ByteBuffer request = EncodeRequest(service);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  const grpc::Status status = done.get_future().get();
  if (!status.ok()) {
    return "error: " + std::to_string(status.error_code()) + " " + status.error_message();
  }
  return DecodeStatus(response);
}

}  // namespace factdesk::testing
