#include "client/cli/command_suggestion.h"

#include <algorithm>

namespace factdesk::cli {
namespace {

// Near enough to suggest: one edit for short words, two from five letters on.
bool Near(const std::string& typed, const std::string& name) {
  const int limit = typed.size() >= 5 ? 2 : 1;
  return EditDistance(typed, name) <= limit;
}

std::vector<const CLI::App*> Subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

const CLI::App* Named(const CLI::App& app, const std::string& word) {
  for (const CLI::App* sub : Subcommands(app)) {
    if (sub->check_name(word)) return sub;
  }
  return nullptr;
}

// The subcommand of `app` nearest to `typed`, or "".
std::string Nearest(const CLI::App& app, const std::string& typed) {
  std::string best;
  int best_distance = 0;
  for (const CLI::App* sub : Subcommands(app)) {
    const std::string& name = sub->get_name();
    if (!Near(typed, name)) continue;
    const int distance = EditDistance(typed, name);
    if (best.empty() || distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

int EditDistance(const std::string& a, const std::string& b) {
  // Optimal string alignment: Levenshtein plus adjacent swaps ("shwo" is one from "show").
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::optional<std::string> SuggestCommand(const CLI::App& app,
                                          const std::vector<std::string>& words) {
  const CLI::App* at = &app;
  std::string path;
  for (const std::string& word : words) {
    if (word.empty() || word[0] == '-') continue;  // options; their values are not near
    if (Subcommands(*at).empty()) return std::nullopt;
    if (const CLI::App* sub = Named(*at, word); sub != nullptr) {
      at = sub;
      path += word + " ";
      continue;
    }
    const std::string nearest = Nearest(*at, word);
    if (nearest.empty()) continue;  // perhaps an option's value: look on
    return "unknown command \"" + path + word + "\"; did you mean \"" + path + nearest + "\"?";
  }
  return std::nullopt;
}

}  // namespace factdesk::cli
