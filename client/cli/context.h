#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "client/cli/command_client.h"
#include "common/result.h"

namespace factdesk::cli {

// The options every command accepts (before or after the subcommand).
struct GlobalOptions {
  std::string server;
  std::string token;
  std::string ca;
  // Client certificate and key (PEM) for servers that require mutual TLS.
  std::string cert;
  std::string key;
  bool tls = false;
};

// What a command runs with: the global options, the shared per-command flags
// (--json, -w), the connection (opened on first use) and the table of commands.
class Context {
 public:
  using Action = std::function<Status()>;

  explicit Context(CLI::App& app);

  // A command that only groups subcommands ("claim", "source", ...).
  CLI::App* Group(CLI::App& parent, const std::string& name, const std::string& description);
  // A command that runs `action` when it is the one given.
  CLI::App* Command(CLI::App& parent, const std::string& name, const std::string& description,
                    Action action);
  // Binds --json to json().
  void AddJsonFlag(CLI::App* command);
  // Binds -w/--workspace SLUG to workspace_slug(); optional (see Workspace()).
  void AddWorkspaceOption(CLI::App* command);

  // Runs the action of the command that was parsed.
  Status Run();

  bool json() const { return json_; }
  const std::string& workspace_slug() const { return workspace_; }
  GlobalOptions& global() { return global_; }

  // Server, token and CA: flags override FACTDESK_SERVER / FACTDESK_TOKEN / FACTDESK_CA,
  // which override the saved credentials. The client certificate and key come from
  // --cert/--key or FACTDESK_CERT/FACTDESK_KEY only (they are never saved).
  Result<client::ConnectionOptions> Connection() const;
  // The connection, opened on first use. FAILED_PRECONDITION when no server or token
  // is known (say how to give them).
  Result<CommandClient*> Api();
  // The -w workspace; without -w, the caller's only workspace. INVALID_ARGUMENT naming
  // them when there are several, FAILED_PRECONDITION when there is none.
  Result<v1::Workspace> Workspace();

 private:
  CLI::App& app_;
  GlobalOptions global_;
  bool json_ = false;
  std::string workspace_;
  std::vector<std::pair<CLI::App*, Action>> commands_;
  std::unique_ptr<CommandClient> api_;
};

// A whole file's bytes; INVALID_ARGUMENT "<field>: cannot read PATH: <reason>", or
// "<field>: PATH is a directory; give a file in it".
Result<std::string> ReadInputFile(const std::string& field, const std::string& path);

// A usage error found after parsing (exit 2 with CLI11's usage hint, like parse errors).
[[noreturn]] void UsageError(const std::string& message);

// Every command group registers itself here (one source file per group).
void AddAccountCommands(Context& ctx, CLI::App& app);
void AddTranscriptCommands(Context& ctx, CLI::App& app);
void AddClaimCommands(Context& ctx, CLI::App& app);
void AddClaimTagCommands(Context& ctx, CLI::App* claim);   // claim tag|untag
void AddClaimSearchCommands(Context& ctx, CLI::App& app);  // claims search
void AddSourceCommands(Context& ctx, CLI::App& app);
void AddNoteCommands(Context& ctx, CLI::App& app);
void AddReviewCommands(Context& ctx, CLI::App& app);
void AddDashboardCommands(Context& ctx, CLI::App& app);
void AddSettingsCommands(Context& ctx, CLI::App& app);
void AddWatchCommand(Context& ctx, CLI::App& app);
void AddExportCommand(Context& ctx, CLI::App& app);
void AddTokenCommands(Context& ctx, CLI::App& app);
void AddCheckworthyCommand(Context& ctx, CLI::App& app);
void AddArchiveCommands(Context& ctx, CLI::App& app);
void AddSuggestCommands(Context& ctx, CLI::App& app);
void AddIngestCommand(Context& ctx, CLI::App& app);
void AddLiveTranscriptCommands(Context& ctx, CLI::App& app);  // transcript, segment
void AddClaimReanchorCommand(Context& ctx, CLI::App* claim);  // claim reanchor

}  // namespace factdesk::cli
