#include "client/ui/tag_row.h"

#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/colors.h"
#include "client/ui/widgets.h"
#include "domain/claim_tags.h"

namespace factdesk::ui {
namespace {

// Whether the typed tag would be taken now: the role and state first, then the tag rule.
Status CheckNewTag(const v1::Claim& claim, const std::string& tag, const Status& allowed) {
  if (!allowed.ok()) return allowed;
  FD_RETURN_IF_ERROR(domain::CheckTag(tag));
  const std::vector<std::string> tags(claim.tags().begin(), claim.tags().end());
  return domain::CheckTagToAdd(claim.id(), tags, tag);
}

void ExistingTags(ViewContext& ctx, const v1::Claim& claim, bool removable) {
  for (const auto& tag : claim.tags()) {
    ImGui::SameLine();
    ImGui::PushID(tag.c_str());
    if (removable) {
      if (ImGui::SmallButton((tag + "  x").c_str())) {
        ctx.Emit(action::UntagClaim{claim.id(), tag});
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove the tag %s", tag.c_str());
    } else {
      Chip(tag, palette::kDimText);
    }
    ImGui::PopID();
  }
  if (claim.tags().empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("none");
  }
}

}  // namespace

void DrawTagRow(ViewContext& ctx, const v1::Claim& claim, const Status& allowed) {
  ImGui::TextDisabled("Tags");
  ExistingTags(ctx, claim, allowed.ok());
  if (allowed.code() == Code::kPermissionDenied) return;
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  const ImGuiInputTextFlags flags =
      allowed.ok() ? ImGuiInputTextFlags_EnterReturnsTrue : ImGuiInputTextFlags_ReadOnly;
  const bool entered = ImGui::InputTextWithHint("##new-tag", "add a tag", &d.tag, flags);
  ctx.state.SetControlRect(Control::kTagInput, ItemRect());
  RefusalTooltip(allowed);
  const Status add = CheckNewTag(claim, d.tag, allowed);
  ImGui::SameLine();
  const bool pressed = ButtonIfAllowed(add, "Add tag");
  ctx.state.SetControlRect(Control::kTagAdd, ItemRect());
  if ((pressed || entered) && add.ok()) {
    ctx.Emit(action::TagClaim{claim.id(), d.tag});
    d.tag.clear();
  }
}

}  // namespace factdesk::ui
