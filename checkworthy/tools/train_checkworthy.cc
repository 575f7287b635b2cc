// train_checkworthy: trains the check-worthiness model on the labelled debates and writes
// the model file and the scores it gives a few fixed sentences (the unit tests check that
// the compiled-in model gives exactly these). scripts/train_checkworthy.sh runs it.
#include <iostream>

#include <CLI/CLI.hpp>

#include "checkworthy/tools/debate_files.h"
#include "checkworthy/tools/english_training.h"

namespace factdesk::checkworthy::tools {
namespace {

struct Flags {
  std::string data;
  std::string out;
  std::string probes;
  std::string version{kEnglishVersion};
  std::string features = FeatureSetName(TrainingOptions{}.features);
  TrainingOptions options;
};

Status Run(Flags& f) {
  FD_ASSIGN_OR_RETURN(f.options.features, ParseFeatureSet(f.features));
  FD_ASSIGN_OR_RETURN(const TrainedFiles files, TrainEnglishModel(f.data, f.options, f.version));
  FD_RETURN_IF_ERROR(WriteFile(f.out, files.model));
  if (!f.probes.empty()) FD_RETURN_IF_ERROR(WriteFile(f.probes, files.probes));
  std::cout << f.out << ": " << files.features << " features\n" << files.probes;
  return Status::Ok();
}

}  // namespace
}  // namespace factdesk::checkworthy::tools

int main(int argc, char** argv) {
  factdesk::checkworthy::tools::Flags f;
  auto& o = f.options;
  CLI::App app{"train_checkworthy: trains the check-worthiness model on labelled debates"};
  app.add_option("--data", f.data, "directory of labelled CLEF .tsv files")->required();
  app.add_option("--out", f.out, "the model file to write")->required();
  app.add_option("--probes", f.probes, "where to write the fixed sentences' scores");
  app.add_option("--version", f.version, "the model's version")->capture_default_str();
  // The defaults are the shipped model's; the unit tests train with them.
  app.add_option("--features", f.features, "feature families")->capture_default_str();
  app.add_option("--l2", o.l2)->capture_default_str();
  app.add_option("--cue-l2", o.cue_l2)->capture_default_str();
  app.add_option("--positive-weight", o.positive_weight)->capture_default_str();
  app.add_option("--min-count", o.min_count)->capture_default_str();
  app.add_option("--max-features", o.max_features)->capture_default_str();
  app.add_option("--min-weight", o.min_weight)->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  const factdesk::Status status = factdesk::checkworthy::tools::Run(f);
  if (!status.ok()) {
    std::cerr << "train_checkworthy: " << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
