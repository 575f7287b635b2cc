#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "client/net/call_errors.h"
#include "common/result.h"
#include "proto/factdesk/v1/metadata.h"

namespace factdesk::client {

// Where and how to reach a server.
struct ConnectionOptions {
  // "host:port", or "https://host:port" for TLS ("http://host:port" is plaintext).
  std::string address;
  std::string token;
  // TLS even for a bare host:port.
  bool tls = false;
  // PEM CA to trust (default: the system's roots).
  std::string ca_file;
  // Client certificate and key for mutual TLS (optional; both or neither; imply TLS).
  std::string cert_file;
  std::string key_file;
};

// A channel with keepalive (a dead server is noticed within about 20 s) and a
// receive limit large enough for exports and transcripts. INVALID_ARGUMENT names a
// bad address, an unreadable CA/certificate file, or a certificate without its key.
// The first call also silences gRPC's own log lines (unless GRPC_VERBOSITY is set), so
// a client's stderr holds only its own messages.
Result<std::shared_ptr<grpc::Channel>> OpenChannel(const ConnectionOptions& options);

// The host:port part of an address ("https://h:1" -> "h:1").
std::string TargetOf(const std::string& address);
bool WantsTls(const ConnectionOptions& options);

// How long a unary call may take unless its caller says otherwise.
inline constexpr std::chrono::milliseconds kDefaultCallTimeout = std::chrono::seconds(30);

// Prepares a call: the bearer token (v1::kAuthorizationKey) and a deadline.
void PrepareContext(grpc::ClientContext& ctx, const std::string& token,
                    std::chrono::milliseconds timeout = kDefaultCallTimeout);

}  // namespace factdesk::client
