#include "client/net/call_errors.h"

#include <array>
#include <string>

namespace factdesk::client {
namespace {

// gRPC's own wording when the server is down, unreachable or the connection broke; the
// server never answers UNAVAILABLE with these.
constexpr std::array kTransportWords = {
    "failed to connect",     "Connection refused",   "connections to all backends failing",
    "DNS resolution failed", "Socket closed",        "Failed to pick subchannel",
    "No route to host",      "Connection reset",     "Broken pipe",
    "keepalive watchdog",    "Endpoint read failed", "empty address list"};

std::string TheServer(const CallTarget& target) {
  if (target.address.empty()) return "the server";
  return "the server at " + std::string(target.address);
}

Status Described(const grpc::Status& status, std::string message) {
  return {static_cast<Code>(status.error_code()), std::move(message)};
}

}  // namespace

bool MessageContains(const grpc::Status& status, const char* text) {
  return status.error_message().find(text) != std::string::npos;
}

bool IsTlsHandshakeFailure(const grpc::Status& status) {
  if (status.error_code() != grpc::StatusCode::UNAVAILABLE) return false;
  return MessageContains(status, "andshake failed") || MessageContains(status, "SSL_ERROR_SSL");
}

bool ServerAnswered(const grpc::ClientContext& ctx) {
  return !ctx.GetServerInitialMetadata().empty() || !ctx.GetServerTrailingMetadata().empty();
}

bool IsTransportFailure(const grpc::Status& status, bool server_answered) {
  if (server_answered || status.error_code() != grpc::StatusCode::UNAVAILABLE) return false;
  for (const char* words : kTransportWords) {
    if (MessageContains(status, words)) return true;
  }
  return false;
}

Status DescribeFailure(const grpc::Status& status, const CallTarget& target, bool server_answered) {
  if (status.ok()) return Status::Ok();
  const std::string& said = status.error_message();
  if (IsTlsHandshakeFailure(status)) {
    // A certificate problem is not a server that is down: say what to check.
    return Described(status, "the TLS handshake with " + TheServer(target) +
                                 " failed (does the server use TLS, did the CA given with --ca "
                                 "sign its certificate, and does it want a client "
                                 "certificate?): " +
                                 said);
  }
  if (IsTransportFailure(status, server_answered)) {
    // Over plaintext, a server that wants TLS looks the same as one that is down.
    const bool hint_tls = !target.tls && !target.address.empty();
    return Described(status, "cannot reach " + TheServer(target) +
                                 (hint_tls ? " (is it running? if it uses TLS, use https:// and "
                                             "give its CA file)"
                                           : " (is it running?)"));
  }
  switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED:
      return Described(status, "the token was refused by " + TheServer(target) + ": " + said +
                                   "; check it, or ask an admin for a new one");
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      // The client's own deadline; a server that answered in time has its own words.
      if (!server_answered) return Described(status, TheServer(target) + " did not answer in time");
      break;
    case grpc::StatusCode::UNIMPLEMENTED:
      if (said.empty()) {
        return Described(status, TheServer(target) +
                                     " does not offer this yet (is it older than this "
                                     "client?)");
      }
      break;
    default:
      break;
  }
  if (said.empty()) return Described(status, CodeName(static_cast<Code>(status.error_code())));
  return Described(status, said);
}

Status UntrustedCertificate(const grpc::Status& handshake, std::string_view address) {
  return Status::Unavailable("the server at " + std::string(address) +
                             " uses TLS, and its certificate is not signed by a CA this computer "
                             "trusts: give the CA file that signed it (" +
                             handshake.error_message() + ")");
}

Status FromGrpc(const grpc::Status& status) {
  return DescribeFailure(status, CallTarget{}, false);
}

}  // namespace factdesk::client
