#include "checkworthy/tools/english_training.h"

#include <algorithm>

#include <fmt/format.h>

#include "checkworthy/scorer.h"
#include "checkworthy/tools/debate_files.h"

namespace factdesk::checkworthy::tools {
namespace {

// Worth checking or not, straight and curly quotes, a no-break space, a cue.
constexpr std::string_view kProbes[] = {
    "The unemployment rate fell to 4.1 percent last year, the lowest since 2000.",
    "We have the highest taxes anywhere in the world.",
    "China\u2019s GDP grew six-fold in a decade.",
    "Dishonestly called \u201cMedicare for All,\u201d the proposal would cost $32.6\u00a0trillion "
    "during its first 10 years.",
    "I think we need to bring people together.",
    "Will you accept the result of this election?",
    "Thank you very much.",
    "(APPLAUSE)",
};

std::vector<std::string> Header(const std::string& data_dir, const std::vector<Debate>& debates,
                                const std::vector<Example>& examples, const Model& model,
                                const TrainingOptions& options) {
  const auto worthy =
      std::count_if(examples.begin(), examples.end(), [](const Example& e) { return e.worthy; });
  return {
      "Factdesk check-worthiness model (English): a logistic regression over the features",
      "of checkworthy/features.cc. Made by scripts/train_checkworthy.sh; do not edit by hand.",
      fmt::format("Trained on the {} debates of ../shared/data/checkworthy-2019 (CLEF 2019",
                  debates.size()),
      fmt::format("CheckThat! task 1, training part; files fingerprint {}): {} sentences,",
                  Fingerprint(data_dir, debates), examples.size()),
      fmt::format("{} judged worth checking by factcheck.org.", worthy),
      fmt::format("Options: {}.", DescribeOptions(options)),
      fmt::format("{} features kept, weights rounded to 4 decimals, sorted by name.",
                  model.weights.size()),
  };
}

std::string ProbeFile(const Scorer& scorer) {
  std::string out = "# Scores of model/en.tsv (" + scorer.version() +
                    ") for fixed sentences, as train_checkworthy printed them.\n";
  for (const std::string_view probe : kProbes) {
    out += fmt::format("{:.17g}\t{}\n", scorer.Score(probe), probe);
  }
  return out;
}

}  // namespace

Result<TrainedFiles> TrainEnglishModel(const std::string& data_dir, const TrainingOptions& options,
                                       std::string_view version) {
  FD_ASSIGN_OR_RETURN(const std::vector<Debate> debates, ReadDebates(data_dir));
  const std::vector<Example> examples = ExamplesOf(debates);
  FD_ASSIGN_OR_RETURN(Model model, Train(examples, options));
  model.version = std::string(version);
  model.comments = Header(data_dir, debates, examples, model, options);
  TrainedFiles files{FormatModel(model), "", model.weights.size()};
  // The probes are scored by the file as it will be read back, not the model in memory.
  FD_ASSIGN_OR_RETURN(Model parsed, ParseModel(files.model));
  FD_ASSIGN_OR_RETURN(const Scorer scorer, Scorer::Make(std::move(parsed)));
  files.probes = ProbeFile(scorer);
  return files;
}

}  // namespace factdesk::checkworthy::tools
