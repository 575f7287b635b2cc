#pragma once

#include <chrono>
#include <memory>

#include <grpcpp/grpcpp.h>

#include "client/net/connection.h"
#include "common/result.h"

namespace factdesk::client {

struct DiscoveredChannel {
  std::shared_ptr<grpc::Channel> channel;
  // The options the channel was opened with: `tls` is set when the server turned out
  // to speak TLS, so a client can remember the server as such.
  ConnectionOptions options;
};

// True when the address or the options already say plaintext or TLS (a scheme,
// --tls, a CA file or a client certificate): nothing to find out.
bool TransportIsExplicit(const ConnectionOptions& options);

// Opens a channel the way the server wants it. For a bare host:port it asks the
// server (WhoAmI) in plaintext first; when the transport fails in a way a TLS-only
// server causes, it asks again over TLS with the system's roots, and keeps whichever
// the server answered. A server that speaks TLS with a certificate this machine does
// not trust is UNAVAILABLE with a message that says to give its CA file. A server that
// is down yields the plaintext channel: the caller's first call reports it as usual.
Result<DiscoveredChannel> OpenChannelFindingTls(
    const ConnectionOptions& options, std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace factdesk::client
