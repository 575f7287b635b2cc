#pragma once

#include <string>

#include "checkworthy/training.h"
#include "common/result.h"

// What scripts/train_checkworthy.sh makes, made in one place so the unit tests can check
// that training reproduces the committed files byte for byte.
namespace factdesk::checkworthy::tools {

inline constexpr std::string_view kEnglishVersion = "en-2019.1";

struct TrainedFiles {
  std::string model;   // checkworthy/model/en.tsv
  std::string probes;  // checkworthy/model/en_probes.tsv: "score<TAB>sentence" lines
  std::size_t features = 0;
};

// Trains on every labelled debate in `data_dir` and formats the model file (its header
// says how it was made) and the scores the model, as read back from that file, gives a
// few fixed sentences (printed with 17 significant digits, so exactly).
Result<TrainedFiles> TrainEnglishModel(const std::string& data_dir, const TrainingOptions& options,
                                       std::string_view version = kEnglishVersion);

}  // namespace factdesk::checkworthy::tools
