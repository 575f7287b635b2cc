#include "server/rpc/authorize.h"

#include "server/store/account_store.h"

namespace factdesk::rpc {

Result<domain::Role> Authorize(store::Tx& tx, std::int64_t workspace_id, const Call& call,
                               domain::Action action) {
  FD_ASSIGN_OR_RETURN(const domain::Role role,
                      store::RequireMember(tx, workspace_id, call.user_id()));
  FD_RETURN_IF_ERROR(domain::CheckRole(role, action));
  return role;
}

v1::Event NewEvent(v1::EventKind kind, std::int64_t claim_id) {
  v1::Event event;
  event.set_kind(kind);
  event.set_claim_id(claim_id);
  return event;
}

}  // namespace factdesk::rpc
