#include "client/ui/suggested_view.h"

#include <string>
#include <vector>

#include <imgui.h>

#include "client/ui/claim_style.h"
#include "client/ui/suggestion_card.h"
#include "client/ui/widgets.h"

namespace factdesk::ui {
namespace {

// The queue holds this many rows; the rest wait for the best to be decided.
constexpr std::size_t kQueueRows = 200;

// How far the scorer has got, or why it will not rank this transcript. Whether a queue
// follows.
bool ScoringLine(const v1::ScoringStatus* status) {
  if (status == nullptr) {
    ImGui::TextDisabled("No suggestions yet: the scorer has not reached this transcript.");
    return true;
  }
  switch (status->state()) {
    case v1::SCORING_STATE_NOT_ENGLISH:
      ImGui::PushTextWrapPos(0);
      ColoredText(palette::kWarn, "No suggestions for this transcript: " +
                                      (status->note().empty() ? std::string("it is not in English")
                                                              : status->note()));
      ImGui::TextDisabled("The scorer's model is English; it does not rank other languages.");
      ImGui::PopTextWrapPos();
      return false;
    case v1::SCORING_STATE_PENDING:
      ImGui::TextDisabled("scoring: %d of %d segments", status->scored_segments(),
                          status->segment_count());
      return true;
    case v1::SCORING_STATE_DONE:
    case v1::SCORING_STATE_UNSPECIFIED:
    default:
      ImGui::TextDisabled("model %s", status->scorer_version().c_str());
      return true;
  }
}

// "checked before": the best earlier check the server found for the sentence, with its
// verdict, publisher and the claim it reviewed; its url as text (nothing opens it).
void CheckedBeforeLine(ViewContext& ctx, const v1::CheckMatch& best) {
  const v1::ArchivedCheck& c = best.check();
  for (const std::string* text : {&c.claim_reviewed(), &c.author_name(), &c.rating_name()}) {
    ctx.state.glyphs.Add(*text);
  }
  ColoredText(palette::kGood, "checked before");
  ImGui::SameLine();
  const std::string verdict = c.rating_name().empty() ? c.rating_value() : c.rating_name();
  Chip(verdict.empty() ? "no verdict" : verdict, CheckVerdictColor(c));
  ImGui::SameLine();
  const std::string who = c.claim_id() != 0
                              ? "this desk (claim #" + std::to_string(c.claim_id()) + ")"
                              : (c.author_name().empty() ? "unknown publisher" : c.author_name());
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted((who + ": " + c.claim_reviewed()).c_str());
  ImGui::PopTextWrapPos();
  if (!c.url().empty()) DimWrapped(c.url());
}

void QueueRow(ViewContext& ctx, const v1::Suggestion& s, bool first) {
  UiState& st = ctx.state;
  ImGui::PushID(static_cast<int>(s.id()));
  SuggestionScore(s);
  ImGui::PushTextWrapPos(0);
  ctx.state.glyphs.Add(s.quote());
  const std::string label = "\xE2\x80\x9C" + s.quote() + "\xE2\x80\x9D";
  ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(palette::kText));
  ImGui::TextUnformatted(label.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show it in the reader");
  if (first) st.SetControlRect(Control::kFirstSuggestion, ItemRect());
  ImGui::Indent();
  SuggestionReasons(s);
  if (s.matches_size() > 0) CheckedBeforeLine(ctx, s.matches(0));
  ImGui::Unindent();
  SuggestionButtons(ctx, s);
  ImGui::PopID();
  ImGui::Separator();
  if (clicked) JumpToSuggestion(ctx, s.id());
}

}  // namespace

void JumpToSuggestion(ViewContext& ctx, std::int64_t suggestion_id) {
  UiState& st = ctx.state;
  const v1::Suggestion* s = ctx.model.suggestions().Find(suggestion_id);
  if (s == nullptr) return;
  st.tab = Tab::kReader;
  st.show_suggestions = true;
  st.suggestion_id = s->id();
  if (s->transcript_id() != st.transcript_id) st.transcript_id = s->transcript_id();
  st.scroll_to_ordinal = s->segment_ordinal();
}

void DrawSuggested(ViewContext& ctx) {
  UiState& st = ctx.state;
  const v1::Transcript* t = ctx.model.FindTranscript(st.transcript_id);
  if (t == nullptr) {
    ImGui::TextDisabled("Pick a transcript above.");
    return;
  }
  std::vector<const v1::Suggestion*> ranked = ctx.model.suggestions().Ranked(t->id());
  ImGui::Text("Suggested in %s (%zu open)", t->title().c_str(), ranked.size());
  ImGui::SameLine();
  ImGui::Checkbox("Underline in the reader (S)", &st.show_suggestions);
  st.SetControlRect(Control::kSuggestionsToggle, ItemRect());
  ImGui::SameLine();
  ImGui::Checkbox("only checked before", &st.only_checked_before);
  st.SetControlRect(Control::kOnlyCheckedBefore, ItemRect());
  if (st.only_checked_before) {
    std::erase_if(ranked, [](const v1::Suggestion* s) { return s->matches_size() == 0; });
  }
  if (!ScoringLine(ctx.model.suggestions().Status(t->id()))) return;
  ImGui::Separator();
  ImGui::BeginChild("##queue", ImVec2(0, 0));
  for (std::size_t i = 0; i < ranked.size() && i < kQueueRows; ++i) {
    QueueRow(ctx, *ranked[i], i == 0);
  }
  if (ranked.size() > kQueueRows) {
    ImGui::TextDisabled("and %zu more below %.2f", ranked.size() - kQueueRows,
                        ranked[kQueueRows - 1]->score());
  }
  ImGui::EndChild();
}

}  // namespace factdesk::ui
