#include "client/ui/dashboard_view.h"

#include <algorithm>
#include <cmath>

#include "client/ui/claim_style.h"
#include "client/ui/dashboard_figures.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

// A horizontal bar chart: labels on the left, bars and counts on the right.
void BarChart(const char* id, const std::vector<BarItem>& items) {
  const float fs = ImGui::GetFontSize();
  const float label_w = fs * 9;
  const float row_h = fs * 1.5F;
  const float width = std::max(fs * 6, ImGui::GetContentRegionAvail().x - label_w - fs * 3);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const auto rects = BarRects(items, width, row_h, fs * 0.3F);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Rect& r = rects[i];
    draw->AddText(ImVec2(origin.x, origin.y + r.y0), ToU32(palette::kText), items[i].label.c_str());
    const ImVec2 a(origin.x + label_w + r.x0, origin.y + r.y0);
    const ImVec2 b(origin.x + label_w + r.x1, origin.y + r.y1);
    draw->AddRectFilled(a, ImVec2(origin.x + label_w + width, b.y),
                        ToU32(Mix(palette::kDimText, palette::kReaderBg, 0.12F)), 3.0F);
    if (r.x1 > r.x0) draw->AddRectFilled(a, b, ToU32(items[i].color), 3.0F);
    const std::string n = std::to_string(items[i].value);
    draw->AddText(ImVec2(b.x + fs * 0.4F, a.y), ToU32(palette::kDimText), n.c_str());
  }
  ImGui::Dummy(
      ImVec2(label_w + width, row_h * static_cast<float>(std::max<std::size_t>(1, items.size()))));
  (void)id;
}

void SpeakerChart(const std::vector<StackedRow>& rows) {
  const float fs = ImGui::GetFontSize();
  const float label_w = fs * 9;
  const float row_h = fs * 1.5F;
  const float width = std::max(fs * 6, ImGui::GetContentRegionAvail().x - label_w - fs * 4);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const auto rects = StackedRects(rows, width, row_h, fs * 0.3F);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const float y0 = origin.y + static_cast<float>(i) * row_h;
    draw->AddText(ImVec2(origin.x, y0), ToU32(SpeakerColor(rows[i].label)), rows[i].label.c_str());
    float end = origin.x + label_w;
    for (std::size_t j = 0; j < rects[i].size(); ++j) {
      const Rect& r = rects[i][j];
      if (r.x1 <= r.x0) continue;
      draw->AddRectFilled(ImVec2(origin.x + label_w + r.x0, origin.y + r.y0),
                          ImVec2(origin.x + label_w + r.x1, origin.y + r.y1),
                          ToU32(rows[i].segments[j].color));
      end = origin.x + label_w + r.x1;
    }
    const std::string n =
        std::to_string(rows[i].total) + (rows[i].total == 1 ? " claim" : " claims");
    draw->AddText(ImVec2(end + fs * 0.4F, y0), ToU32(palette::kDimText), n.c_str());
  }
  ImGui::Dummy(
      ImVec2(label_w + width, row_h * static_cast<float>(std::max<std::size_t>(1, rows.size()))));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (ImGui::IsMouseHoveringRect(
            ImVec2(origin.x, origin.y + static_cast<float>(i) * row_h),
            ImVec2(origin.x + label_w + width, origin.y + static_cast<float>(i + 1) * row_h))) {
      std::string tip;
      for (const auto& s : rows[i].segments) tip += s.label + ": " + std::to_string(s.value) + "\n";
      if (!tip.empty()) ImGui::SetTooltip("%s", tip.c_str());
    }
  }
}

