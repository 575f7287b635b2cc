#include "client/ui/checked_before_view.h"

#include <fmt/format.h>
#include <imgui.h>

#include "client/ui/claim_style.h"
#include "client/ui/widgets.h"
#include "proto/claim_link_text.h"

namespace factdesk::ui {
namespace {

void LinkLine(ViewContext& ctx, const v1::Claim& claim, const Status& can_link) {
  const v1::ClaimLink& link = claim.link();
  ctx.state.glyphs.Add(link.claim_reviewed());
  ImGui::TextDisabled("Same claim as");
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(v1::LinkText(link).c_str());
  ImGui::PopTextWrapPos();
  if (link.has_linked_by()) DimWrapped("linked by " + v1::NameOf(link.linked_by()));
  if (can_link.ok() && ImGui::SmallButton("Unlink")) {
    ctx.Emit(action::UnlinkClaim{claim.id(), claim.version()});
  }
  ImGui::Separator();
}

bool LinkedTo(const v1::Claim& claim, const v1::ArchivedCheck& check) {
  return claim.has_link() && claim.link().check_id() == check.id();
}

void MatchRow(ViewContext& ctx, const v1::Claim& claim, const v1::CheckMatch& match,
              const Status& can_link, bool first) {
  const v1::ArchivedCheck& c = match.check();
  for (const std::string* text : {&c.claim_reviewed(), &c.author_name(), &c.rating_name()}) {
    ctx.state.glyphs.Add(*text);
  }
  ImGui::PushID(static_cast<int>(c.id()));
  const std::string verdict = c.rating_name().empty() ? c.rating_value() : c.rating_name();
  Chip(verdict.empty() ? "no verdict" : verdict, CheckVerdictColor(c));
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(c.claim_reviewed().c_str());
  ImGui::PopTextWrapPos();
  const std::string who = c.claim_id() != 0
                              ? fmt::format("this desk, claim #{}", c.claim_id())
                              : (c.author_name().empty() ? "unknown publisher" : c.author_name());
  DimWrapped(who + (c.date_published().empty() ? "" : "  -  " + c.date_published()) +
             (c.url().empty() ? "" : "  -  " + c.url()));
  if (LinkedTo(claim, c)) {
    ColoredText(palette::kGood, "linked as the same claim");
  } else {
    if (ButtonIfAllowed(can_link, "Same claim")) {
      ctx.Emit(action::LinkClaim{claim.id(), claim.version(), c.id(), 0});
    }
    if (first) ctx.state.SetControlRect(Control::kSameClaimButton, ItemRect());
  }
  ImGui::PopID();
  ImGui::Spacing();
}

}  // namespace

int CheckedBeforeCount(const ViewContext& ctx, const v1::Claim& claim) {
  const v1::ListClaimMatchesResponse* known = ctx.model.MatchesOf(claim.id());
  return known == nullptr ? 0 : known->matches_size();
}

void DrawCheckedBefore(ViewContext& ctx, const v1::Claim& claim, const Status& can_link) {
  if (claim.has_link()) LinkLine(ctx, claim, can_link);
  const v1::ListClaimMatchesResponse* known = ctx.model.MatchesOf(claim.id());
  if (known == nullptr || !known->matched()) {
    ImGui::TextDisabled("Looking for earlier checks of this claim...");
    return;
  }
  if (known->matches().empty()) {
    ImGui::TextDisabled("No earlier check of this claim was found in the archive.");
    return;
  }
  bool first = true;
  for (const v1::CheckMatch& match : known->matches()) {
    MatchRow(ctx, claim, match, can_link, first);
    first = false;
  }
}

}  // namespace factdesk::ui
