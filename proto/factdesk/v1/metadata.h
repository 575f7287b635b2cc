#pragma once

// The gRPC metadata of the factdesk.v1 contract, named once for the server, both clients
// and the tests. Plain constants: no gRPC or protobuf needed to include this.
namespace factdesk::v1 {

// Request metadata on every call but health checking: "Bearer <token>".
inline constexpr char kAuthorizationKey[] = "authorization";
inline constexpr char kBearerPrefix[] = "Bearer ";

// Request metadata (optional) and the response's initial metadata: the id the server
// logs the request under; a client may choose it (printable ASCII, at most 64 bytes).
inline constexpr char kRequestIdKey[] = "x-request-id";

// Request metadata (optional) on every mutation: a key the client makes for one user
// action and sends again with each retry of it, so the server applies the action once
// and answers every retry with the first response (printable ASCII, 1 to 128 bytes; a
// UUID will do). Kept for 24 hours per user; reused for a different request it is
// refused FAILED_PRECONDITION.
inline constexpr char kIdempotencyKey[] = "idempotency-key";

// Response trailer of an update refused ABORTED as stale: the record as it now stands,
// a serialized message of the record's type (binary, hence the -bin suffix).
inline constexpr char kCurrentRecordKey[] = "factdesk-current-bin";

// Response trailer of a Subscribe stream ended RESOURCE_EXHAUSTED (a subscriber too
// slow to keep up): the decimal seq to pass as after_seq when subscribing again.
inline constexpr char kResumeAfterSeqKey[] = "factdesk-resume-after-seq";

}  // namespace factdesk::v1
