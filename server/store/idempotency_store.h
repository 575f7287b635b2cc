#pragma once

#include <span>
#include <string>

#include <google/protobuf/message.h>

#include "common/result.h"
#include "server/store/statement.h"

namespace factdesk::store {

class Tx;

// A mutation's idempotency key and what it answers (migrations/0007_idempotency_keys.sql):
// the key is claimed in the mutation's transaction and holds its response.
struct Idempotency {
  std::string key;
  std::string method;
  // SHA-256 of the method and the request's deterministic serialization.
  std::string fingerprint;
  // The RPC's response: recorded at commit, filled from the record on a replay.
  google::protobuf::Message* response = nullptr;
};

std::span<const Statement> IdempotencyStatements();

// Claims the key for this transaction, waiting for a transaction holding it to end.
// true: the key was already used for this very request and `response` now holds its
// answer (nothing is to be written); false: the key is new (or had expired) and is
// now this transaction's. FAILED_PRECONDITION when the key answered a different request.
Result<bool> ClaimIdempotencyKey(Tx& tx, const Idempotency& idempotency);

// Records the response under the claimed key, in the mutation's transaction. A mutation
// that appends an event has it recorded by Tx::WriteEvent's statement instead.
void RecordIdempotentResponse(Tx& tx, const Idempotency& idempotency);

}  // namespace factdesk::store
