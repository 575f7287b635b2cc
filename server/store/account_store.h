#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/role_change.h"
#include "domain/roles.h"
#include "factdesk/v1/workspace.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> AccountStatements();

// Users (their tokens: token_store.h).
Result<v1::User> CreateUser(Tx& tx, const std::string& handle, const std::string& display_name);
Result<v1::User> FindUser(Tx& tx, const std::string& handle);

// Workspaces. Creating one makes `owner` its admin.
Result<v1::Workspace> CreateWorkspace(Tx& tx, const std::string& slug, const std::string& name,
                                      std::int64_t owner_id);
// A workspace as `user_id` sees it (my_role filled; ROLE_UNSPECIFIED for non-members).
Result<v1::Workspace> GetWorkspace(Tx& tx, std::int64_t workspace_id, std::int64_t user_id);
// The workspace of a claim as GetWorkspace reads it, as one statement of a
// Tx::ExecInOneTrip, and that statement's answer (NOT_FOUND names the claim).
std::string WorkspaceOfClaimStatement(Tx& tx, std::int64_t claim_id, std::int64_t user_id);
Result<v1::Workspace> WorkspaceOfClaimFrom(const pqxx::result& r, std::int64_t claim_id);
Result<v1::Workspace> GetWorkspaceBySlug(Tx& tx, const std::string& slug, std::int64_t user_id);
Result<std::vector<v1::Workspace>> ListWorkspacesOf(Tx& tx, std::int64_t user_id);

// Memberships.
std::optional<domain::Role> RoleOf(Tx& tx, std::int64_t workspace_id, std::int64_t user_id);
// The caller's role, or PERMISSION_DENIED ("you are not a member of workspace N").
Result<domain::Role> RequireMember(Tx& tx, std::int64_t workspace_id, std::int64_t user_id);
Result<v1::Member> SetMember(Tx& tx, std::int64_t workspace_id, std::int64_t user_id,
                             domain::Role role);
Status RemoveMember(Tx& tx, std::int64_t workspace_id, std::int64_t user_id);
Result<std::vector<v1::Member>> ListMembers(Tx& tx, std::int64_t workspace_id);
// Claims still under review (open, in review, disputed) assigned to the user, by id,
// at most `limit`.
std::vector<std::int64_t> OpenAssignments(Tx& tx, std::int64_t workspace_id, std::int64_t user_id,
                                          int limit);
int CountAdmins(Tx& tx, std::int64_t workspace_id);
// What domain::CheckRoleChange needs to judge making `user` `next` in the workspace.
domain::RoleChange ReadRoleChange(Tx& tx, std::int64_t workspace_id, const v1::User& user,
                                  domain::Role next);

// Policy and publisher settings.
Status UpdatePolicy(Tx& tx, std::int64_t workspace_id, const v1::ReviewPolicy& policy);
Status UpdatePublisher(Tx& tx, std::int64_t workspace_id, const v1::Publisher& publisher);

}  // namespace factdesk::store
