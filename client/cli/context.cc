#include "client/cli/context.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "client/net/credentials_file.h"

namespace factdesk::cli {
namespace {

// The first non-empty of: the flag, the environment variable, the saved value.
std::string Pick(const std::string& flag, const char* env, const std::string& saved) {
  if (!flag.empty()) return flag;
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') return value;
  return saved;
}

}  // namespace

Context::Context(CLI::App& app) : app_(app) {
  // Global options live on the app; subcommands fall through to them, so they may
  // come before or after the subcommand.
  app.fallthrough();
  app.add_option("--server", global_.server,
                 "Server address: host:port, or https://host:port for TLS "
                 "(default: FACTDESK_SERVER, then the saved login)");
  app.add_option("--token", global_.token,
                 "API token (default: FACTDESK_TOKEN, then the saved login)");
  app.add_flag("--tls", global_.tls, "Use TLS even for a bare host:port");
  app.add_option("--ca", global_.ca, "PEM CA file to trust (implies TLS; default: FACTDESK_CA)");
  app.add_option("--cert", global_.cert,
                 "PEM client certificate for mutual TLS (implies TLS; needs --key; "
                 "default: FACTDESK_CERT)");
  app.add_option("--key", global_.key, "PEM private key of --cert (default: FACTDESK_KEY)");
}

CLI::App* Context::Group(CLI::App& parent, const std::string& name,
                         const std::string& description) {
  CLI::App* group = parent.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

CLI::App* Context::Command(CLI::App& parent, const std::string& name,
                           const std::string& description, Action action) {
  CLI::App* command = parent.add_subcommand(name, description);
  commands_.emplace_back(command, std::move(action));
  return command;
}

void Context::AddJsonFlag(CLI::App* command) {
  command->add_flag("--json", json_, "Print machine-readable JSON");
}

void Context::AddWorkspaceOption(CLI::App* command) {
  command->add_option("-w,--workspace", workspace_,
                      "Workspace slug (default: your workspace, when you belong to one)");
}

Result<std::string> ReadInputFile(const std::string& field, const std::string& path) {
  // A directory opens as a stream that reads nothing: say what it is instead.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(field, path + " is a directory; give a file in it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(
        field, "cannot read " + path + ": " + std::generic_category().message(errno));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void UsageError(const std::string& message) {
  throw CLI::ValidationError(message);
}

Status Context::Run() {
  for (const auto& [command, action] : commands_) {
    if (command->parsed()) return action();
  }
  return Status::InvalidArgument("command", "no command given (see --help)");
}

Result<client::ConnectionOptions> Context::Connection() const {
  client::ConnectionOptions o;
  o.address = Pick(global_.server, "FACTDESK_SERVER", "");
  o.token = Pick(global_.token, "FACTDESK_TOKEN", "");
  o.ca_file = Pick(global_.ca, "FACTDESK_CA", "");
  o.cert_file = Pick(global_.cert, "FACTDESK_CERT", "");
  o.key_file = Pick(global_.key, "FACTDESK_KEY", "");
  o.tls = global_.tls;
  // The saved login fills in only what flags and environment leave out.
  client::Credentials login{o.address, o.token, o.ca_file};
  FD_RETURN_IF_ERROR(client::FillFromSavedLogin(login));
  o.address = login.server;
  o.token = login.token;
  o.ca_file = login.ca;
  return o;
}

Result<CommandClient*> Context::Api() {
  if (!api_) {
    FD_ASSIGN_OR_RETURN(const client::ConnectionOptions options, Connection());
    if (options.address.empty()) {
      return Status::FailedPrecondition(
          "no server given: use --server ADDR, FACTDESK_SERVER or `factdesk login`");
    }
    if (options.token.empty()) {
      return Status::Unauthenticated(
          "no token given: use --token TOKEN, FACTDESK_TOKEN or `factdesk login`");
    }
    FD_ASSIGN_OR_RETURN(api_, CommandClient::Open(options));
  }
  return api_.get();
}

Result<v1::Workspace> Context::Workspace() {
  FD_ASSIGN_OR_RETURN(CommandClient * api, Api());
  if (!workspace_.empty()) return api->Workspace(workspace_);
  FD_ASSIGN_OR_RETURN(const auto mine, api->Call(&v1::WorkspaceService::Stub::ListWorkspaces,
                                                 v1::ListWorkspacesRequest()));
  if (mine.workspaces_size() == 1) return api->Workspace(mine.workspaces(0).slug());
  if (mine.workspaces().empty()) {
    return Status::FailedPrecondition(
        "you are not a member of any workspace: ask one of its admins to add you");
  }
  std::string slugs;
  for (const auto& ws : mine.workspaces()) slugs += (slugs.empty() ? "" : ", ") + ws.slug();
  return Status::InvalidArgument("--workspace", "give one with -w SLUG: you belong to " +
                                                    std::to_string(mine.workspaces_size()) + " (" +
                                                    slugs + ")");
}

}  // namespace factdesk::cli
