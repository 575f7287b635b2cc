#include "client/net/tls_discovery.h"

#include "client/net/call_errors.h"
#include "factdesk/v1/workspace.grpc.pb.h"

namespace factdesk::client {
namespace {

// What the server said to WhoAmI, if anything.
struct Answer {
  grpc::Status status;
  bool answered = false;
};

// Any answer from the server, even UNAUTHENTICATED or UNAVAILABLE (its database is
// down), proves the transport works.
Answer Ask(const std::shared_ptr<grpc::Channel>& channel, const ConnectionOptions& options,
           std::chrono::milliseconds timeout) {
  grpc::ClientContext ctx;
  PrepareContext(ctx, options.token, timeout);
  v1::WhoAmIResponse response;
  Answer answer;
  answer.status =
      v1::WorkspaceService::NewStub(channel)->WhoAmI(&ctx, v1::WhoAmIRequest(), &response);
  answer.answered = ServerAnswered(ctx);
  return answer;
}

bool Reached(const Answer& answer) {
  const grpc::StatusCode code = answer.status.error_code();
  return answer.answered ||
         (code != grpc::StatusCode::UNAVAILABLE && code != grpc::StatusCode::DEADLINE_EXCEEDED);
}

}  // namespace

bool TransportIsExplicit(const ConnectionOptions& o) {
  return WantsTls(o) || TargetOf(o.address) != o.address;
}

Result<DiscoveredChannel> OpenChannelFindingTls(const ConnectionOptions& options,
                                                std::chrono::milliseconds timeout) {
  FD_ASSIGN_OR_RETURN(auto plain, OpenChannel(options));
  if (TransportIsExplicit(options)) return DiscoveredChannel{plain, options};
  const Answer plain_answer = Ask(plain, options, timeout);
  const grpc::Status& plain_status = plain_answer.status;
  // Refused or unresolvable: nobody is there to speak TLS either.
  if (Reached(plain_answer) || MessageContains(plain_status, "Connection refused") ||
      MessageContains(plain_status, "DNS resolution failed")) {
    return DiscoveredChannel{plain, options};
  }
  ConnectionOptions secure = options;
  secure.tls = true;
  FD_ASSIGN_OR_RETURN(auto tls, OpenChannel(secure));
  const Answer tls_answer = Ask(tls, secure, timeout);
  const grpc::Status& tls_status = tls_answer.status;
  if (Reached(tls_answer)) return DiscoveredChannel{tls, secure};
  // "wrong version number": the server answered the handshake in plaintext, so TLS is
  // not the problem; anything else in the handshake means it does speak TLS.
  if (IsTlsHandshakeFailure(tls_status) && !MessageContains(tls_status, "wrong version number")) {
    return UntrustedCertificate(tls_status, TargetOf(options.address));
  }
  return DiscoveredChannel{plain, options};
}

}  // namespace factdesk::client
