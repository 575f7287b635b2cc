#include "client/ui/main_view.h"

#include <algorithm>

#include <imgui_internal.h>

#include "client/ui/claim_navigation.h"
#include "client/ui/claim_search_view.h"
#include "client/ui/dashboard_view.h"
#include "client/ui/disputes_view.h"
#include "client/ui/help_overlay.h"
#include "client/ui/import_view.h"
#include "client/ui/inspector_view.h"
#include "client/ui/keys.h"
#include "client/ui/mark_confirm.h"
#include "client/ui/status_bar.h"
#include "client/ui/suggested_view.h"
#include "client/ui/widgets.h"
#include "proto/claim_checks.h"

namespace factdesk::ui {
namespace {

bool Pressed(int key) {
  return ImGui::IsKeyPressed(key, false);
}

// A text field holds the keyboard (letter shortcuts stay off).
bool IsTyping() {
  const ImGuiContext& g = *GImGui;
  return g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId;
}

// Esc closes the innermost thing open: help, search, the selection (or caret), then the
// claim.
void CloseInnermost(UiState& st) {
  if (st.help_open) {
    st.help_open = false;
  } else if (st.suggestion_card) {
    st.suggestion_card = false;
  } else if (st.search_open) {
    st.search_open = false;
  } else if (st.selection.segment_id != 0) {  // a selection, or a keyboard caret
    st.selection.Clear();
  } else {
    st.claim_id = 0;
  }
}

// F3 (Shift+F3: back) steps through the search hits.
void NextSearchHit(ViewContext& ctx, bool back) {
  UiState& st = ctx.state;
  const int n = static_cast<int>(ctx.session.search.hits.size());
  st.search_index = ((st.search_index < 0 ? 0 : st.search_index + (back ? -1 : 1)) + n) % n;
  st.scroll_to_ordinal =
      ctx.session.search.hits[static_cast<std::size_t>(st.search_index)].segment().ordinal();
}

// J/K: the next or previous claim the filter lets through, brought into view.
void StepClaimWithKeys(ViewContext& ctx, bool next) {
  UiState& st = ctx.state;
  const v1::Claim* c = StepClaim(ctx.model, st.transcript_id, st.claim_id, st.top_ordinal, next,
                                 MakeClaimFilter(st.filter));
  if (c != nullptr) {
    st.claim_id = c->id();
    st.scroll_to_ordinal = c->segment_ordinal();
  }
}

// Shift+J/K: the next or previous suggestion in the Suggested queue's order.
void StepSuggestionWithKeys(ViewContext& ctx, bool next) {
  const v1::Suggestion* s =
      ctx.model.suggestions().Step(ctx.state.transcript_id, ctx.state.suggestion_id, next);
  if (s != nullptr) JumpToSuggestion(ctx, s->id());
}

// The transcript's BCP 47 tag; "und" when it could not be told.
const char* LanguageOf(const v1::Transcript& t) {
  return t.language().empty() ? "und" : t.language().c_str();
}

// LIVE (red) or CLOSED beside a transcript opened live; nothing for an imported one.
void StateBadge(const v1::Transcript& t) {
  if (t.state() == v1::TRANSCRIPT_STATE_LIVE) {
    ImGui::SameLine();
    Chip("LIVE", palette::kBad);
  } else if (t.state() == v1::TRANSCRIPT_STATE_CLOSED) {
    ImGui::SameLine();
    Chip("CLOSED", palette::kDimText);
  }
}

}  // namespace

void MainView::Shortcuts(ViewContext& ctx) {
  UiState& st = ctx.state;
  const ImGuiIO& io = ImGui::GetIO();
  if (Pressed(key::kF1)) st.help_open = !st.help_open;
  if (Pressed(key::kEscape) && !st.typing) CloseInnermost(st);
  if (io.KeyCtrl && Pressed(key::Letter('F'))) {
    if (io.KeyShift) {  // Ctrl+Shift+F: every claim, not this transcript's text
      st.tab = Tab::kClaims;
      st.focus_claim_search = true;
    } else {
      st.tab = Tab::kReader;
      st.search_open = true;
      st.focus_search = true;
    }
  }
  if (Pressed(key::kF3) && !ctx.session.search.hits.empty()) NextSearchHit(ctx, io.KeyShift);
  if (io.KeyCtrl && Pressed(key::Letter('M')) && !st.selection.empty()) RequestMark(ctx);
  if (st.typing || st.tab != Tab::kReader) return;
  if (io.KeyShift) ReaderView::KeyboardSelection(ctx);
  if (io.KeyCtrl) return;
  const bool j = Pressed(key::Letter('J'));
  if (j || Pressed(key::Letter('K'))) {
    if (io.KeyShift) {
      StepSuggestionWithKeys(ctx, j);
    } else {
      StepClaimWithKeys(ctx, j);
    }
  }
  if (!io.KeyShift && Pressed(key::Letter('S'))) st.show_suggestions = !st.show_suggestions;
}

void MainView::FollowRequests(ViewContext& ctx) {
  UiState& st = ctx.state;
  const SessionData& s = ctx.session;
  if (s.navigate_serial != st.navigate_seen) {
    st.navigate_seen = s.navigate_serial;
    if (s.navigate_transcript != 0) st.transcript_id = s.navigate_transcript;
    if (s.navigate_claim != 0) JumpToClaim(ctx, s.navigate_claim);
  }
  // A workspace with transcripts always shows one.
  if (st.transcript_id == 0 || ctx.model.FindTranscript(st.transcript_id) == nullptr) {
    const auto transcripts = ctx.model.Transcripts();
    if (!transcripts.empty() && st.transcript_id == 0) st.transcript_id = transcripts.front()->id();
  }
  if (st.transcript_id != 0 && st.transcript_id != s.transcript_id &&
      ctx.model.FindTranscript(st.transcript_id) != nullptr) {
    ctx.Emit(action::OpenTranscript{st.transcript_id});
  }
  if (st.claim_id != opened_claim_) {
    opened_claim_ = st.claim_id;
    if (st.claim_id != 0) ctx.Emit(action::OpenClaim{st.claim_id});
  }
  if (st.tab != drawn_tab_) {
    drawn_tab_ = st.tab;
    if (st.tab == Tab::kDashboard) ctx.Emit(action::RefreshDashboard{});
    if (st.tab == Tab::kDisputes) ctx.Emit(action::RefreshDisputes{});
  }
}

namespace {

// The transcript picker, and the open transcript's LIVE or CLOSED badge.
void TranscriptPicker(ViewContext& ctx) {
  UiState& st = ctx.state;
  const float fs = ImGui::GetFontSize();
  const v1::Transcript* current = ctx.model.FindTranscript(st.transcript_id);
  ImGui::SetNextItemWidth(fs * 16);
  if (ImGui::BeginCombo("##transcript",
                        current != nullptr ? current->title().c_str() : "Transcript")) {
    for (const v1::Transcript* t : ctx.model.Transcripts()) {
      ImGui::PushID(static_cast<int>(t->id()));
      if (ImGui::Selectable(t->title().c_str(), t->id() == st.transcript_id)) {
        st.transcript_id = t->id();
        st.selection.Clear();
      }
      ImGui::SameLine(fs * 14);
      ImGui::TextDisabled("%d segments, %d claims, %s", t->segment_count(), t->claim_count(),
                          LanguageOf(*t));
      StateBadge(*t);
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  if (current != nullptr) {
    StateBadge(*current);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", LanguageOf(*current));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The transcript's language; search uses it");
  }
}

// Puts the top bar's next control beside the last one when `width` pixels still fit,
// else at the start of a new line: a narrow window wraps the bar instead of clipping
// its last controls.
void NextInBar(float width) {
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

}  // namespace

void MainView::TopBar(ViewContext& ctx) {
  UiState& st = ctx.state;
  const auto& ws = ctx.model.workspace();
  ImGui::TextUnformatted(ws.name().empty() ? ws.slug().c_str() : ws.name().c_str());
  ImGui::SameLine();
  TranscriptPicker(ctx);
  ImGui::SameLine();
  const bool editor = v1::CheckRole(ctx.model.workspace(), domain::Action::kDecideDispute).ok();
  auto tab = [&](const char* label, Tab t) {
    const ImVec2 size = ImGui::CalcTextSize(label);
    NextInBar(size.x);
    if (ImGui::Selectable(label, st.tab == t, 0, ImVec2(size.x, 0))) st.tab = t;
  };
  ImGui::TextDisabled("|");
  tab("Reader", Tab::kReader);
  tab("Dashboard", Tab::kDashboard);
  if (editor) tab("Disputes", Tab::kDisputes);
  tab("Suggested", Tab::kSuggested);
  tab("Claims", Tab::kClaims);
  st.SetControlRect(Control::kClaimsTab, ItemRect());
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  if (v1::CheckRole(ctx.model.workspace(), domain::Action::kImportTranscript).ok()) {
    NextInBar(ImportFieldWidth());
    DrawImportField(ctx);
  }
  NextInBar(SmallButtonWidth("Search"));
  if (ImGui::SmallButton("Search")) {
    st.tab = Tab::kReader;
    st.search_open = true;
    st.focus_search = true;
  }
  // The button names an active filter, so a half-empty reader is never a mystery.
  const std::string filter = DescribeFilter(st.filter);
  const std::string filter_label = (filter.empty() ? "Filter" : "Filter: " + filter) + "###filter";
  NextInBar(SmallButtonWidth(filter_label.c_str()));
  if (ImGui::SmallButton(filter_label.c_str())) {
    st.tab = Tab::kReader;
    st.filter_open = !st.filter_open;
  }
  st.SetControlRect(Control::kFilterButton, ItemRect());
  // The reader's underline of suggested sentences (S).
  const char* underline =
      st.show_suggestions ? "Suggestions: on###suggest" : "Suggestions: off###suggest";
  NextInBar(SmallButtonWidth(underline));
  if (ImGui::SmallButton(underline)) st.show_suggestions = !st.show_suggestions;
  st.SetControlRect(Control::kSuggestionsToggle, ItemRect());
  NextInBar(SmallButtonWidth("F1 help"));
  if (ImGui::SmallButton("F1 help")) st.help_open = !st.help_open;
  st.SetControlRect(Control::kHelpButton, ItemRect());
}

// The workspace's body: the tab's view (the reader with the inspector beside it when a
// claim is open).
void MainView::DrawTab(ViewContext& ctx, ImVec2 body) {
  UiState& st = ctx.state;
  const float fs = ImGui::GetFontSize();
  switch (st.tab) {
    case Tab::kReader: {
      const bool inspector = st.claim_id != 0;
      const float reader_w = inspector ? std::max(fs * 16, body.x * 0.58F) : body.x;
      ImGui::BeginGroup();
      reader_.Draw(ctx, ImVec2(reader_w, body.y));
      ImGui::EndGroup();
      if (inspector) {
        ImGui::SameLine();
        ImGui::BeginChild("##inspector", ImVec2(0, body.y), true);
        DrawInspector(ctx);
        ImGui::EndChild();
      }
      break;
    }
    case Tab::kDashboard:
      ImGui::BeginChild("##dashboard", body);
      DrawDashboard(ctx);
      ImGui::EndChild();
      break;
    case Tab::kDisputes:
      ImGui::BeginChild("##disputes", body);
      DrawDisputes(ctx);
      ImGui::EndChild();
      break;
    case Tab::kSuggested:
      ImGui::BeginChild("##suggested", body);
      DrawSuggested(ctx);
      ImGui::EndChild();
      break;
    case Tab::kClaims:
      ImGui::BeginChild("##claims", body);
      DrawClaimSearch(ctx);
      ImGui::EndChild();
      break;
  }
}

// Signed out, connecting or picking a workspace: the screen for that instead of the
// workspace. Whether one was drawn.
bool MainView::DrawBeforeWorkspace(ViewContext& ctx, const std::vector<SavedServer>& saved) {
  using Phase = ConnectionInfo::Phase;
  const Phase phase = ctx.session.connection.phase;
  if (phase == Phase::kSignedOut || phase == Phase::kConnecting) {
    DrawConnect(ctx, saved);
    ImGui::End();
    ctx.state.typing = IsTyping();
    return true;
  }
  if (phase != Phase::kPicking && ctx.model.has_workspace()) return false;
  if (phase == Phase::kPicking) {
    DrawWorkspacePicker(ctx);
  } else {
    ImGui::TextDisabled("Loading the workspace...");
  }
  ImGui::End();
  return true;
}

void MainView::Draw(ViewContext& ctx, const std::vector<SavedServer>& saved_servers) {
  UiState& st = ctx.state;
  const ImGuiIO& io = ImGui::GetIO();
  st.controls.fill(std::nullopt);
  st.animating = false;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##main", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (DrawBeforeWorkspace(ctx, saved_servers)) return;
  Shortcuts(ctx);
  FollowRequests(ctx);
  TopBar(ctx);
  ImGui::Separator();

  const float fs = ImGui::GetFontSize();
  const float status_h = fs + ImGui::GetStyle().ItemSpacing.y * 2 + 2;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  DrawTab(ctx, ImVec2(avail.x, std::max(fs * 4, avail.y - status_h)));
  ImGui::Separator();
  DrawStatusBar(ctx);
  ImGui::End();
  DrawImportPreview(ctx);
  DrawMarkConfirm(ctx);
  DrawHelpOverlay(ctx);
  st.typing = IsTyping();
}

}  // namespace factdesk::ui
