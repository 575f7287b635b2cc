#include "client/net/api_client.h"

#include <cstdio>
#include <random>

namespace factdesk::client {

std::string NewIdempotencyKey() {
  std::random_device device;
  std::uniform_int_distribution<std::uint64_t> bits;
  // Two draws of 64 bits: keys of different actions never meet in practice.
  char key[33];
  std::snprintf(key, sizeof key, "%016llx%016llx", static_cast<unsigned long long>(bits(device)),
                static_cast<unsigned long long>(bits(device)));
  return key;
}

bool IsRetryable(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::UNAVAILABLE ||
         status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

std::string TrailerOf(const grpc::ClientContext& ctx, const char* key) {
  const auto& trailers = ctx.GetServerTrailingMetadata();
  const auto it = trailers.find(key);
  if (it == trailers.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

Result<std::unique_ptr<ApiClient>> ApiClient::Open(const ConnectionOptions& options) {
  FD_ASSIGN_OR_RETURN(auto channel, OpenChannel(options));
  return std::make_unique<ApiClient>(std::move(channel), options);
}

ApiClient::ApiClient(std::shared_ptr<grpc::Channel> channel, ConnectionOptions options)
    : channel_(std::move(channel)),
      options_(std::move(options)),
      stubs_(v1::WorkspaceService::NewStub(channel_), v1::TranscriptService::NewStub(channel_),
             v1::ClaimService::NewStub(channel_), v1::SourceService::NewStub(channel_),
             v1::NoteService::NewStub(channel_), v1::ReviewService::NewStub(channel_),
             v1::DashboardService::NewStub(channel_), v1::LiveService::NewStub(channel_),
             v1::ExportService::NewStub(channel_), v1::TokenService::NewStub(channel_),
             v1::ArchiveService::NewStub(channel_), v1::SuggestionService::NewStub(channel_)) {}

std::unique_ptr<grpc::ClientContext> ApiClient::StreamContext(
    std::chrono::milliseconds timeout) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  PrepareContext(*ctx, options_.token, timeout);
  return ctx;
}

Status ApiClient::Error(const grpc::Status& status, const grpc::ClientContext* ctx) const {
  const std::string target = address();
  const bool answered = ctx != nullptr && ServerAnswered(*ctx);
  return DescribeFailure(status, CallTarget{target, WantsTls(options_)}, answered);
}

}  // namespace factdesk::client
