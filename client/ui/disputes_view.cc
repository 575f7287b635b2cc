#include "client/ui/disputes_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/claim_style.h"
#include "client/ui/dashboard_view.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "client/ui/workflow_rules.h"
#include "proto/enum_text.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

// The disputed quote and who said it.
void DisputedClaim(ViewContext& ctx, const v1::Dispute& dispute) {
  const v1::Claim* claim = ctx.model.FindClaim(dispute.claim_id());
  if (claim == nullptr) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(("\xE2\x80\x9C" + claim->quote() + "\xE2\x80\x9D").c_str());
  ImGui::PopTextWrapPos();
  ImGui::TextDisabled("%s", claim->speaker().c_str());
  ImGui::SameLine();
  if (ImGui::SmallButton("Open claim")) JumpToClaim(ctx, claim->id());
}

// The reviews side by side (up to five), then the sources.
void ReviewsAndSources(const ViewContext& ctx, const v1::Dispute& dispute) {
  const auto reviews = ctx.model.Reviews(dispute.claim_id());
  if (!reviews.empty() &&
      ImGui::BeginTable("##reviews", static_cast<int>(std::min<std::size_t>(reviews.size(), 6)),
                        ImGuiTableFlags_BordersInnerV)) {
    for (const v1::Review* r : reviews) {
      if (ImGui::TableGetColumnIndex() >= 5) break;
      ImGui::TableNextColumn();
      ColoredText(SpeakerColor(r->reviewer().handle()), v1::NameOf(r->reviewer()));
      if (r->hidden()) {
        ImGui::TextDisabled("hidden");
        continue;
      }
      Chip(r->verdict().label(), VerdictColor(r->verdict()));
      ImGui::TextDisabled("%s confidence", v1::EnumText(r->confidence(), true).c_str());
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(r->rationale().c_str());
      ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::Text("Sources");
  for (const v1::Source* s : ctx.model.Sources(dispute.claim_id())) {
    Chip(v1::StanceLabel(s->stance()), StanceColor(s->stance()));
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted((s->title().empty() ? s->url() : s->title()).c_str());
    ImGui::PopTextWrapPos();
    if (!s->title().empty()) DimWrapped(s->url());
  }
}

// The editor's decision: a final verdict and the reasoning, enabled as the rules allow.
void DecideForm(ViewContext& ctx, const v1::Dispute& dispute, const Status& allowed) {
  const float fs = ImGui::GetFontSize();
  ImGui::Separator();
  ImGui::Text("Decide");
  const auto& scale = ctx.model.workspace().rating_scale();
  ImGui::SetNextItemWidth(fs * 12);
  if (ImGui::BeginCombo("Final verdict", ctx.state.decide_verdict.empty()
                                             ? "Choose"
                                             : ctx.state.decide_verdict.c_str())) {
    for (const auto& l : scale.labels()) {
      if (ImGui::Selectable(l.label().c_str(), l.label() == ctx.state.decide_verdict)) {
        ctx.state.decide_verdict = l.label();
      }
    }
    ImGui::EndCombo();
  }
  ImGui::InputTextMultiline("##reasoning", &ctx.state.decide_reasoning, ImVec2(-1, fs * 3));
  ctx.state.SetControlRect(Control::kDecideReasoning, ItemRect());
  const bool filled = !ctx.state.decide_verdict.empty() && !ctx.state.decide_reasoning.empty();
  const bool decide = ButtonIf(allowed.ok() && filled, "Decide dispute");
  RefusalTooltip(allowed);
  ctx.state.SetControlRect(Control::kDecideButton, ItemRect());
  if (decide) {
    ctx.Emit(action::DecideDispute{dispute.id(), dispute.claim_id(), ctx.state.decide_verdict,
                                   ctx.state.decide_reasoning});
    ctx.state.decide_reasoning.clear();
  }
}

void DrawDetail(ViewContext& ctx, const v1::Dispute& dispute) {
  // Disputes have ids of their own: say which is which (`dispute decide --claim N`).
  ImGui::TextDisabled("Dispute #%lld on claim #%lld", static_cast<long long>(dispute.id()),
                      static_cast<long long>(dispute.claim_id()));
  DisputedClaim(ctx, dispute);
  if (!dispute.waiting_for().empty())
    ImGui::TextDisabled("Waiting for %s", dispute.waiting_for().c_str());
  ImGui::Separator();
  ReviewsAndSources(ctx, dispute);
  if (dispute.status() != v1::DISPUTE_STATUS_OPEN) {
    ImGui::TextDisabled("Closed: %s", v1::EnumText(dispute.resolution(), true).c_str());
    return;
  }
  const v1::Claim* claim = ctx.model.FindClaim(dispute.claim_id());
  if (claim == nullptr) return;
  // The dispute brought all of the claim's reviews into the model: the votes are known.
  const auto reviews = ctx.model.Reviews(dispute.claim_id());
  const Status allowed = AllowedWorkflow(ctx.model.workspace(), *claim, &reviews).decide;
  if (allowed.code() == Code::kPermissionDenied) return;
  DecideForm(ctx, dispute, allowed);
}

}  // namespace

void DrawDisputes(ViewContext& ctx) {
  if (ImGui::SmallButton("Refresh")) ctx.Emit(action::RefreshDisputes{});
  ImGui::SameLine();
  if (ctx.session.disputes_loading) ImGui::TextDisabled("updating...");
  const float fs = ImGui::GetFontSize();
  ImGui::BeginChild("##dispute-list", ImVec2(fs * 20, 0), true);
  if (ctx.session.disputes.empty()) ImGui::TextDisabled("No open disputes.");
  for (const v1::Dispute& d : ctx.session.disputes) {
    const v1::Claim* c = ctx.model.FindClaim(d.claim_id());
    ImGui::PushID(static_cast<int>(d.id()));
    const std::string label =
        c != nullptr ? c->summary() : "claim #" + std::to_string(d.claim_id());
    const bool chosen =
        ImGui::Selectable(label.c_str(), ctx.state.dispute_claim_id == d.claim_id());
    if (&d == &ctx.session.disputes.front()) {
      ctx.state.SetControlRect(Control::kFirstDispute, ItemRect());
    }
    if (chosen) {
      ctx.state.dispute_claim_id = d.claim_id();
      ctx.state.decide_verdict.clear();
      ctx.Emit(action::OpenDispute{d.claim_id()});
    }
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(ctx.now.time_since_epoch());
    ImGui::TextDisabled("dispute #%lld, claim #%lld, open %s", static_cast<long long>(d.id()),
                        static_cast<long long>(d.claim_id()),
                        FormatDuration(now.count() - d.opened_at().seconds()).c_str());
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##dispute-detail", ImVec2(0, 0), true);
  auto it = ctx.session.dispute_details.find(ctx.state.dispute_claim_id);
  if (it == ctx.session.dispute_details.end()) {
    ImGui::TextDisabled(ctx.state.dispute_claim_id == 0 ? "Choose a dispute." : "loading...");
  } else {
    DrawDetail(ctx, it->second);
  }
  ImGui::EndChild();
}

}  // namespace factdesk::ui
