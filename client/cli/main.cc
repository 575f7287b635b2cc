// factdesk: the command-line client (scripting, headless use, tests, previews).
#include <iostream>

#include <CLI/CLI.hpp>

#include "client/cli/command_suggestion.h"
#include "client/cli/context.h"
#include "client/cli/control_filter.h"
#include "client/cli/webhook_commands.h"

int main(int argc, char** argv) {
  // Before anything prints: what other users wrote must not drive this terminal.
  const factdesk::cli::NeutralisedStandardStreams neutralised;
  CLI::App app{"factdesk: the Factdesk command-line client"};
  app.require_subcommand(1);
  factdesk::cli::Context ctx(app);
  factdesk::cli::AddAccountCommands(ctx, app);
  factdesk::cli::AddTranscriptCommands(ctx, app);
  factdesk::cli::AddClaimCommands(ctx, app);
  factdesk::cli::AddClaimSearchCommands(ctx, app);
  factdesk::cli::AddSourceCommands(ctx, app);
  factdesk::cli::AddNoteCommands(ctx, app);
  factdesk::cli::AddReviewCommands(ctx, app);
  factdesk::cli::AddDashboardCommands(ctx, app);
  factdesk::cli::AddSettingsCommands(ctx, app);
  factdesk::cli::AddWatchCommand(ctx, app);
  factdesk::cli::AddExportCommand(ctx, app);
  factdesk::cli::AddTokenCommands(ctx, app);
  factdesk::cli::AddWebhookCommands(ctx, app);
  factdesk::cli::AddCheckworthyCommand(ctx, app);
  factdesk::cli::AddArchiveCommands(ctx, app);
  factdesk::cli::AddSuggestCommands(ctx, app);
  factdesk::cli::AddIngestCommand(ctx, app);
  factdesk::cli::AddLiveTranscriptCommands(ctx, app);

  factdesk::Status status;
  try {
    app.parse(argc, argv);
    status = ctx.Run();
  } catch (const CLI::ParseError& e) {
    // A mistyped command gets the near one named; other usage errors are CLI11's.
    const auto suggestion =
        e.get_exit_code() == 0
            ? std::nullopt
            : factdesk::cli::SuggestCommand(app, std::vector<std::string>(argv + 1, argv + argc));
    if (suggestion) {
      std::cerr << "factdesk: " << *suggestion << "\nRun with --help for more information.\n";
      return 2;
    }
    // CLI11 prints the usage (or --help); usage errors exit 2 like other Unix tools.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (!status.ok()) {
    // Exactly one line, whatever the message holds.
    std::string line = status.ToString();
    for (char& c : line) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    std::cerr << "factdesk: " << line << "\n";
    return 1;
  }
  return 0;
}
