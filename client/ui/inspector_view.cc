#include "client/ui/inspector_view.h"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/claim_style.h"
#include "client/ui/inspector_sections.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "client/ui/workflow_rules.h"
#include "proto/enum_text.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

void Header(ViewContext& ctx, const v1::Claim& claim) {
  ImGui::Text("Claim #%lld", static_cast<long long>(claim.id()));
  ImGui::SameLine();
  Chip(v1::ClaimStatusLabel(claim.status()), StatusColor(claim.status()));
  if (claim.has_final_verdict() && !claim.final_verdict().label().empty()) {
    ImGui::SameLine();
    Chip(claim.final_verdict().label(), VerdictColor(claim.final_verdict()));
  }
  ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() -
                  ImGui::GetFontSize() * 4.5F);
  if (ImGui::SmallButton("Close (Esc)")) ctx.state.claim_id = 0;

  // Someone else has this claim open: say so before anyone types over each other.
  std::vector<std::string> editing;
  for (const v1::Presence* p : ctx.model.PresentOnClaim(claim.id())) {
    if (p->activity() == v1::ACTIVITY_EDITING) editing.push_back(v1::NameOf(p->user()));
  }
  if (!editing.empty()) {
    std::string who = editing.front();
    for (std::size_t i = 1; i < editing.size(); ++i) who += ", " + editing[i];
    ColoredText(palette::kWarn, who + (editing.size() == 1 ? " is editing" : " are editing"));
  }
}

void Quote(ViewContext& ctx, const v1::Claim& claim) {
  ImGui::PushTextWrapPos(0);
  ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(palette::kText));
  ImGui::TextUnformatted(("\xE2\x80\x9C" + claim.quote() + "\xE2\x80\x9D").c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  const v1::Segment* seg = ctx.model.FindSegment(claim.segment_id());
  std::string where = claim.speaker().empty() ? "" : claim.speaker();
  if (seg != nullptr && seg->has_start_ms()) where += "  " + FormatTimestamp(seg->start_ms());
  ImGui::TextDisabled("%s  (segment %d)", where.c_str(), claim.segment_ordinal() + 1);
  ImGui::SameLine();
  if (ImGui::SmallButton("Show in text")) {
    ctx.state.transcript_id = claim.transcript_id();
    ctx.state.scroll_to_ordinal = claim.segment_ordinal();
  }
}

void Summary(ViewContext& ctx, const v1::Claim& claim, const WorkflowOptions& wf) {
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
  // The field follows the claim until the user types; then it is theirs until saved.
  if (d.summary_dirty && d.summary == claim.summary()) d.summary_dirty = false;
  if (!d.summary_dirty) {
    d.summary = claim.summary();
    d.summary_base_version = claim.version();
  }
  ImGui::TextDisabled("Summary");
  const float w = ImGui::GetContentRegionAvail().x;
  ImGuiInputTextFlags flags = wf.edit ? 0 : ImGuiInputTextFlags_ReadOnly;
  if (ImGui::InputTextMultiline("##summary", &d.summary, ImVec2(w, ImGui::GetFontSize() * 3.6F),
                                flags)) {
    d.summary_dirty = d.summary != claim.summary();
  }
  ctx.state.SetControlRect(Control::kSummaryInput, ItemRect());
  const bool ctrl_enter = (ImGui::IsItemActive() || ImGui::IsItemDeactivated()) &&
                          ImGui::GetIO().KeyCtrl &&
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);

  auto conflict = ctx.session.conflicts.find(claim.id());
  if (conflict != ctx.session.conflicts.end()) {
    const SummaryConflict& c = conflict->second;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ToVec4(Mix(palette::kWarn, palette::kReaderBg, 0.18F)));
    ImGui::BeginChild("##conflict", ImVec2(0, ImGui::GetFontSize() * 6.5F), true);
    ColoredText(palette::kWarn, (c.their_author.empty() ? std::string("Someone") : c.their_author) +
                                    " changed the summary before you saved. Theirs:");
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(c.their_text.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("Use theirs")) {
      d.summary = c.their_text;
      d.summary_dirty = false;
      ctx.Emit(action::ClearConflict{claim.id()});
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep mine and retry")) {
      d.summary_base_version = c.current_version;
      ctx.Emit(action::UpdateClaim{claim.id(), c.current_version, d.summary, std::nullopt});
      ctx.Emit(action::ClearConflict{claim.id()});
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
  } else if (d.summary_dirty) {
    if (ImGui::Button("Save summary") || ctrl_enter) {
      ctx.Emit(action::UpdateClaim{claim.id(), d.summary_base_version, d.summary, std::nullopt});
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard")) d.summary_dirty = false;
  }

  // Claimant, the same way.
  if (d.claimant_dirty && d.claimant == claim.claimant()) d.claimant_dirty = false;
  if (!d.claimant_dirty) {
    d.claimant = claim.claimant();
    d.claimant_base_version = claim.version();
  }
  ImGui::TextDisabled("Claimant");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (ImGui::InputText("##claimant", &d.claimant, flags))
    d.claimant_dirty = d.claimant != claim.claimant();
  if (d.claimant_dirty) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Save")) {
      ctx.Emit(action::UpdateClaim{claim.id(), d.claimant_base_version, std::nullopt, d.claimant});
    }
  }
}

