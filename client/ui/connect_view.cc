#include "client/ui/connect_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/widgets.h"
#include "proto/enum_text.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

void Centered(float width, float height) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + std::max(0.0F, (avail.x - width) / 2),
                             ImGui::GetCursorPosY() + std::max(0.0F, (avail.y - height) / 3)));
}

}  // namespace

void DrawConnect(ViewContext& ctx, const std::vector<SavedServer>& saved) {
  const float fs = ImGui::GetFontSize();
  ConnectForm& f = ctx.state.connect;
  Centered(fs * 28, fs * 20);
  ImGui::BeginChild("##connect", ImVec2(fs * 28, fs * 20), true);
  ImGui::Text("Sign in to a Factdesk server");
  ImGui::Spacing();
  const bool busy = ctx.session.connection.phase == ConnectionInfo::Phase::kConnecting;
  ImGui::SetNextItemWidth(fs * 18);
  bool go = ImGui::InputText("Server", &f.address, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SetNextItemWidth(fs * 18);
  go |= ImGui::InputText("Token", &f.token,
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::Checkbox("TLS", &f.tls);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Left off, Factdesk asks the server and uses TLS when it offers it.");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 13);
  ImGui::InputTextWithHint("CA file", "system roots", &f.ca_file);
  if (ButtonIf(!busy && !f.address.empty() && !f.token.empty(),
               busy ? "Connecting..." : "Connect") ||
      (go && !busy && !f.address.empty() && !f.token.empty())) {
    ctx.Emit(action::Connect{f.address, f.token, f.tls, f.ca_file});
  }
  if (!ctx.session.connect_error.empty()) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    ColoredText(palette::kBad, ctx.session.connect_error);
    ImGui::PopTextWrapPos();
  }
  if (!saved.empty()) {
    ImGui::Separator();
    ImGui::TextDisabled("Remembered servers");
    for (const SavedServer& s : saved) {
      if (ImGui::Selectable(s.address.c_str(), s.address == f.address)) {
        f.address = s.address;
        f.token = s.token;
        f.tls = s.tls;
        f.ca_file = s.ca_file;
      }
    }
  }
  ImGui::EndChild();
}

void DrawWorkspacePicker(ViewContext& ctx) {
  const float fs = ImGui::GetFontSize();
  Centered(fs * 28, fs * 18);
  ImGui::BeginChild("##picker", ImVec2(fs * 28, fs * 18), true);
  const auto& user = ctx.session.connection.user;
  ImGui::Text("Signed in as %s", v1::NameOf(user).c_str());
  ImGui::TextDisabled("%s", ctx.session.connection.address.c_str());
  ImGui::Separator();
  if (ctx.session.workspaces.empty()) {
    ImGui::TextDisabled("You are not a member of any workspace yet.");
  }
  for (const v1::Workspace& w : ctx.session.workspaces) {
    ImGui::PushID(static_cast<int>(w.id()));
    if (ImGui::Selectable(w.name().empty() ? w.slug().c_str() : w.name().c_str(), false,
                          ImGuiSelectableFlags_AllowDoubleClick)) {
      ctx.Emit(action::OpenWorkspace{w.slug()});
    }
    ImGui::SameLine(fs * 18);
    ImGui::TextDisabled("%s, %s", w.slug().c_str(), v1::EnumText(w.my_role(), true).c_str());
    ImGui::PopID();
  }
  ImGui::Separator();
  if (ImGui::SmallButton("Sign out")) ctx.Emit(action::Disconnect{});
  ImGui::EndChild();
}

}  // namespace factdesk::ui
