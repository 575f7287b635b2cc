#include "checkworthy/model.h"

#include <charconv>
#include <cmath>

#include "checkworthy/features.h"
#include "common/text_prefix.h"
#include "common/utf8.h"

namespace factdesk::checkworthy {
namespace {

constexpr std::size_t kMaxVersion = 64;

Status LineError(std::size_t line, const std::string& problem) {
  return Status::InvalidArgument("model", "line " + std::to_string(line) + ": " + problem);
}

std::string QuoteField(std::string_view text) {
  return QuotedPrefix(text, 60);
}

bool ParseNumber(std::string_view text, double& value) {
  if (text.empty() || text.front() == '+') return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

bool IsVersion(std::string_view v) {
  if (v.empty() || v.size() > kMaxVersion) return false;
  for (const char c : v) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Why a feature name does not belong to `set`, or "" when it does.
std::string FeatureProblem(std::string_view name, const FeatureSet& set) {
  const auto term_of = [name](std::string_view family) { return name.substr(family.size()); };
  std::string_view term;
  bool allowed = false;
  if (name.starts_with(kCueFamily)) {
    term = term_of(kCueFamily);
    if (set.cues && !term.empty() && !CueDescription(term)) return "unknown named feature";
    allowed = set.cues;
  } else if (name.starts_with(kBigramFamily)) {
    term = term_of(kBigramFamily);
    allowed = set.bigrams;
  } else if (name.starts_with(kWordFamily)) {
    term = term_of(kWordFamily);
    allowed = set.words;
  } else if (name.starts_with(kCharFamily)) {
    term = term_of(kCharFamily);
    allowed = set.char_max > 0;
  } else {
    return "unknown feature family (cue:, w:, w2:, c:)";
  }
  if (!allowed) return "its family is not in the model's features (" + FeatureSetName(set) + ")";
  if (term.empty()) return "the feature has no name after its family";
  return "";
}

// Reads the file line by line, the header first, then the weights.
class ModelReader {
 public:
  Result<Model> Read(std::string_view text) {
    if (const auto bad = utf8::FirstInvalidByte(text)) {
      return Status::InvalidArgument("model", "invalid UTF-8 at byte " + std::to_string(*bad));
    }
    std::size_t number = 0;
    while (!text.empty()) {
      const auto newline = text.find('\n');
      std::string_view line = text.substr(0, newline);
      text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
      ++number;
      if (line.ends_with('\r')) line.remove_suffix(1);
      FD_RETURN_IF_ERROR(ReadLine(number, line));
    }
    if (stage_ < kWeights) {
      return LineError(number + 1, "expected '" + std::string(kKeys[stage_]) + "<TAB>...'");
    }
    if (model_.weights.empty()) return LineError(number + 1, "the model has no features");
    return std::move(model_);
  }

 private:
  enum Stage { kKind, kVersion, kFeatures, kBias, kWeights };
  static constexpr std::string_view kKeys[] = {"model", "version", "features", "bias"};

  Status ReadLine(std::size_t number, std::string_view line) {
    if (line.starts_with('#')) {
      if (stage_ != kKind) return LineError(number, "comments belong before the 'model' line");
      line.remove_prefix(line.starts_with("# ") ? 2 : 1);
      model_.comments.emplace_back(line);
      return Status::Ok();
    }
    if (line.empty()) return Status::Ok();
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos || line.find('\t', tab + 1) != std::string_view::npos) {
      return LineError(number, "expected two fields separated by a tab");
    }
    const std::string_view key = line.substr(0, tab);
    const std::string_view value = line.substr(tab + 1);
    return stage_ < kWeights ? ReadHeader(number, key, value) : ReadWeight(number, key, value);
  }

  Status ReadHeader(std::size_t number, std::string_view key, std::string_view value) {
    if (key != kKeys[stage_]) {
      return LineError(number, "expected '" + std::string(kKeys[stage_]) + "<TAB>...', found " +
                                   QuoteField(key));
    }
    if (stage_ == kKind && value != kModelKind) {
      return LineError(number,
                       "this is not a " + std::string(kModelKind) + " model: " + QuoteField(value));
    }
    if (stage_ == kVersion) {
      if (!IsVersion(value)) {
        return LineError(number, "the version " + QuoteField(value) +
                                     " must be 1 to 64 letters, digits, '.', '-' or '_'");
      }
      model_.version = std::string(value);
    }
    if (stage_ == kFeatures) {
      auto set = ParseFeatureSet(value);
      if (!set.ok()) return LineError(number, set.status().message());
      model_.features = *set;
    }
    if (stage_ == kBias && !ParseNumber(value, model_.bias)) {
      return LineError(number, "the bias " + QuoteField(value) + " is not a number");
    }
    stage_ = static_cast<Stage>(stage_ + 1);
    return Status::Ok();
  }

  Status ReadWeight(std::size_t number, std::string_view name, std::string_view value) {
    if (const std::string problem = FeatureProblem(name, model_.features); !problem.empty()) {
      return LineError(number, QuoteField(name) + ": " + problem);
    }
    double weight = 0;
    if (!ParseNumber(value, weight)) {
      return LineError(number, "the weight " + QuoteField(value) + " of " + QuoteField(name) +
                                   " is not a number");
    }
    if (!model_.weights.empty() && name <= model_.weights.back().first) {
      return LineError(number, QuoteField(name) + (name == model_.weights.back().first
                                                       ? " appears twice"
                                                       : " is out of order (features are sorted "
                                                         "by name)"));
    }
    model_.weights.emplace_back(std::string(name), weight);
    return Status::Ok();
  }

  Stage stage_ = kKind;
  Model model_;
};

void AppendNumber(std::string& out, double value) {
  char buffer[64];
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 4);
  out.append(buffer, ec == std::errc() ? end : buffer);
}

}  // namespace

Result<Model> ParseModel(std::string_view text) {
  return ModelReader().Read(text);
}

double RoundWeight(double value) {
  const double rounded = std::round(value * 1e4) / 1e4;
  return rounded == 0 ? 0.0 : rounded;  // no "-0.0000"
}

std::string FormatModel(const Model& model) {
  std::string out;
  for (const auto& comment : model.comments) out += (comment.empty() ? "#" : "# ") + comment + "\n";
  out += "model\t" + std::string(kModelKind) + "\n";
  out += "version\t" + model.version + "\n";
  out += "features\t" + FeatureSetName(model.features) + "\n";
  out += "bias\t";
  AppendNumber(out, model.bias);
  out += "\n";
  for (const auto& [name, weight] : model.weights) {
    out += name;
    out += '\t';
    AppendNumber(out, weight);
    out += '\n';
  }
  return out;
}

}  // namespace factdesk::checkworthy