void Workflow(ViewContext& ctx, const v1::Claim& claim, const WorkflowOptions& wf) {
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
  std::string assignees;
  for (const auto& u : claim.assignees())
    assignees += (assignees.empty() ? "" : ", ") + v1::NameOf(u);
  ImGui::TextDisabled("Assigned");
  ImGui::SameLine();
  ImGui::TextUnformatted(assignees.empty() ? "nobody" : assignees.c_str());
  if (!claim.status_reason().empty())
    ImGui::TextDisabled("Reason: %s", claim.status_reason().c_str());

  if (wf.take && ImGui::Button("Take")) ctx.Emit(action::TakeClaim{claim.id()});
  if (wf.take) ImGui::SameLine();
  if (wf.assign) {
    if (ImGui::Button("Assign...")) ImGui::OpenPopup("assign");
    ImGui::SameLine();
  }
  if (ImGui::BeginPopup("assign")) {
    std::vector<std::int64_t> ids;
    for (const auto& u : claim.assignees()) ids.push_back(u.id());
    for (const v1::Member* m : ctx.model.Members()) {
      if (m->role() < v1::ROLE_CHECKER) continue;
      bool on = std::find(ids.begin(), ids.end(), m->user().id()) != ids.end();
      if (ImGui::Checkbox(v1::NameOf(m->user()).c_str(), &on)) {
        if (on) {
          ids.push_back(m->user().id());
        } else {
          ids.erase(std::remove(ids.begin(), ids.end(), m->user().id()), ids.end());
        }
        ctx.Emit(action::AssignClaim{claim.id(), claim.version(), ids});
      }
    }
    ImGui::EndPopup();
  }
  if (wf.dismiss) {
    if (ImGui::Button("Dismiss...")) ImGui::OpenPopup("dismiss");
    ImGui::SameLine();
  }
  if (ImGui::BeginPopup("dismiss")) {
    const char* reasons[] = {"Opinion", "Prediction", "Not checkable", "Not a claim", "Duplicate"};
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    int idx = std::clamp(d.dismiss_reason - 1, 0, 4);
    if (ImGui::Combo("Reason", &idx, reasons, 5)) d.dismiss_reason = idx + 1;
    ImGui::InputText("Explanation", &d.reason);
    if (ImGui::Button("Dismiss claim")) {
      ctx.Emit(action::DismissClaim{
          claim.id(), claim.version(),
          static_cast<v1::DismissReason>(std::clamp(d.dismiss_reason, 1, 5)), d.reason});
      d.reason.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (wf.reopen) {
    if (ImGui::Button("Reopen...")) ImGui::OpenPopup("reopen");
    ImGui::SameLine();
  }
  if (ImGui::BeginPopup("reopen")) {
    ImGui::InputText("Reason", &d.reason);
    if (ButtonIf(!d.reason.empty(), "Reopen claim")) {
      ctx.Emit(action::ReopenClaim{claim.id(), claim.version(), d.reason});
      d.reason.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  if (wf.publish && ImGui::Button("Publish")) {
    ctx.Emit(action::PublishClaim{claim.id(), claim.version()});
  }
  ImGui::NewLine();
}

}  // namespace

namespace {

// The claim's own words and what the user is typing, for the font atlas (the quote is
// the reader's segment text, noted there; sources, notes and reviews are noted as their
// sections draw them).
void NoteGlyphs(ViewContext& ctx, const v1::Claim& claim) {
  GlyphCoverage& g = ctx.state.glyphs;
  for (const std::string* text : {&claim.summary(), &claim.claimant(), &claim.status_reason()}) {
    g.Add(*text);
  }
  const ClaimDraft& d = ctx.state.DraftFor(claim.id());
  for (const std::string* typed : {&d.summary, &d.note, &d.reply, &d.rationale}) g.Add(*typed);
}

}  // namespace

void DrawInspector(ViewContext& ctx) {
  const v1::Claim* claim = ctx.model.FindClaim(ctx.state.claim_id);
  if (claim == nullptr) {
    ImGui::TextDisabled("The claim is not loaded.");
    if (ImGui::Button("Close")) ctx.state.claim_id = 0;
    return;
  }
  const WorkflowOptions wf = AllowedWorkflow(*claim, ctx.model.my_role(), ctx.model.self_user_id());
  NoteGlyphs(ctx, *claim);
  Header(ctx, *claim);
  ImGui::Separator();
  Quote(ctx, *claim);
  ImGui::Spacing();
  Summary(ctx, *claim, wf);
  ImGui::Spacing();
  Workflow(ctx, *claim, wf);
  ImGui::Separator();
  if (ImGui::CollapsingHeader(
          ("Sources (" + std::to_string(claim->source_count()) + ")###sources").c_str(),
          ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawSources(ctx, *claim, wf.add_source);
  }
  if (ImGui::CollapsingHeader(
          ("Notes (" + std::to_string(claim->note_count()) + ")###notes").c_str(),
          ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawNotes(ctx, *claim, wf.add_note);
  }
  if (ImGui::CollapsingHeader(
          ("Reviews (" + std::to_string(claim->review_count()) + ")###reviews").c_str(),
          ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawReviews(ctx, *claim, wf.review);
  }
  if (ImGui::CollapsingHeader("History")) DrawHistory(ctx, *claim);
}

}  // namespace factdesk::ui