// Progress and the verdict mix on the left, verdicts per speaker on the right.
void DrawCharts(const v1::Dashboard& d, const v1::RatingScale& scale) {
  const float half = ImGui::GetContentRegionAvail().x * 0.5F;
  ImGui::Columns(2, "##dashcols", false);
  ImGui::SetColumnWidth(0, half);
  ImGui::Text("Progress  (%s)", ProgressHeading(d).c_str());
  BarChart("status", StatusBars(d));
  if (d.median_seconds_to_resolution() > 0) {
    ImGui::TextDisabled(
        "median time to resolution: %s",
        FormatDuration(static_cast<std::int64_t>(d.median_seconds_to_resolution())).c_str());
  }
  ImGui::Spacing();
  ImGui::Text("Verdict mix");
  const auto verdicts = VerdictBars(d, scale);
  if (verdicts.empty()) {
    ImGui::TextDisabled("no final verdicts yet");
  } else {
    BarChart("verdicts", verdicts);
  }
  ImGui::NextColumn();
  ImGui::Text("Verdicts per speaker");
  const auto speakers = SpeakerRows(d, scale);
  if (speakers.empty()) {
    ImGui::TextDisabled("no claims yet");
  } else {
    SpeakerChart(speakers);
  }
  ImGui::Columns(1);
}

// Each checker's workload.
void DrawCheckers(ViewContext& ctx, const v1::Dashboard& d) {
  ImGui::Text("Checkers");
  if (!ImGui::BeginTable("##checkers", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    return;
  }
  ImGui::TableSetupColumn("Checker");
  ImGui::TableSetupColumn("Assigned");
  ImGui::TableSetupColumn("Reviewed");
  ImGui::TableSetupColumn("Waiting for their review");
  ImGui::TableHeadersRow();
  for (const auto& c : d.checkers()) {
    ctx.state.glyphs.Add(c.user().display_name());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ColoredText(SpeakerColor(c.user().handle()), v1::NameOf(c.user()));
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.assigned());
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.reviewed());
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.waiting());
  }
  ImGui::EndTable();
}

