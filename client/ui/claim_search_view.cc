#include "client/ui/claim_search_view.h"

#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/claim_style.h"
#include "client/ui/dashboard_view.h"
#include "client/ui/imgui_text_measure.h"
#include "client/ui/snippet_marks.h"
#include "client/ui/widgets.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

constexpr v1::ClaimStatus kStates[] = {v1::CLAIM_STATUS_OPEN,      v1::CLAIM_STATUS_IN_REVIEW,
                                       v1::CLAIM_STATUS_DISPUTED,  v1::CLAIM_STATUS_RESOLVED,
                                       v1::CLAIM_STATUS_PUBLISHED, v1::CLAIM_STATUS_DISMISSED};

// A text field that searches on Enter (and keeps the keyboard for the next search).
bool SearchField(const char* id, const char* hint, std::string& text, float width, bool& focus) {
  ImGui::SetNextItemWidth(width);
  if (focus) {
    ImGui::SetKeyboardFocusHere();
    focus = false;
  }
  const bool enter =
      ImGui::InputTextWithHint(id, hint, &text, ImGuiInputTextFlags_EnterReturnsTrue);
  if (enter) focus = true;
  return enter;
}

// One checkbox per state, in its state's colour. Whether one changed.
bool StateChecks(UiState& st) {
  bool changed = false;
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("State");
  for (const v1::ClaimStatus status : kStates) {
    ImGui::SameLine();
    bool on = st.claim_search.statuses.contains(status);
    const std::string label = std::string(v1::ClaimStatusLabel(status)) + "##search";
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ToVec4(StatusColor(status)));
    if (ImGui::Checkbox(label.c_str(), &on)) {
      changed = true;
      if (on) {
        st.claim_search.statuses.insert(status);
      } else {
        st.claim_search.statuses.erase(status);
      }
    }
    ImGui::PopStyleColor();
    if (status == v1::CLAIM_STATUS_OPEN)
      st.SetControlRect(Control::kClaimSearchOpenState, ItemRect());
  }
  return changed;
}

// The verdicts of the workspace's rating scale. Whether the choice changed.
bool VerdictCombo(const v1::RatingScale& scale, std::string& verdict) {
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (!ImGui::BeginCombo("##verdict", verdict.empty() ? "Any verdict" : verdict.c_str())) {
    return false;
  }
  if (ImGui::Selectable("Any verdict", verdict.empty()) && !verdict.empty()) {
    verdict.clear();
    changed = true;
  }
  for (const auto& label : scale.labels()) {
    if (ImGui::Selectable(label.label().c_str(), label.label() == verdict) &&
        label.label() != verdict) {
      verdict = label.label();
      changed = true;
    }
  }
  ImGui::EndCombo();
  return changed;
}

// The query field and the filters. Whether to search now.
bool DrawSearchControls(ViewContext& ctx) {
  UiState& st = ctx.state;
  ClaimSearchSpec& spec = st.claim_search;
  const float fs = ImGui::GetFontSize();
  bool search =
      SearchField("##claimsearch", "Search claims: words, \"a phrase\", -word, or (Enter)",
                  spec.query, fs * 26, st.focus_claim_search);
  st.SetControlRect(Control::kClaimSearchInput, ItemRect());
  ImGui::SameLine();
  search |= ImGui::SmallButton("Search##claims");
  bool changed = StateChecks(st);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Verdict");
  ImGui::SameLine();
  changed |= VerdictCombo(ctx.model.workspace().rating_scale(), spec.verdict);
  ImGui::SameLine();
  bool unfocused = false;
  search |= SearchField("##speaker", "speaker (Enter)", spec.speaker, fs * 9, unfocused);
  ImGui::SameLine();
  search |= SearchField("##tag", "tag (Enter)", spec.tag, fs * 8, unfocused);
  st.SetControlRect(Control::kClaimSearchTag, ItemRect());
  ImGui::SameLine();
  changed |= ImGui::Checkbox("This transcript only", &spec.this_transcript);
  if (spec.has_filters()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Clear filters")) {
      const std::string query = spec.query;
      spec = {};
      spec.query = query;
      changed = true;
    }
  }
  // A filter changed under a search already made: the hits follow it.
  return search || (changed && !ctx.session.claim_search.request.query().empty());
}

// The snippet wrapped to `width` at `origin`, its matches on the search-hit colour.
void DrawSnippet(const MarkedSnippet& snippet, const TextLayout& layout,
                 const ImGuiTextMeasure& measure, ImVec2 origin) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (const auto& [begin, end] : snippet.matches) {
    for (const Rect& r : RangeRects(snippet.text, layout, begin, end, measure)) {
      draw->AddRectFilled(ImVec2(origin.x + r.x0, origin.y + r.y0),
                          ImVec2(origin.x + r.x1, origin.y + r.y1), ToU32(palette::kSearchHit),
                          2.0F);
    }
  }
  const char* text = snippet.text.data();
  for (std::size_t i = 0; i < layout.lines.size(); ++i) {
    const LineSpan& line = layout.lines[i];
    draw->AddText(ImVec2(origin.x, origin.y + layout.line_height * static_cast<float>(i)),
                  ToU32(palette::kText), text + line.begin, text + line.end);
  }
}

