// login, whoami, workspaces, members, member set/remove.
#include <iostream>

#include <fmt/format.h>

#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/net/credentials_file.h"
#include "client/net/tls_discovery.h"

namespace factdesk::cli {
namespace {

using WS = v1::WorkspaceService::Stub;

Status Login(Context& ctx) {
  // A bare host:port is saved as what the server speaks, so later commands need no --tls.
  FD_ASSIGN_OR_RETURN(const client::ConnectionOptions given, ctx.Connection());
  if (!given.address.empty() && !given.token.empty() && !client::TransportIsExplicit(given)) {
    FD_ASSIGN_OR_RETURN(const client::DiscoveredChannel found,
                        client::OpenChannelFindingTls(given));
    ctx.global().tls = client::WantsTls(found.options);
  }
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  // Check the token before saving it, so a typo is caught now, not at the next command.
  FD_ASSIGN_OR_RETURN(const v1::User me, api->Me());
  client::Credentials saved;
  saved.server = api->options().address;
  // --tls on a bare host:port is remembered as https://.
  if (ctx.global().tls && client::TargetOf(saved.server) == saved.server) {
    saved.server = "https://" + saved.server;
  }
  saved.token = api->options().token;
  saved.ca = api->options().ca_file;
  FD_ASSIGN_OR_RETURN(const std::string path, client::CredentialsPath());
  FD_RETURN_IF_ERROR(client::SaveCredentials(path, saved));
  std::cout << fmt::format("logged in to {} as {} ({}); saved to {}\n", saved.server, me.handle(),
                           me.display_name(), path);
  return Status::Ok();
}

Status WhoAmI(Context& ctx) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  FD_ASSIGN_OR_RETURN(const v1::User me, api->Me());
  if (ctx.json()) {
    PrintJson(ToJson(me));
  } else {
    std::cout << fmt::format("{} ({}), user {} at {}\n", me.handle(), me.display_name(), me.id(),
                             client::TargetOf(api->options().address));
  }
  return Status::Ok();
}

Status Workspaces(Context& ctx) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&WS::ListWorkspaces, v1::ListWorkspacesRequest()));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.workspaces()));
    return Status::Ok();
  }
  Table table({"ID", "SLUG", "NAME", "ROLE", "LAST SEQ", "CREATED"});
  for (const auto& w : resp.workspaces()) {
    table.Add({std::to_string(w.id()), w.slug(), w.name(), Lower(w.my_role()),
               std::to_string(w.last_seq()), IsoDate(w.created_at())});
  }
  table.Print(std::cout);
  return Status::Ok();
}

Status Members(Context& ctx) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  FD_ASSIGN_OR_RETURN(const auto members, api->Members(ws.id()));
  if (ctx.json()) {
    PrintJson(ToJsonArray(members));
    return Status::Ok();
  }
  Table table({"HANDLE", "NAME", "ROLE", "JOINED"});
  for (const auto& m : members) {
    table.Add(
        {m.user().handle(), m.user().display_name(), Lower(m.role()), IsoDate(m.joined_at())});
  }
  table.Print(std::cout);
  return Status::Ok();
}

struct MemberOptions {
  std::string handle;
  std::string role;
};

Status SetMember(Context& ctx, const MemberOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::SetMemberRequest req;
  req.set_workspace_id(ws.id());
  req.set_handle(o.handle);
  req.set_role(*v1::EnumFromText<v1::Role>(o.role));
  FD_ASSIGN_OR_RETURN(const v1::Member m, api->Call(&WS::SetMember, req));
  std::cout << fmt::format("{} is now {} in {}\n", m.user().handle(), Lower(m.role()), ws.slug());
  return Status::Ok();
}

Status RemoveMember(Context& ctx, const MemberOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::RemoveMemberRequest req;
  req.set_workspace_id(ws.id());
  req.set_handle(o.handle);
  FD_RETURN_IF_ERROR(api->Call(&WS::RemoveMember, req).status());
  std::cout << fmt::format("removed {} from {}\n", o.handle, ws.slug());
  return Status::Ok();
}

}  // namespace

void AddAccountCommands(Context& ctx, CLI::App& app) {
  ctx.Command(app, "login",
              "Check --server and --token (and --ca) with the server and save them for later "
              "commands",
              [&ctx] { return Login(ctx); });
  ctx.AddJsonFlag(
      ctx.Command(app, "whoami", "Show the user behind the token", [&ctx] { return WhoAmI(ctx); }));
  ctx.AddJsonFlag(ctx.Command(app, "workspaces", "List the workspaces you belong to",
                              [&ctx] { return Workspaces(ctx); }));
  auto* members = ctx.Command(app, "members", "List a workspace's members and their roles",
                              [&ctx] { return Members(ctx); });
  ctx.AddWorkspaceOption(members);
  ctx.AddJsonFlag(members);

  auto o = std::make_shared<MemberOptions>();
  auto* member = ctx.Group(app, "member", "Add, change or remove a member (admin)");
  auto* set = ctx.Command(*member, "set", "Add a member or change their role",
                          [&ctx, o] { return SetMember(ctx, *o); });
  ctx.AddWorkspaceOption(set);
  set->add_option("HANDLE", o->handle, "The user's handle")->required();
  set->add_option("--role", o->role, "viewer, checker, editor or admin")
      ->required()
      ->check(CLI::IsMember({"viewer", "checker", "editor", "admin"}, CLI::ignore_case));
  auto* remove = ctx.Command(*member, "remove", "Remove a member",
                             [&ctx, o] { return RemoveMember(ctx, *o); });
  ctx.AddWorkspaceOption(remove);
  remove->add_option("HANDLE", o->handle, "The user's handle")->required();
}

}  // namespace factdesk::cli
