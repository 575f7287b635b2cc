#include "checkworthy/english_model.h"

#include "common/embedded_file.h"

namespace factdesk {
// checkworthy/CMakeLists.txt embeds model/en.tsv (cmake/EmbedFiles.cmake).
extern const EmbeddedFile kCheckworthyModelFiles[];
extern const std::size_t kCheckworthyModelFiles_count;
}  // namespace factdesk

namespace factdesk::checkworthy {
namespace {

Result<Scorer> LoadEnglish() {
  auto model = ParseModel(EnglishModelText());
  if (!model.ok()) return model.status();
  return Scorer::Make(std::move(model).value());
}

}  // namespace

std::string_view EnglishModelText() {
  return kCheckworthyModelFiles[0].contents;
}

Result<const Scorer*> EnglishScorer() {
  static const Result<Scorer> scorer = LoadEnglish();
  if (!scorer.ok()) return scorer.status();
  return &scorer.value();
}

}  // namespace factdesk::checkworthy
