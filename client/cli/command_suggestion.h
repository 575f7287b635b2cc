#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

// "did you mean": a mistyped command (`clam`, `shwo`) gets the near one named, instead of
// CLI11's bare "not expected".
namespace factdesk::cli {

// Edits (insertions, deletions, substitutions, swaps of neighbours) from `a` to `b`.
int EditDistance(const std::string& a, const std::string& b);

// For the words after the program name: the first word that is not a command where
// `app` expects one, with the command it was probably meant to be, as
//   unknown command "clam"; did you mean "claim"?
// (for a subcommand: unknown command "claim shwo"; did you mean "claim show"?).
// nullopt when every word is a command or nothing is near enough.
std::optional<std::string> SuggestCommand(const CLI::App& app,
                                          const std::vector<std::string>& words);

}  // namespace factdesk::cli
