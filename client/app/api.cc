#include "client/app/api.h"

namespace factdesk::app {

Api::Api(std::shared_ptr<grpc::Channel> channel, std::string token, std::string address)
    : channel_(std::move(channel)),
      token_(std::move(token)),
      address_(std::move(address)),
      stubs_(v1::WorkspaceService::NewStub(channel_), v1::TranscriptService::NewStub(channel_),
             v1::ClaimService::NewStub(channel_), v1::SourceService::NewStub(channel_),
             v1::NoteService::NewStub(channel_), v1::ReviewService::NewStub(channel_),
             v1::LiveService::NewStub(channel_), v1::DashboardService::NewStub(channel_)) {}

Status Api::Error(const grpc::Status& status) const {
  const auto code = static_cast<Code>(status.error_code());
  const std::string& m = status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      // A certificate problem is not a server that is down: say what failed.
      if (client::IsTlsHandshakeFailure(status)) return client::FromGrpc(status);
      return {code, "cannot reach the server at " + address_ + " (is it running?)"};
    case grpc::StatusCode::UNAUTHENTICATED:
      return {code, "the token was refused by " + address_ +
                        " (check it, or ask an admin for a new one)"};
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return {code, "the server at " + address_ + " did not answer in time"};
    case grpc::StatusCode::PERMISSION_DENIED:
      return {code, "not allowed: " + m};
    default:
      return {code, m.empty() ? std::string(CodeName(code)) : m};
  }
}

}  // namespace factdesk::app
