// checkworthy: scores a debate's lines offline, with the scorer the server uses.
#include <iostream>

#include <fmt/format.h>

#include "checkworthy/clef_tsv.h"
#include "checkworthy/english_model.h"
#include "client/cli/context.h"
#include "client/cli/output.h"

namespace factdesk::cli {
namespace {

struct CheckworthyOptions {
  std::string file;
  bool explain = false;
  int reasons = 3;
};

std::string_view KindOf(const checkworthy::ClefLine& line) {
  return import::SegmentKindName(line.speaker == checkworthy::kClefSystemSpeaker
                                     ? import::SegmentKind::kCue
                                     : import::SegmentKind::kSpeech);
}

nlohmann::json LineJson(const checkworthy::ClefLine& line, const checkworthy::Explained& e) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& r : e.reasons) {
    reasons.push_back({{"feature", r.feature}, {"text", r.text}, {"weight", r.weight}});
  }
  return {{"line", line.number},
          {"speaker", line.speaker},
          {"kind", KindOf(line)},
          {"score", e.score},
          {"reasons", reasons}};
}

// Every line is read before anything is printed, so a malformed file prints nothing.
Status Checkworthy(const Context& ctx, const CheckworthyOptions& o) {
  FD_ASSIGN_OR_RETURN(const std::string bytes, ReadInputFile("FILE", o.file));
  FD_ASSIGN_OR_RETURN(const auto lines, checkworthy::ParseClefTsv(bytes, o.file));
  FD_ASSIGN_OR_RETURN(const checkworthy::Scorer* scorer, checkworthy::EnglishScorer());
  const std::size_t reasons = o.explain || ctx.json() ? static_cast<std::size_t>(o.reasons) : 0;
  nlohmann::json json = nlohmann::json::array();
  std::string out;
  for (const auto& line : lines) {
    // A CLEF line is one sentence: it is scored whole, as the model was trained.
    const checkworthy::Explained e = scorer->Explain(line.text, reasons);
    if (ctx.json()) {
      json.push_back(LineJson(line, e));
      continue;
    }
    out += fmt::format("{}\t{:.6f}", line.number, e.score);
    for (std::size_t i = 0; i < e.reasons.size(); ++i) {
      out += (i == 0 ? "\t" : "; ") + e.reasons[i].text;
    }
    out += '\n';
  }
  if (ctx.json()) {
    PrintJson({{"model", scorer->version()}, {"lines", json}});
  } else {
    std::cout << out;
  }
  return Status::Ok();
}

}  // namespace

void AddCheckworthyCommand(Context& ctx, CLI::App& app) {
  auto o = std::make_shared<CheckworthyOptions>();
  auto* cmd = ctx.Command(
      app, "checkworthy",
      "Score a debate's lines (line<TAB>speaker<TAB>text[<TAB>label]) for check-worthiness, "
      "offline: prints line<TAB>score",
      [&ctx, o] { return Checkworthy(ctx, *o); });
  cmd->add_option("FILE", o->file, "Debate in the CLEF CheckThat! format")->required();
  cmd->add_flag("--explain", o->explain, "Print the reasons after each score");
  cmd->add_option("--reasons", o->reasons, "Reasons per line with --explain or --json (default 3)")
      ->check(CLI::Range(1, 20));
  ctx.AddJsonFlag(cmd);
}

}  // namespace factdesk::cli
