#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <google/protobuf/message.h>
#include <pqxx/connection_base>
#include <pqxx/result>

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

// The statement that claims the key for a transaction, waiting for a transaction
// holding it to end; Db::Write sends it with the BEGIN. Its result goes to
// AnswerOfClaimedKey.
std::string ClaimKeyStatement(pqxx::connection_base& conn, std::int64_t user_id,
                              const Idempotency& idempotency);

// What the claim's result `claimed` means. false: the key was new (or had expired) and is
// now this transaction's. true: the key was already used for this very request and
// `response` now holds its answer (nothing is to be written). FAILED_PRECONDITION when
// the key answered a different request.
Result<bool> AnswerOfClaimedKey(Tx& tx, const Idempotency& idempotency,
                                const pqxx::result& claimed);

// The statement that records the response under the claimed key, sent with the
// mutation's COMMIT. A mutation that appends an event has it recorded by
// Tx::EventStatement's statement instead.
std::string RecordResponseStatement(Tx& tx, const Idempotency& idempotency);

}  // namespace factdesk::store
