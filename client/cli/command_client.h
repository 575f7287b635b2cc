#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/net/api_client.h"
#include "common/result.h"

namespace factdesk::cli {

// What a command talks to the server with: the one API client (client/net) plus the
// look-ups commands share (workspace by slug, the caller, members by handle), cached
// for the life of the command.
class CommandClient : public client::ApiClient {
 public:
  using client::ApiClient::ApiClient;
  static Result<std::unique_ptr<CommandClient>> Open(const client::ConnectionOptions& options);

  // The workspace with this slug (GetWorkspace), cached.
  Result<v1::Workspace> Workspace(const std::string& slug);
  // The workspace by id, cached.
  Result<v1::Workspace> WorkspaceById(std::int64_t id);
  // The user behind the token.
  Result<v1::User> Me();
  // Members of a workspace, cached.
  Result<std::vector<v1::Member>> Members(std::int64_t workspace_id);
  // The id of the member with this handle; NOT_FOUND names the handle and workspace.
  Result<std::int64_t> MemberId(std::int64_t workspace_id, const std::string& handle);

 private:
  std::map<std::string, v1::Workspace> workspaces_by_slug_;
  std::optional<v1::User> me_;
  std::map<std::int64_t, std::vector<v1::Member>> members_;
};

}  // namespace factdesk::cli
