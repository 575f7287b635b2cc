#include "server/store/claim_link_store.h"

#include <array>

#include <fmt/format.h>

#include "server/store/rows.h"

namespace factdesk::store {
namespace {

constexpr std::array kClaimLinkStatements = {
    Statement{"claim_link.check_exists",
              "SELECT 1 AS found FROM archived_checks "
              "WHERE id = $1 AND workspace_id = $2 AND removed_at IS NULL",
              RowsAs<Column<"found">>},
    Statement{"claim_link.claim_exists",
              "SELECT 1 AS found FROM claims WHERE id = $1 AND workspace_id = $2",
              RowsAs<Column<"found">>},
    Statement{
        "claim_link.set",
        "UPDATE claims SET linked_check_id = nullif($2::bigint, 0), "
        "  linked_claim_id = nullif($3::bigint, 0), "
        "  linked_by = CASE WHEN $2::bigint = 0 AND $3::bigint = 0 THEN NULL ELSE $4::bigint END, "
        "  linked_at = CASE WHEN $2::bigint = 0 AND $3::bigint = 0 THEN NULL ELSE now() END, "
        "  version = version + 1, updated_at = now() WHERE id = $1"},
};

}  // namespace

std::span<const Statement> ClaimLinkStatements() {
  return kClaimLinkStatements;
}

Status CheckLinkTarget(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id,
                       const LinkTarget& target) {
  if (target.check_id != 0) {
    if (tx.Exec("claim_link.check_exists", target.check_id, workspace_id).empty()) {
      return Status::NotFound(
          fmt::format("there is no archived check {} in this workspace", target.check_id));
    }
    return Status::Ok();
  }
  if (target.claim_id == claim_id) {
    return Status::InvalidArgument("claim_id", "a claim cannot be the same claim as itself");
  }
  if (tx.Exec("claim_link.claim_exists", target.claim_id, workspace_id).empty()) {
    return Status::NotFound(fmt::format("there is no claim {} in this workspace", target.claim_id));
  }
  return Status::Ok();
}

void SetClaimLink(Tx& tx, std::int64_t claim_id, const LinkTarget& target, std::int64_t user_id) {
  tx.Exec("claim_link.set", claim_id, target.check_id, target.claim_id, user_id);
}

}  // namespace factdesk::store
