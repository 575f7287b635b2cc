#pragma once

#include <CLI/CLI.hpp>

#include "client/cli/context.h"

namespace factdesk::cli {

// webhook add|list|remove|test|deliveries.
void AddWebhookCommands(Context& ctx, CLI::App& app);

}  // namespace factdesk::cli