// The hit's first line: number, state and verdict, speaker, transcript, where it matched.
void HitHeader(ViewContext& ctx, const v1::Claim& c, v1::ClaimField field) {
  ImGui::Text("#%lld", static_cast<long long>(c.id()));
  ImGui::SameLine();
  Chip(v1::ClaimStatusLabel(c.status()), StatusColor(c.status()));
  if (c.has_final_verdict() && !c.final_verdict().label().empty()) {
    ImGui::SameLine();
    Chip(c.final_verdict().label(), VerdictColor(c.final_verdict()));
  }
  const std::string& speaker = c.claimant().empty() ? c.speaker() : c.claimant();
  if (!speaker.empty()) {
    ImGui::SameLine();
    ctx.state.glyphs.Add(speaker);
    ColoredText(SpeakerColor(speaker), speaker);
  }
  if (const v1::Transcript* t = ctx.model.FindTranscript(c.transcript_id())) {
    ImGui::SameLine();
    ctx.state.glyphs.Add(t->title());
    ImGui::TextDisabled("in %s", t->title().c_str());
  }
  ImGui::SameLine();
  ImGui::TextDisabled("- matched %s", std::string(MatchedFieldLabel(field)).c_str());
  for (const auto& tag : c.tags()) {
    ImGui::SameLine();
    ImGui::TextDisabled("#%s", tag.c_str());
  }
}

// One hit, clickable as a whole: it opens the claim.
void DrawHit(ViewContext& ctx, const v1::ClaimSearchHit& hit, bool first) {
  // The replica's copy is newer than the hit's when the claim changed since.
  const v1::Claim* live = ctx.model.FindClaim(hit.claim().id());
  const v1::Claim& c = live != nullptr ? *live : hit.claim();
  const MarkedSnippet snippet = MarkSnippet(hit.snippet());
  ctx.state.glyphs.Add(snippet.text);
  const float fs = ImGui::GetFontSize();
  const ImGuiTextMeasure measure(ImGui::GetFont(), fs);
  const float width = ImGui::GetContentRegionAvail().x;
  const TextLayout layout = LayoutText(snippet.text, std::max(fs * 8, width - fs), measure);
  const float head_h = ImGui::GetTextLineHeightWithSpacing() + 2;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::PushID(static_cast<int>(c.id()));
  if (ImGui::Selectable("##hit", false, ImGuiSelectableFlags_AllowItemOverlap,
                        ImVec2(width, head_h + layout.height()))) {
    JumpToClaim(ctx, c.id());
  }
  if (first) ctx.state.SetControlRect(Control::kFirstClaimHit, ItemRect());
  const ImVec2 after = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(top);
  HitHeader(ctx, c, hit.field());
  DrawSnippet(snippet, layout, measure, ImVec2(top.x + fs, top.y + head_h));
  ImGui::SetCursorScreenPos(after);
  ImGui::PopID();
}

// What the list says besides its hits: what to type, "searching...", the server's
// refusal, no hits, or how many.
void SearchStatus(const UiState& st, const ClaimSearchResults& r) {
  if (!HasSearchWords(st.claim_search.query)) {
    DimWrapped(
        "Type words to search every claim's quote, summary, review rationales, notes and "
        "source titles, then press Enter: \"a phrase\" in quotes, -word to leave out, "
        "or between words for either. The filters narrow the hits.");
  } else if (!r.error.empty()) {
    ColoredText(palette::kBad, r.error);
  } else if (r.request.query().empty()) {
    ImGui::TextDisabled("Press Enter to search.");
  } else if (r.loading && r.hits.empty()) {
    ImGui::TextDisabled("searching...");
  } else if (r.hits.empty()) {
    ImGui::TextDisabled("No claims match \"%s\"%s.", r.request.query().c_str(),
                        Filtered(r.request) ? " with these filters" : "");
  } else {
    ImGui::TextDisabled("%d of %d claims matching \"%s\", best first",
                        static_cast<int>(r.hits.size()), r.total, r.request.query().c_str());
  }
}

void DrawHits(ViewContext& ctx) {
  const ClaimSearchResults& r = ctx.session.claim_search;
  if (!HasSearchWords(ctx.state.claim_search.query) || !r.error.empty()) return;
  ImGui::BeginChild("##claimhits", ImVec2(0, 0));
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    DrawHit(ctx, r.hits[i], i == 0);
    ImGui::Separator();
  }
  if (!r.next_page_token.empty()) {
    if (ButtonIf(!r.loading, r.loading ? "loading...###more" : "more###more")) {
      v1::SearchClaimsRequest next = r.request;
      next.set_page_token(r.next_page_token);
      ctx.Emit(action::SearchClaims{next});
    }
    ctx.state.SetControlRect(Control::kClaimSearchMore, ItemRect());
  }
  ImGui::EndChild();
}

}  // namespace

void DrawClaimSearch(ViewContext& ctx) {
  UiState& st = ctx.state;
  ctx.state.glyphs.Add(st.claim_search.query);
  if (DrawSearchControls(ctx) && HasSearchWords(st.claim_search.query)) {
    ctx.Emit(action::SearchClaims{
        MakeClaimSearchRequest(st.claim_search, ctx.model.workspace().id(), st.transcript_id)});
  }
  SearchStatus(st, ctx.session.claim_search);
  DrawHits(ctx);
}

}  // namespace factdesk::ui
