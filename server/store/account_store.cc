#include "server/store/account_store.h"

#include <array>

#include <fmt/format.h>

#include "proto/domain_enums.h"
#include "proto/enum_text.h"
#include "server/store/rows.h"
#include "server/store/scale_store.h"

namespace factdesk::store {
namespace {

// A workspace row, with the caller's role in it (NULL for non-members).
struct WorkspaceColumns {
  explicit WorkspaceColumns(ColumnLookup& c)
      : id(c("id")),
        slug(c("slug")),
        name(c("name")),
        last_seq(c("last_seq")),
        created_at(c("created_at")),
        required_reviews(c("required_reviews")),
        require_source(c("require_source")),
        dispute_rule(c("dispute_rule")),
        publisher_name(c("publisher_name")),
        publisher_url(c("publisher_url")),
        claim_url_prefix(c("claim_url_prefix")),
        scale_id(c("scale_id")),
        scale_labels(c("scale_labels")),
        my_role(c("my_role")) {}
  ColumnIndex id, slug, name, last_seq, created_at, required_reviews, require_source, dispute_rule,
      publisher_name, publisher_url, claim_url_prefix, scale_id, scale_labels, my_role;
};

struct UserRowColumns {
  explicit UserRowColumns(ColumnLookup& c) : user(c, "user") {}
  UserColumns user;
};

struct MemberColumns {
  explicit MemberColumns(ColumnLookup& c)
      : user(c, "user"), role(c("role")), joined_at(c("joined_at")) {}
  UserColumns user;
  ColumnIndex role, joined_at;
};

#define FD_WORKSPACE_COLUMNS                                                                  \
  "w.id, w.slug, w.name, q.last_seq, fd_us(w.created_at) AS created_at, w.required_reviews, " \
  "w.require_source, w.dispute_rule, w.publisher_name, w.publisher_url, w.claim_url_prefix, " \
  "coalesce(sc.id, 0) AS scale_id, coalesce(sc.labels::text, '') AS scale_labels, "           \
  "m.role AS my_role"

// The workspace, its event counter (kept apart: migration 0019) and its rating scale.
#define FD_WORKSPACES_WITH_SEQ                                   \
  "workspaces w JOIN workspace_seqs q ON q.workspace_id = w.id " \
  "LEFT JOIN rating_scales sc ON sc.id = w.rating_scale_id "

#define FD_USER_COLUMNS \
  "u.id AS user_id, u.handle AS user_handle, u.display_name AS user_display_name"

constexpr std::array kAccountStatements = {
    Statement{"accounts.create_user",
              "INSERT INTO users (handle, display_name) VALUES ($1, $2) "
              "ON CONFLICT (handle) DO NOTHING RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"accounts.user_by_handle",
              "SELECT " FD_USER_COLUMNS " FROM users u WHERE u.handle = $1",
              RowsAs<UserRowColumns>},
    Statement{"accounts.create_workspace",
              "INSERT INTO workspaces (slug, name) VALUES ($1, $2) "
              "ON CONFLICT (slug) DO NOTHING RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"accounts.workspace_by_id",
              "SELECT " FD_WORKSPACE_COLUMNS " FROM " FD_WORKSPACES_WITH_SEQ
              "LEFT JOIN memberships m ON m.workspace_id = w.id AND m.user_id = $2 "
              "WHERE w.id = $1",
              RowsAs<WorkspaceColumns>},
    // The same for the workspace of claim $1, to ride with a change's other first reads
    // (store::ReadClaimForChange), which cannot name the workspace before they run.
    Statement{"accounts.workspace_of_claim",
              "SELECT " FD_WORKSPACE_COLUMNS " FROM " FD_WORKSPACES_WITH_SEQ
              "LEFT JOIN memberships m ON m.workspace_id = w.id AND m.user_id = $2 "
              "WHERE w.id = (SELECT workspace_id FROM claims WHERE id = $1)",
              RowsAs<WorkspaceColumns>},
    Statement{"accounts.workspace_by_slug",
              "SELECT " FD_WORKSPACE_COLUMNS " FROM " FD_WORKSPACES_WITH_SEQ
              "LEFT JOIN memberships m ON m.workspace_id = w.id AND m.user_id = $2 "
              "WHERE w.slug = $1",
              RowsAs<WorkspaceColumns>},
    Statement{"accounts.workspaces_of",
              "SELECT " FD_WORKSPACE_COLUMNS " FROM " FD_WORKSPACES_WITH_SEQ
              "JOIN memberships m ON m.workspace_id = w.id WHERE m.user_id = $1 ORDER BY w.slug",
              RowsAs<WorkspaceColumns>},
    Statement{"accounts.role_of",
              "SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2",
              RowsAs<Column<"role">>},
    Statement{"accounts.set_member",
              "INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) "
              "ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = EXCLUDED.role "
              "RETURNING fd_us(joined_at) AS joined_at",
              RowsAs<Column<"joined_at">>},
    Statement{"accounts.remove_member",
              "DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2"},
    Statement{"accounts.members",
              "SELECT " FD_USER_COLUMNS ", m.role, fd_us(m.joined_at) AS joined_at "
              "FROM memberships m JOIN users u ON u.id = m.user_id "
              "WHERE m.workspace_id = $1 ORDER BY u.handle",
              RowsAs<MemberColumns>},
    Statement{"accounts.open_assignments",
              "SELECT a.claim_id FROM claim_assignees a JOIN claims c ON c.id = a.claim_id "
              "WHERE a.workspace_id = $1 AND a.user_id = $2 "
              "AND c.status IN ('OPEN', 'IN_REVIEW', 'DISPUTED') ORDER BY a.claim_id LIMIT $3",
              RowsAs<Column<"claim_id">>},
    Statement{"accounts.count_admins",
              "SELECT count(*) AS admins FROM memberships WHERE workspace_id = $1 "
              "AND role = 'admin'",
              RowsAs<Column<"admins">>},
    Statement{"accounts.update_policy",
              "UPDATE workspaces SET required_reviews = $2, require_source = $3, "
              "dispute_rule = $4 WHERE id = $1"},
    Statement{"accounts.update_publisher",
              "UPDATE workspaces SET publisher_name = $2, publisher_url = $3, "
              "claim_url_prefix = $4 WHERE id = $1"},
};

#undef FD_USER_COLUMNS
#undef FD_WORKSPACE_COLUMNS
#undef FD_WORKSPACES_WITH_SEQ

v1::Workspace WorkspaceFromRow(const pqxx::row& row, const WorkspaceColumns& col) {
  v1::Workspace w;
  w.set_id(row[col.id].as<std::int64_t>());
  w.set_slug(row[col.slug].as<std::string>());
  w.set_name(row[col.name].as<std::string>());
  w.set_last_seq(row[col.last_seq].as<std::int64_t>());
  SetTime(row[col.created_at], [&] { return w.mutable_created_at(); });
  auto* policy = w.mutable_policy();
  policy->set_required_reviews(row[col.required_reviews].as<int>());
  policy->set_require_source(row[col.require_source].as<bool>());
  policy->set_dispute_rule(
      v1::EnumFromText<v1::DisputeRule>(row[col.dispute_rule].as<std::string>())
          .value_or(v1::DISPUTE_RULE_EDITOR_DECIDES));
  auto* publisher = w.mutable_publisher();
  publisher->set_name(row[col.publisher_name].as<std::string>());
  publisher->set_url(row[col.publisher_url].as<std::string>());
  publisher->set_claim_url_prefix(row[col.claim_url_prefix].as<std::string>());
  *w.mutable_rating_scale() =
      StoredScale(row[col.scale_id].as<std::int64_t>(), row[col.scale_labels].as<std::string>());
  if (!row[col.my_role].is_null()) {
    if (auto role = domain::ParseRole(row[col.my_role].as<std::string>())) {
      w.set_my_role(v1::ToProto(*role));
    }
  }
  return w;
}

// A one-workspace read's answer: the workspace, or NOT_FOUND "<what> does not exist".
Result<v1::Workspace> FoundWorkspace(const pqxx::result& r, const std::string& what) {
  if (r.empty()) return Status::NotFound(fmt::format("{} does not exist", what));
  return WorkspaceFromRow(r[0], MapColumns<WorkspaceColumns>(r));
}

// The user of a one-row result.
v1::User UserFrom(const pqxx::result& r) {
  v1::User user;
  SetUser(r[0], MapColumns<UserRowColumns>(r).user, [&] { return &user; });
  return user;
}

}  // namespace

std::span<const Statement> AccountStatements() {
  return kAccountStatements;
}

Result<v1::User> CreateUser(Tx& tx, const std::string& handle, const std::string& display_name) {
  const pqxx::result r = tx.Exec("accounts.create_user", handle, display_name);
  if (r.empty()) return Status::AlreadyExists(fmt::format("user '{}' already exists", handle));
  v1::User user;
  user.set_id(FirstValue<std::int64_t, "id">(r));
  user.set_handle(handle);
  user.set_display_name(display_name);
  return user;
}

Result<v1::User> FindUser(Tx& tx, const std::string& handle) {
  const pqxx::result r = tx.Exec("accounts.user_by_handle", handle);
  if (r.empty()) return Status::NotFound(fmt::format("there is no user '{}'", handle));
  return UserFrom(r);
}

Result<v1::Workspace> CreateWorkspace(Tx& tx, const std::string& slug, const std::string& name,
                                      std::int64_t owner_id) {
  const pqxx::result r = tx.Exec("accounts.create_workspace", slug, name);
  if (r.empty()) return Status::AlreadyExists(fmt::format("workspace '{}' already exists", slug));
  const auto id = FirstValue<std::int64_t, "id">(r);
  tx.Exec("accounts.set_member", id, owner_id, std::string(domain::RoleName(domain::Role::kAdmin)));
  return GetWorkspace(tx, id, owner_id);
}

Result<v1::Workspace> GetWorkspace(Tx& tx, std::int64_t workspace_id, std::int64_t user_id) {
  return FoundWorkspace(tx.Exec("accounts.workspace_by_id", workspace_id, user_id),
                        fmt::format("workspace {}", workspace_id));
}

std::string WorkspaceOfClaimStatement(Tx& tx, std::int64_t claim_id, std::int64_t user_id) {
  return tx.Inline("accounts.workspace_of_claim", claim_id, user_id);
}

Result<v1::Workspace> WorkspaceOfClaimFrom(const pqxx::result& r, std::int64_t claim_id) {
  return FoundWorkspace(r, fmt::format("claim {}", claim_id));
}

Result<v1::Workspace> GetWorkspaceBySlug(Tx& tx, const std::string& slug, std::int64_t user_id) {
  return FoundWorkspace(tx.Exec("accounts.workspace_by_slug", slug, user_id),
                        fmt::format("workspace '{}'", slug));
}

Result<std::vector<v1::Workspace>> ListWorkspacesOf(Tx& tx, std::int64_t user_id) {
  std::vector<v1::Workspace> out;
  const pqxx::result r = tx.Exec("accounts.workspaces_of", user_id);
  const auto col = MapColumns<WorkspaceColumns>(r);
  for (const auto& row : r) {
    out.push_back(WorkspaceFromRow(row, col));
  }
  return out;
}

std::optional<domain::Role> RoleOf(Tx& tx, std::int64_t workspace_id, std::int64_t user_id) {
  const pqxx::result r = tx.Exec("accounts.role_of", workspace_id, user_id);
  if (r.empty()) return std::nullopt;
  return domain::ParseRole(FirstValue<std::string, "role">(r));
}

Result<domain::Role> RequireMember(Tx& tx, std::int64_t workspace_id, std::int64_t user_id) {
  if (auto role = RoleOf(tx, workspace_id, user_id)) return *role;
  // A workspace that does not exist answers as one you are not in: ids do not leak.
  return domain::NotAMember(workspace_id);
}

Result<v1::Member> SetMember(Tx& tx, std::int64_t workspace_id, std::int64_t user_id,
                             domain::Role role) {
  const pqxx::result r =
      tx.Exec("accounts.set_member", workspace_id, user_id, std::string(domain::RoleName(role)));
  v1::Member member;
  member.set_role(v1::ToProto(role));
  SetTime(r[0][MapColumns<Column<"joined_at">>(r).at], [&] { return member.mutable_joined_at(); });
  member.mutable_user()->set_id(user_id);
  return member;
}

Status RemoveMember(Tx& tx, std::int64_t workspace_id, std::int64_t user_id) {
  const pqxx::result r = tx.Exec("accounts.remove_member", workspace_id, user_id);
  if (r.affected_rows() == 0) {
    return Status::NotFound(
        fmt::format("user {} is not a member of workspace {}", user_id, workspace_id));
  }
  return Status::Ok();
}

Result<std::vector<v1::Member>> ListMembers(Tx& tx, std::int64_t workspace_id) {
  std::vector<v1::Member> out;
  const pqxx::result r = tx.Exec("accounts.members", workspace_id);
  const auto col = MapColumns<MemberColumns>(r);
  for (const auto& row : r) {
    v1::Member m;
    SetUser(row, col.user, [&] { return m.mutable_user(); });
    if (auto role = domain::ParseRole(row[col.role].as<std::string>())) {
      m.set_role(v1::ToProto(*role));
    }
    SetTime(row[col.joined_at], [&] { return m.mutable_joined_at(); });
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::int64_t> OpenAssignments(Tx& tx, std::int64_t workspace_id, std::int64_t user_id,
                                          int limit) {
  return ColumnValues<std::int64_t, "claim_id">(
      tx.Exec("accounts.open_assignments", workspace_id, user_id, limit));
}

int CountAdmins(Tx& tx, std::int64_t workspace_id) {
  return FirstValue<int, "admins">(tx.Exec("accounts.count_admins", workspace_id));
}

domain::RoleChange ReadRoleChange(Tx& tx, std::int64_t workspace_id, const v1::User& user,
                                  domain::Role next) {
  domain::RoleChange change;
  change.handle = user.handle();
  change.previous = RoleOf(tx, workspace_id, user.id());
  change.next = next;
  if (change.previous == domain::Role::kAdmin) change.admin_count = CountAdmins(tx, workspace_id);
  if (change.previous && domain::HasAtLeast(*change.previous, domain::Role::kChecker)) {
    change.open_assignments = OpenAssignments(tx, workspace_id, user.id(),
                                              static_cast<int>(domain::kShownAssignments) + 1);
  }
  return change;
}

Status UpdatePolicy(Tx& tx, std::int64_t workspace_id, const v1::ReviewPolicy& policy) {
  tx.Exec("accounts.update_policy", workspace_id, policy.required_reviews(),
          policy.require_source(), v1::EnumText(policy.dispute_rule()));
  return Status::Ok();
}

Status UpdatePublisher(Tx& tx, std::int64_t workspace_id, const v1::Publisher& publisher) {
  tx.Exec("accounts.update_publisher", workspace_id, publisher.name(), publisher.url(),
          publisher.claim_url_prefix());
  return Status::Ok();
}

}  // namespace factdesk::store
