// The one wording of failed calls (client/net/call_errors): gRPC's own transport failures
// against statuses the server sent, as gRPC hands them to the client.
#include "client/net/call_errors.h"

#include <gtest/gtest.h>

namespace factdesk::client {
namespace {

const CallTarget kPlain{"db.example:7420", false};
const CallTarget kTls{"db.example:7420", true};

// gRPC 1.51's words for a port nobody listens on.
const grpc::Status kRefused(grpc::StatusCode::UNAVAILABLE,
                            "failed to connect to all addresses; last error: UNKNOWN: "
                            "ipv4:127.0.0.1:1: Failed to connect to remote host: Connection "
                            "refused");

TEST(CallErrorsTest, ATransportFailureCannotReachTheServer) {
  EXPECT_EQ(DescribeFailure(kRefused, kPlain, false),
            Status(Code::kUnavailable,
                   "cannot reach the server at db.example:7420 (is it running? if it uses TLS, "
                   "use https:// and give its CA file)"));
  EXPECT_EQ(
      DescribeFailure(kRefused, kTls, false),
      Status(Code::kUnavailable, "cannot reach the server at db.example:7420 (is it running?)"));
  const grpc::Status dns(grpc::StatusCode::UNAVAILABLE,
                         "DNS resolution failed for nowhere.invalid:7420: C-ares status is not "
                         "ARES_SUCCESS");
  EXPECT_EQ(DescribeFailure(dns, kTls, false).message(),
            "cannot reach the server at db.example:7420 (is it running?)");
  EXPECT_EQ(FromGrpc(kRefused),
            Status(Code::kUnavailable, "cannot reach the server (is it running?)"));
}

TEST(CallErrorsTest, TheServersOwnUnavailableKeepsItsWords) {
  const grpc::Status db_down(grpc::StatusCode::UNAVAILABLE,
                             "the database is unavailable (error id 0123456789ab)");
  EXPECT_EQ(DescribeFailure(db_down, kPlain, true),
            Status(Code::kUnavailable, "the database is unavailable (error id 0123456789ab)"));
  // Without the metadata to go by (a stream's FromGrpc), gRPC's wording alone decides.
  EXPECT_EQ(FromGrpc(db_down).message(), "the database is unavailable (error id 0123456789ab)");
  // Whatever the words, a status that came with the server's metadata is the server's.
  EXPECT_EQ(DescribeFailure(grpc::Status(grpc::StatusCode::UNAVAILABLE, "Connection refused"),
                            kPlain, true)
                .message(),
            "Connection refused");
  EXPECT_FALSE(IsTransportFailure(db_down, false));
  EXPECT_TRUE(IsTransportFailure(kRefused, false));
  EXPECT_FALSE(IsTransportFailure(kRefused, true));
}

TEST(CallErrorsTest, AFailedHandshakeSaysWhatToCheck) {
  const grpc::Status handshake(grpc::StatusCode::UNAVAILABLE,
                               "failed to connect to all addresses; last error: UNKNOWN: "
                               "ipv4:127.0.0.1:7420: Ssl handshake failed: SSL_ERROR_SSL: "
                               "CERTIFICATE_VERIFY_FAILED");
  ASSERT_TRUE(IsTlsHandshakeFailure(handshake));
  const Status s = DescribeFailure(handshake, kTls, false);
  EXPECT_EQ(s.code(), Code::kUnavailable);
  EXPECT_EQ(s.message().rfind("the TLS handshake with the server at db.example:7420 failed (does "
                              "the server use TLS, did the CA given with --ca sign its "
                              "certificate, and does it want a client certificate?): ",
                              0),
            0U)
      << s.message();
  EXPECT_NE(s.message().find("CERTIFICATE_VERIFY_FAILED"), std::string::npos);
  EXPECT_EQ(
      UntrustedCertificate(handshake, "db.example:7420")
          .message()
          .rfind("the server at db.example:7420 uses TLS, and its certificate is not signed by a "
                 "CA this computer trusts: give the CA file that signed it (",
                 0),
      0U);
}

TEST(CallErrorsTest, TokensDeadlinesAndOldServers) {
  EXPECT_EQ(DescribeFailure(grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                                         "the token is not valid (unknown or revoked)"),
                            kPlain, true),
            Status(Code::kUnauthenticated,
                   "the token was refused by the server at db.example:7420: the token is not "
                   "valid (unknown or revoked); check it, or ask an admin for a new one"));
  const grpc::Status late(grpc::StatusCode::DEADLINE_EXCEEDED, "Deadline Exceeded");
  EXPECT_EQ(
      DescribeFailure(late, kPlain, false),
      Status(Code::kDeadlineExceeded, "the server at db.example:7420 did not answer in time"));
  const grpc::Status slow_db(grpc::StatusCode::DEADLINE_EXCEEDED,
                             "the database took too long (error id 0123456789ab)");
  EXPECT_EQ(DescribeFailure(slow_db, kPlain, true).message(), slow_db.error_message());
  EXPECT_EQ(DescribeFailure(grpc::Status(grpc::StatusCode::UNIMPLEMENTED, ""), kPlain, false),
            Status(Code::kUnimplemented,
                   "the server at db.example:7420 does not offer this yet (is it older than this "
                   "client?)"));
  EXPECT_EQ(DescribeFailure(grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                                         "checking a claim needs the checker role"),
                            kPlain, true),
            Status(Code::kPermissionDenied, "checking a claim needs the checker role"));
  EXPECT_EQ(DescribeFailure(grpc::Status(grpc::StatusCode::INTERNAL, ""), kPlain, true),
            Status(Code::kInternal, "INTERNAL"));
  EXPECT_TRUE(DescribeFailure(grpc::Status::OK, kPlain, true).ok());
}

}  // namespace
}  // namespace factdesk::client
