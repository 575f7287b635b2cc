// eval_checkworthy: leave-one-debate-out evaluation. For each of the labelled debates,
// train on the others exactly as train_checkworthy does, score the held-out debate's
// lines, and measure the ranking as CLEF CheckThat! does (MAP, R-precision, P@k). The same
// for two baselines: a bag-of-words model (words only, same training) and "contains a
// number". Prints Markdown tables (docs/benchmarks.md).
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "checkworthy/lexicon.h"
#include "checkworthy/ranking_metrics.h"
#include "checkworthy/scorer.h"
#include "checkworthy/tokenizer.h"
#include "checkworthy/tools/debate_files.h"

namespace factdesk::checkworthy::tools {
namespace {

struct System {
  std::string key;  // "model", "bow", "number"
  std::string name;
  std::optional<TrainingOptions> options;  // nullopt: the "contains a number" rule
};

// The rule baseline: 1 when the sentence has a digit or a number word, else 0.
double ContainsNumber(std::string_view sentence) {
  for (const Token& t : Tokenize(sentence).tokens) {
    if (t.kind == Token::Kind::kNumber) return 1;
    if ((lexicon::ClassesOf(t.text) & lexicon::kNumberWord) != 0) return 1;
  }
  return 0;
}

Result<std::vector<double>> ScoreHeldOut(const System& system, const std::vector<Debate>& debates,
                                         int held_out) {
  const Debate& debate = debates[static_cast<std::size_t>(held_out)];
  std::vector<double> scores;
  if (!system.options) {
    for (const ClefLine& line : debate.lines) scores.push_back(ContainsNumber(line.text));
    return scores;
  }
  const std::vector<Example> training = ExamplesOf(debates, held_out);
  FD_ASSIGN_OR_RETURN(Model model, Train(training, *system.options));
  model.version = "fold";
  FD_ASSIGN_OR_RETURN(const Scorer scorer, Scorer::Make(std::move(model)));
  for (const ClefLine& line : debate.lines) scores.push_back(scorer.Score(line.text));
  return scores;
}

std::string Row(const std::string& label, const RankingMetrics& m) {
  std::string row =
      fmt::format("| {} | {:.3f} | {:.3f}", label, m.average_precision, m.r_precision);
  for (const double p : m.precision_at) row += fmt::format(" | {:.3f}", p);
  return row + " |";
}

void Accumulate(RankingMetrics& sum, const RankingMetrics& m, double share) {
  sum.average_precision += m.average_precision * share;
  sum.r_precision += m.r_precision * share;
  for (std::size_t k = 0; k < m.precision_at.size(); ++k)
    sum.precision_at[k] += m.precision_at[k] * share;
}

// "system<TAB>debate<TAB>line<TAB>score<TAB>label" for every held-out line.
void AppendScores(const System& system, const Debate& debate, const std::vector<double>& scores,
                  std::string& out) {
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const ClefLine& line = debate.lines[i];
    out += fmt::format("{}\t{}\t{}\t{:.6f}\t{}\n", system.key, debate.name, line.number, scores[i],
                       line.worthy.value_or(false) ? 1 : 0);
  }
}

// Per-debate table on stdout (unless quiet); returns the means.
Result<RankingMetrics> Evaluate(const System& system, const std::vector<Debate>& debates,
                                bool quiet, std::string& scores_out) {
  if (!quiet) {
    std::cout << fmt::format(
        "\n### {}\n\n| debate (lines, worthy) | AP | R-P | P@1 | P@5 | P@10 | P@20 |\n"
        "|---|---|---|---|---|---|---|\n",
        system.name);
  }
  RankingMetrics mean;
  for (std::size_t d = 0; d < debates.size(); ++d) {
    FD_ASSIGN_OR_RETURN(const std::vector<double> scores,
                        ScoreHeldOut(system, debates, static_cast<int>(d)));
    AppendScores(system, debates[d], scores, scores_out);
    std::vector<bool> worthy;
    for (const ClefLine& line : debates[d].lines) worthy.push_back(line.worthy.value_or(false));
    const RankingMetrics m = MeasureRanking(scores, worthy);
    Accumulate(mean, m, 1.0 / static_cast<double>(debates.size()));
    if (!quiet) {
      const auto count = std::count(worthy.begin(), worthy.end(), true);
      std::cout << Row(fmt::format("{} ({}, {})", debates[d].name, worthy.size(), count), m)
                << "\n";
    }
  }
  if (!quiet) std::cout << Row("**mean**", mean) << "\n";
  return mean;
}

struct Flags {
  std::string data;
  std::string systems = "model,bow,number";
  bool quiet = false;
  std::string scores;
  TrainingOptions options;
  std::string features = FeatureSetName(TrainingOptions{}.features);
};

Result<std::vector<System>> Systems(const Flags& f) {
  std::vector<System> systems;
  TrainingOptions model = f.options;
  FD_ASSIGN_OR_RETURN(model.features, ParseFeatureSet(f.features));
  TrainingOptions bow = f.options;
  bow.features = {.words = true};
  std::istringstream names(f.systems);
  for (std::string name; std::getline(names, name, ',');) {
    if (name == "model") {
      systems.push_back({name, "Factdesk model (" + DescribeOptions(model) + ")", model});
    } else if (name == "bow") {
      systems.push_back({name, "Bag of words (" + DescribeOptions(bow) + ")", bow});
    } else if (name == "number") {
      systems.push_back({name, "Contains a number", std::nullopt});
    } else {
      return Status::InvalidArgument("--systems", "unknown system '" + name + "'");
    }
  }
  return systems;
}

Status Run(const Flags& f) {
  FD_ASSIGN_OR_RETURN(const std::vector<Debate> debates, ReadDebates(f.data));
  FD_ASSIGN_OR_RETURN(const std::vector<System> systems, Systems(f));
  std::vector<std::pair<std::string, RankingMetrics>> means;
  std::string scores;
  for (const System& system : systems) {
    FD_ASSIGN_OR_RETURN(const RankingMetrics mean, Evaluate(system, debates, f.quiet, scores));
    means.emplace_back(system.name, mean);
  }
  if (!f.scores.empty()) FD_RETURN_IF_ERROR(WriteFile(f.scores, scores));
  std::cout << fmt::format(
      "\n### Means over the {} held-out debates\n\n"
      "| system | MAP | R-P | P@1 | P@5 | P@10 | P@20 |\n"
      "|---|---|---|---|---|---|---|\n",
      debates.size());
  for (const auto& [name, mean] : means) std::cout << Row(name, mean) << "\n";
  return Status::Ok();
}

}  // namespace
}  // namespace factdesk::checkworthy::tools

int main(int argc, char** argv) {
  factdesk::checkworthy::tools::Flags f;
  CLI::App app{"eval_checkworthy: leave-one-debate-out evaluation of the check-worthiness model"};
  app.add_option("--data", f.data, "directory of labelled CLEF .tsv files")->required();
  app.add_option("--systems", f.systems, "model, bow, number (comma-separated)")
      ->capture_default_str();
  app.add_flag("--quiet", f.quiet, "print the means only");
  app.add_option("--scores", f.scores,
                 "write every held-out line's score here (system, debate, line, score, label)");
  app.add_option("--features", f.features)->capture_default_str();
  app.add_option("--l2", f.options.l2)->capture_default_str();
  app.add_option("--cue-l2", f.options.cue_l2)->capture_default_str();
  app.add_option("--positive-weight", f.options.positive_weight)->capture_default_str();
  app.add_option("--min-count", f.options.min_count)->capture_default_str();
  app.add_option("--max-features", f.options.max_features)->capture_default_str();
  app.add_option("--min-weight", f.options.min_weight)->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  const factdesk::Status status = factdesk::checkworthy::tools::Run(f);
  if (!status.ok()) {
    std::cerr << "eval_checkworthy: " << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
