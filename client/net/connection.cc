#include "client/net/connection.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <system_error>

#include <grpc/support/log.h>

namespace factdesk::client {
namespace {

constexpr int kMaxReceiveBytes = 64 << 20;

Result<std::string> ReadPem(const char* what, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(
        what, "cannot read " + path + ": " + std::generic_category().message(errno));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// gRPC's own log lines (a failed TLS handshake is logged as an error) would reach the
// user's terminal beside our one-line messages; every failure that matters comes back in
// a call's status anyway. GRPC_VERBOSITY in the environment keeps them, for debugging.
void DropGrpcLog(gpr_log_func_args* /*args*/) {}

void QuietGrpcLogging() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (std::getenv("GRPC_VERBOSITY") == nullptr) gpr_set_log_function(DropGrpcLog);
  });
}

}  // namespace

std::string TargetOf(const std::string& address) {
  for (const char* scheme : {"https://", "http://", "grpcs://", "grpc://"}) {
    if (address.rfind(scheme, 0) == 0) {
      std::string rest = address.substr(std::strlen(scheme));
      if (!rest.empty() && rest.back() == '/') rest.pop_back();
      return rest;
    }
  }
  return address;
}

bool WantsTls(const ConnectionOptions& o) {
  return o.tls || o.address.rfind("https://", 0) == 0 || o.address.rfind("grpcs://", 0) == 0 ||
         !o.ca_file.empty() || !o.cert_file.empty();
}

Result<std::shared_ptr<grpc::Channel>> OpenChannel(const ConnectionOptions& o) {
  QuietGrpcLogging();
  const std::string target = TargetOf(o.address);
  if (target.empty()) return Status::InvalidArgument("server", "give a server address (host:port)");
  if (o.cert_file.empty() != o.key_file.empty()) {
    return Status::InvalidArgument(o.cert_file.empty() ? "key" : "cert",
                                   "a client certificate and its key go together: give both");
  }
  std::shared_ptr<grpc::ChannelCredentials> creds;
  if (WantsTls(o)) {
    grpc::SslCredentialsOptions ssl;
    if (!o.ca_file.empty()) {
      FD_ASSIGN_OR_RETURN(ssl.pem_root_certs, ReadPem("ca", o.ca_file));
    }
    if (!o.cert_file.empty()) {
      FD_ASSIGN_OR_RETURN(ssl.pem_cert_chain, ReadPem("cert", o.cert_file));
      FD_ASSIGN_OR_RETURN(ssl.pem_private_key, ReadPem("key", o.key_file));
    }
    creds = grpc::SslCredentials(ssl);
  } else {
    creds = grpc::InsecureChannelCredentials();
  }
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxReceiveBytes);
  args.SetMaxSendMessageSize(kMaxReceiveBytes);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 10000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  // Reconnect quickly after a server restart (the default backoff grows to 2 minutes).
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  return grpc::CreateCustomChannel(target, creds, args);
}

void PrepareContext(grpc::ClientContext& ctx, const std::string& token,
                    std::chrono::milliseconds timeout) {
  if (!token.empty()) ctx.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token);
  ctx.set_deadline(std::chrono::system_clock::now() + timeout);
}

}  // namespace factdesk::client