// Open disputes, oldest first; a row opens its claim.
void DrawOpenDisputes(ViewContext& ctx, const v1::Dashboard& d) {
  ImGui::Text("Open disputes (%d)", d.open_disputes_size());
  if (!ImGui::BeginTable("##disputes", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    return;
  }
  ImGui::TableSetupColumn("Claim", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Verdicts");
  ImGui::TableSetupColumn("Open for");
  ImGui::TableHeadersRow();
  for (const auto& od : d.open_disputes()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(static_cast<int>(od.dispute_id()));
    ctx.state.glyphs.Add(od.claim_summary());  // a Chinese name the atlas may lack
    if (ImGui::Selectable(od.claim_summary().c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      JumpToClaim(ctx, od.claim_id());
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    std::string v;
    for (const auto& s : od.verdicts()) v += (v.empty() ? "" : " / ") + s;
    ImGui::TextUnformatted(v.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(FormatDuration(od.age_seconds()).c_str());
  }
  ImGui::EndTable();
}

// Claims nobody has found a source for yet; a row opens its claim.
void DrawClaimsWithoutSource(ViewContext& ctx, const v1::Dashboard& d) {
  ImGui::Text("Claims without a source (%d)", d.claims_without_source());
  for (const std::int64_t id : d.claims_without_source_ids()) {
    const v1::Claim* c = ctx.model.FindClaim(id);
    ImGui::PushID(static_cast<int>(id));
    std::string label = c != nullptr ? c->summary() : std::string("#");
    if (c == nullptr) label += std::to_string(id);
    ctx.state.glyphs.Add(label);  // the atlas must hold what is shown
    if (ImGui::Selectable(label.c_str())) JumpToClaim(ctx, id);
    if (id == d.claims_without_source_ids(0)) {
      ctx.state.SetControlRect(Control::kFirstUnsourcedClaim, ItemRect());
    }
    ImGui::PopID();
  }
}

// Claims per tag, most first; a row shows those claims in the reader (its tag filter).
void DrawTags(ViewContext& ctx, const v1::Dashboard& d) {
  ImGui::Text("Claims by tag");
  if (d.by_tag().empty()) {
    ImGui::TextDisabled("no tags yet");
    return;
  }
  for (const auto& t : d.by_tag()) {
    ImGui::PushID(t.tag().c_str());
    const std::string label = "#" + t.tag() + "  " + std::to_string(t.count());
    if (ImGui::Selectable(label.c_str())) {
      ctx.state.filter.tag = t.tag();
      ctx.state.filter_open = true;
      ctx.state.tab = Tab::kReader;
    }
    if (t.tag() == d.by_tag(0).tag()) ctx.state.SetControlRect(Control::kFirstTagRow, ItemRect());
    ImGui::PopID();
  }
}

// What became of the scorer's suggestions, and the claims it ranked low (where it misses);
// a row opens its claim.
void DrawSuggestionCounts(ViewContext& ctx, const v1::Dashboard& d) {
  if (!d.has_suggestions()) return;
  const v1::SuggestionCounts& s = d.suggestions();
  ImGui::Text("Suggestions");
  ImGui::TextDisabled("accepted %d, dismissed %d, open %d; claims the scorer ranked low: %d",
                      s.accepted(), s.dismissed(), s.open(), s.claims_ranked_low());
  for (const std::int64_t id : s.claims_ranked_low_ids()) {
    const v1::Claim* c = ctx.model.FindClaim(id);
    ImGui::PushID(static_cast<int>(id));
    std::string label = c != nullptr ? c->quote() : "#" + std::to_string(id);
    ctx.state.glyphs.Add(label);
    if (ImGui::Selectable(("ranked low: " + label).c_str())) JumpToClaim(ctx, id);
    ImGui::PopID();
  }
}

// A live transcript's progress: segments in, claims marked and how fast, corrections.
void DrawLiveProgress(const v1::Dashboard& d) {
  if (!d.has_live() || d.live().state() == v1::TRANSCRIPT_STATE_UNSPECIFIED) return;
  const v1::LiveProgress& l = d.live();
  ImGui::Text("Live transcript (%s)", l.state() == v1::TRANSCRIPT_STATE_LIVE ? "live" : "closed");
  ImGui::TextDisabled(
      "segments in %d, claims marked %d, median time to mark %s, corrected segments %d, "
      "claims with a changed quote %d",
      l.segments(), l.claims_marked(),
      l.median_seconds_to_mark() > 0
          ? FormatDuration(std::lround(l.median_seconds_to_mark())).c_str()
          : "-",
      l.corrected_segments(), l.claims_quote_changed());
}

}  // namespace

void JumpToClaim(ViewContext& ctx, std::int64_t claim_id) {
  ctx.state.claim_id = claim_id;
  ctx.state.tab = Tab::kReader;
  if (const v1::Claim* c = ctx.model.FindClaim(claim_id)) {
    if (c->transcript_id() != ctx.state.transcript_id) {
      ctx.state.transcript_id = c->transcript_id();
      ctx.Emit(action::OpenTranscript{c->transcript_id()});
    }
    ctx.state.scroll_to_ordinal = c->segment_ordinal();
  }
  ctx.Emit(action::OpenClaim{claim_id});
}

void DrawDashboard(ViewContext& ctx) {
  const auto& d = ctx.session.dashboard;
  if (ImGui::SmallButton("Refresh")) ctx.Emit(action::RefreshDashboard{});
  ImGui::SameLine();
  if (ctx.session.dashboard_loading) {
    ImGui::TextDisabled("updating...");
  } else if (d) {
    ImGui::TextDisabled("as of event %lld", static_cast<long long>(d->as_of_seq()));
  }
  if (!d) {
    ImGui::TextDisabled("Loading the dashboard...");
    return;
  }
  // The figures follow the transcript chosen in the reader.
  const v1::Transcript* t = ctx.model.FindTranscript(d->transcript_id());
  const std::string scope = d->transcript_id() == 0 ? "whole workspace"
                            : t != nullptr          ? "transcript: " + t->title()
                                                    : "one transcript";
  ImGui::SameLine();
  ImGui::TextDisabled("%s", scope.c_str());
  ImGui::BeginChild("##dash", ImVec2(0, 0));
  DrawLiveProgress(*d);
  DrawCharts(*d, ctx.model.workspace().rating_scale());
  ImGui::Separator();
  DrawCheckers(ctx, *d);
  ImGui::Spacing();
  DrawOpenDisputes(ctx, *d);
  ImGui::Spacing();
  DrawClaimsWithoutSource(ctx, *d);
  ImGui::Spacing();
  DrawTags(ctx, *d);
  ImGui::Spacing();
  DrawSuggestionCounts(ctx, *d);
  ImGui::EndChild();
}

}  // namespace factdesk::ui
