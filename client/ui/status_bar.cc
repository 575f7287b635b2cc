#include "client/ui/status_bar.h"

#include <set>

#include "client/model/change.h"
#include "client/ui/dashboard_view.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "common/utf8.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

// One change, wrapped at `wrap` pixels (a long title must not run off the popup); the
// whole entry is clickable. True when clicked.
bool WrappedEntry(const std::string& text, float wrap) {
  const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
  const ImVec2 at = ImGui::GetCursorPos();
  const bool clicked = ImGui::Selectable("##change", false, 0, ImVec2(wrap, size.y));
  ImGui::SetCursorPos(at);
  ImGui::PushTextWrapPos(at.x + wrap);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  return clicked;
}

void ChangesPopup(ViewContext& ctx) {
  const float wrap = ImGui::GetFontSize() * 34;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // Never wider than the entries' wrap nor taller than most of the window: it scrolls.
  ImGui::SetNextWindowSizeConstraints(
      ImVec2(0, 0), ImVec2(wrap + ImGui::GetStyle().WindowPadding.x * 2 + ImGui::GetFontSize(),
                           display.y * 0.7F));
  if (!ImGui::BeginPopup("##changes")) return;
  ImGui::TextDisabled("Recent changes by others");
  if (ctx.session.recent_changes.empty()) ImGui::TextDisabled("nothing yet");
  int shown = 0;
  for (auto it = ctx.session.recent_changes.rbegin();
       it != ctx.session.recent_changes.rend() && shown < 25; ++it, ++shown) {
    const model::Change& c = *it;
    ImGui::PushID(static_cast<int>(c.seq));
    // People's words, then the claim it was about.
    std::string text = c.description;
    if (c.claim_id != 0) {
      if (const v1::Claim* claim = ctx.model.FindClaim(c.claim_id)) {
        text += "  \xC2\xB7  " + std::string(utf8::TruncateBytes(claim->summary(), 60));
      }
    }
    ctx.state.glyphs.Add(text);  // names and titles may need characters the atlas lacks
    if (WrappedEntry(text, wrap) && c.claim_id != 0) {
      JumpToClaim(ctx, c.claim_id);
      ImGui::CloseCurrentPopup();
    }
    ImGui::PopID();
  }
  ImGui::EndPopup();
}

// The connection's phase, with the reason when it is down.
void ConnectionPhase(const ConnectionInfo& c) {
  using Phase = ConnectionInfo::Phase;
  switch (c.phase) {
    case Phase::kLive:
      ColoredText(palette::kGood, "\xE2\x97\x8F connected");
      break;
    case Phase::kReconnecting:
      ColoredText(palette::kWarn,
                  "\xE2\x97\x8F reconnecting (attempt " + std::to_string(c.attempts) + ")");
      if (!c.error.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.error.c_str());
      break;
    case Phase::kLoading:
      ColoredText(palette::kWarn, "\xE2\x97\x8F loading");
      break;
    case Phase::kFailed:
      ColoredText(palette::kBad, "\xE2\x97\x8F offline: " + c.error);
      break;
    default:
      ImGui::TextDisabled("not connected");
      break;
  }
}

// Others online (hover: who).
void OthersOnline(const ViewContext& ctx) {
  std::set<std::int64_t> users;
  for (const v1::Presence* p : ctx.model.PresentOthers()) users.insert(p->user().id());
  ImGui::TextDisabled("|  %d other%s online", static_cast<int>(users.size()),
                      users.size() == 1 ? "" : "s");
  if (ImGui::IsItemHovered() && !users.empty()) {
    std::string who;
    std::set<std::int64_t> seen;
    for (const v1::Presence* p : ctx.model.PresentOthers()) {
      if (!seen.insert(p->user().id()).second) continue;
      who += v1::NameOf(p->user()) + "\n";
    }
    ImGui::SetTooltip("%s", who.c_str());
  }
}

// While live: the server, the last event seq, the round trip and who else is online.
void LiveDetails(const ViewContext& ctx, const ConnectionInfo& c) {
  ImGui::SameLine();
  ImGui::TextDisabled("|  %s%s", c.address.c_str(), c.tls ? " (TLS)" : "");
  ImGui::SameLine();
  ImGui::TextDisabled("|  seq %lld%s", static_cast<long long>(c.last_seq),
                      c.server_seq > c.last_seq ? " (catching up)" : "");
  ImGui::SameLine();
  if (c.rtt_ms >= 0) {
    ImGui::TextDisabled("|  %.0f ms", c.rtt_ms);
  } else {
    ImGui::TextDisabled("|  - ms");
  }
  ImGui::SameLine();
  OthersOnline(ctx);
}

// The newest notice, with a button to dismiss it.
void LatestNotice(ViewContext& ctx) {
  if (ctx.session.notices.empty()) return;
  const Notice& n = ctx.session.notices.back();
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ColoredText(n.level == Notice::Level::kError ? palette::kBad : palette::kDimText, n.text);
  ImGui::SameLine();
  if (ImGui::SmallButton("x##notice")) ctx.Emit(action::DismissNotice{n.id});
}

}  // namespace

void DrawStatusBar(ViewContext& ctx) {
  const ConnectionInfo& c = ctx.session.connection;
  ConnectionPhase(c);
  if (c.live()) LiveDetails(ctx, c);
  if (ctx.session.pending > 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("|  working...");
  }
  LatestNotice(ctx);
  // The badge, right-aligned.
  const int unseen = ctx.model.UnseenChanges();
  const std::string badge = unseen > 0 ? std::to_string(unseen) + " new" : "changes";
  const float w = ImGui::CalcTextSize(badge.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - w));
  if (unseen > 0)
    ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(Mix(palette::kWarn, palette::kReaderBg, 0.6F)));
  if (ImGui::SmallButton(badge.c_str())) {
    ImGui::OpenPopup("##changes");
    ctx.Emit(action::MarkSeen{});
  }
  ctx.state.SetControlRect(Control::kChangesBadge, ItemRect());
  if (unseen > 0) ImGui::PopStyleColor();
  ChangesPopup(ctx);
}

}  // namespace factdesk::ui
