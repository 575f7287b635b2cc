#include "client/net/tls_discovery.h"

#include "factdesk/v1/workspace.grpc.pb.h"

namespace factdesk::client {
namespace {

// Any answer from the server, even UNAUTHENTICATED, proves the transport works.
grpc::Status Ask(const std::shared_ptr<grpc::Channel>& channel, const ConnectionOptions& options,
                 std::chrono::milliseconds timeout) {
  grpc::ClientContext ctx;
  PrepareContext(ctx, options.token, timeout);
  v1::WhoAmIResponse response;
  return v1::WorkspaceService::NewStub(channel)->WhoAmI(&ctx, v1::WhoAmIRequest(), &response);
}

bool Reached(const grpc::Status& status) {
  return status.error_code() != grpc::StatusCode::UNAVAILABLE &&
         status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED;
}

bool Contains(const grpc::Status& status, const char* text) {
  return status.error_message().find(text) != std::string::npos;
}

}  // namespace

bool TransportIsExplicit(const ConnectionOptions& o) {
  return WantsTls(o) || TargetOf(o.address) != o.address;
}

Result<DiscoveredChannel> OpenChannelFindingTls(const ConnectionOptions& options,
                                                std::chrono::milliseconds timeout) {
  FD_ASSIGN_OR_RETURN(auto plain, OpenChannel(options));
  if (TransportIsExplicit(options)) return DiscoveredChannel{plain, options};
  const grpc::Status plain_status = Ask(plain, options, timeout);
  // Refused or unresolvable: nobody is there to speak TLS either.
  if (Reached(plain_status) || Contains(plain_status, "Connection refused") ||
      Contains(plain_status, "DNS resolution failed")) {
    return DiscoveredChannel{plain, options};
  }
  ConnectionOptions secure = options;
  secure.tls = true;
  FD_ASSIGN_OR_RETURN(auto tls, OpenChannel(secure));
  const grpc::Status tls_status = Ask(tls, secure, timeout);
  if (Reached(tls_status)) return DiscoveredChannel{tls, secure};
  // "wrong version number": the server answered the handshake in plaintext, so TLS is
  // not the problem; anything else in the handshake means it does speak TLS.
  if (IsTlsHandshakeFailure(tls_status) && !Contains(tls_status, "wrong version number")) {
    return Status::Unavailable(
        "the server at " + TargetOf(options.address) +
        " uses TLS, and its certificate is not signed by a CA this computer trusts: give "
        "the CA file that signed it (" +
        tls_status.error_message() + ")");
  }
  return DiscoveredChannel{plain, options};
}

}  // namespace factdesk::client
