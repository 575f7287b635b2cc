#pragma once

#include <string_view>

#include <grpcpp/grpcpp.h>

#include "common/status.h"

namespace factdesk::client {

// How a failed call reads to a person, for the desktop and the command line alike: the
// one place that words call failures.
//
// A failure of the transport (nothing listening, a name that does not resolve, a
// connection that broke) says "cannot reach the server at ADDR (is it running?)". A
// status the server sent keeps the server's own words: UNAVAILABLE "the database is
// unavailable" is the server talking, and hiding it behind "cannot reach the server"
// would send the user to look for a server that is up.

// True when the call failed in the TLS handshake (a certificate the client does not
// trust, a TLS client talking to a plaintext server, a client certificate refused):
// "is the server running?" is then the wrong question.
bool IsTlsHandshakeFailure(const grpc::Status& status);

// True when gRPC's message for the status contains `text` (transport failures are told
// apart by their wording only).
bool MessageContains(const grpc::Status& status, const char* text);

// True when the server took part in the call: it sent initial or trailing metadata
// (factdesk's server sends its request id on every unary call, refusals included).
// Only for a call that has finished (a unary call returned, a stream's Finish()).
bool ServerAnswered(const grpc::ClientContext& ctx);

// True when the status is gRPC's own report that the server could not be reached or
// the connection broke, rather than a status the server sent.
bool IsTransportFailure(const grpc::Status& status, bool server_answered);

// Where the call went, for the words.
struct CallTarget {
  // host:port ("" when unknown: "the server" alone).
  std::string_view address;
  // The channel uses TLS (else a failed connection suggests it might have to).
  bool tls = false;
};

// A failed call as a Status with the same code and a message a person can act on.
Status DescribeFailure(const grpc::Status& status, const CallTarget& target, bool server_answered);

// TLS discovery's finding: the server at `address` speaks TLS with a certificate this
// computer does not trust (`handshake` is the failed TLS attempt); UNAVAILABLE saying to
// give the CA file.
Status UntrustedCertificate(const grpc::Status& handshake, std::string_view address);

// DescribeFailure with no address known and no metadata to look at (streams that keep
// their own context): transport failures are recognised by gRPC's wording alone.
Status FromGrpc(const grpc::Status& status);

}  // namespace factdesk::client
