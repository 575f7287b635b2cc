#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "domain/field_checks.h"
#include "domain/roles.h"
#include "domain/workflow.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/live.pb.h"
#include "server/rpc/call.h"
#include "server/store/db.h"

namespace factdesk::rpc {

// What a change to a claim sees: the caller's role, the claim as locked and, when the
// rules of the action read its policy (a review, a dispute's decision), the workspace.
struct ClaimContext {
  store::Tx& tx;
  domain::Role role;
  const v1::Claim& claim;
  const std::optional<v1::Workspace>& workspace;
  // The claim as it now stands, which MutateClaim would otherwise read again: set by a
  // change whose last write reads it back (store::ChangeClaimStateAndRead), or that left
  // the row as it was and moved one count it knows (a note or a source added). Exact,
  // since every change to a claim holds its row lock.
  std::optional<v1::Claim> now = std::nullopt;
};

// Runs one change to a claim as one sequenced mutation (invariant 1):
//   claim's workspace -> caller's role allows `action` -> share the workspace row (the
//   seq is taken at commit, Tx::TakeSeqAtCommit) -> lock and read the claim ->
//   `expected_version` matches (else ABORTED with the current claim attached) ->
//   domain::CheckClaimAction (role, state, the claim's facts) -> `change` -> event.
// The claim's row lock orders changes to the claim; the workspace's seq lock is held
// only for the event's statement and the COMMIT.
// `change` writes and returns the event (kind and any extra records); the claim as it
// then stands (read again, or ClaimContext::now) goes into the event and `out`.
// expected_version < 0 skips the version check.
Status MutateClaim(Runtime& rt, Call& call, std::int64_t claim_id, std::int64_t expected_version,
                   domain::Action action,
                   const std::function<Result<v1::Event>(ClaimContext&)>& change, v1::Claim* out);

// ABORTED "claim 7 changed since you read it (you read version 3; it is now version 4)",
// with the current record attached for the client.
Status StaleVersion(Call& call, std::string_view what, std::int64_t id, std::int64_t read,
                    const google::protobuf::Message& current, std::int64_t now);

// "expected_version: must be the version you read (got 0)" unless positive (shared with
// the clients).
using domain::RequireVersion;

}  // namespace factdesk::rpc
