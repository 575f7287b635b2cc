#include "server/rpc/claim_mutation.h"

#include <fmt/format.h>

#include "server/rpc/authorize.h"
#include "server/store/account_store.h"
#include "server/store/claim_store.h"

namespace factdesk::rpc {

Status StaleVersion(Call& call, std::string_view what, std::int64_t id, std::int64_t read,
                    const google::protobuf::Message& current, std::int64_t now) {
  call.AttachCurrent(current);
  return Status::Aborted(fmt::format(
      "{} {} changed since you read it (you read version {}; it is now version {}); the current "
      "{} is attached",
      what, id, read, now, what));
}

Status RequireVersion(std::int64_t expected_version) {
  if (expected_version <= 0) {
    return Status::InvalidArgument(
        "expected_version", fmt::format("must be the version you read (got {})", expected_version));
  }
  return Status::Ok();
}

Status MutateClaim(Runtime& rt, Call& call, std::int64_t claim_id, std::int64_t expected_version,
                   domain::Action action,
                   const std::function<Result<v1::Event>(ClaimContext&)>& change, v1::Claim* out) {
  return rt.db.Write(domain::ActionName(action), call.user_id(), [&](store::Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(const std::int64_t ws, store::ClaimWorkspace(tx, claim_id));
    FD_ASSIGN_OR_RETURN(const domain::Role role, Authorize(tx, ws, call, action));
    FD_RETURN_IF_ERROR(tx.TakeSeq(ws).status());
    FD_ASSIGN_OR_RETURN(const v1::Claim claim, store::GetClaimForUpdate(tx, claim_id));
    if (expected_version >= 0 && claim.version() != expected_version) {
      return StaleVersion(call, "claim", claim_id, expected_version, claim, claim.version());
    }
    FD_RETURN_IF_ERROR(domain::CheckState(ToDomainState(claim.status()), action));
    ClaimContext context{tx, role, claim};
    FD_ASSIGN_OR_RETURN(v1::Event event, change(context));
    FD_ASSIGN_OR_RETURN(*out, store::GetClaim(tx, claim_id));
    event.set_claim_id(claim_id);
    *event.mutable_claim() = *out;
    tx.Append(event);
    return Status::Ok();
  });
}

}  // namespace factdesk::rpc
