#include "client/cli/precheck.h"

#include "proto/claim_checks.h"

namespace factdesk::cli {

Status Precheck(CommandClient& api, const v1::Claim& claim, domain::Action action,
                std::optional<std::int64_t> sent_version,
                std::optional<std::vector<domain::Vote>> votes) {
  if (sent_version && *sent_version != claim.version()) return Status::Ok();
  FD_ASSIGN_OR_RETURN(const v1::Workspace workspace, api.WorkspaceById(claim.workspace_id()));
  return v1::CheckClaimAction(workspace, claim, action, std::move(votes));
}

}  // namespace factdesk::cli
