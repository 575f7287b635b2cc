#include "client/ui/inspector_view.h"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/checked_before_view.h"
#include "client/ui/claim_style.h"
#include "client/ui/inspector_sections.h"
#include "client/ui/quote_change_box.h"
#include "client/ui/tag_row.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "client/ui/workflow_rules.h"
#include "proto/claim_progress.h"
#include "proto/enum_text.h"
#include "proto/labels.h"
#include "proto/workflow_requests.h"

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
  // Flush right, measured: a guessed width clipped the button at the panel's edge.
  constexpr const char* kClose = "Close (Esc)";
  ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() -
                  SmallButtonWidth(kClose));
  if (ImGui::SmallButton(kClose)) ctx.state.claim_id = 0;

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

// Someone saved the summary first: theirs, or mine sent again over their version.
void SummaryConflictBox(ViewContext& ctx, const v1::Claim& claim, const SummaryConflict& c) {
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
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
  // Read-only when the server would refuse the edit, saying why on hover.
  ImGuiInputTextFlags flags = wf.edit.ok() ? 0 : ImGuiInputTextFlags_ReadOnly;
  if (ImGui::InputTextMultiline("##summary", &d.summary, ImVec2(w, ImGui::GetFontSize() * 3.6F),
                                flags)) {
    d.summary_dirty = d.summary != claim.summary();
  }
  RefusalTooltip(wf.edit);
  ctx.state.SetControlRect(Control::kSummaryInput, ItemRect());
  const bool ctrl_enter = (ImGui::IsItemActive() || ImGui::IsItemDeactivated()) &&
                          ImGui::GetIO().KeyCtrl &&
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);

  auto conflict = ctx.session.conflicts.find(claim.id());
  if (conflict != ctx.session.conflicts.end()) {
    SummaryConflictBox(ctx, claim, conflict->second);
  } else if (d.summary_dirty) {
    // A draft outlives a change that made the claim uneditable: kept, but not sent.
    if (ButtonIfAllowed(wf.edit, "Save summary") || (ctrl_enter && wf.edit.ok())) {
      ctx.Emit(action::UpdateClaim{claim.id(), d.summary_base_version, d.summary, std::nullopt});
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard")) d.summary_dirty = false;
  }
}

// The claimant field, following the claim the same way as the summary.
void Claimant(ViewContext& ctx, const v1::Claim& claim, const WorkflowOptions& wf) {
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
  if (d.claimant_dirty && d.claimant == claim.claimant()) d.claimant_dirty = false;
  if (!d.claimant_dirty) {
    d.claimant = claim.claimant();
    d.claimant_base_version = claim.version();
  }
  ImGui::TextDisabled("Claimant");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  const ImGuiInputTextFlags flags = wf.edit.ok() ? 0 : ImGuiInputTextFlags_ReadOnly;
  if (ImGui::InputText("##claimant", &d.claimant, flags))
    d.claimant_dirty = d.claimant != claim.claimant();
  RefusalTooltip(wf.edit);
  if (d.claimant_dirty) {
    ImGui::SameLine();
    if (wf.edit.ok() && ImGui::SmallButton("Save")) {
      ctx.Emit(action::UpdateClaim{claim.id(), d.claimant_base_version, std::nullopt, d.claimant});
    }
  }
}

// A workflow button is drawn when the member's role allows its action at all; it is
// enabled exactly when the server would accept it on this claim now, and otherwise says
// why on hover.
bool Offered(const Status& allowed) {
  return allowed.code() != Code::kPermissionDenied;
}

// An offered workflow button on the row; true when pressed.
bool RowButton(const Status& allowed, const char* label) {
  if (!Offered(allowed)) return false;
  const bool pressed = ButtonIfAllowed(allowed, label);
  ImGui::SameLine();
  return pressed;
}

void AssignPopup(ViewContext& ctx, const v1::Claim& claim) {
  if (!ImGui::BeginPopup("assign")) return;
  std::vector<std::int64_t> ids;
  for (const auto& u : claim.assignees()) ids.push_back(u.id());
  for (const v1::Member* m : ctx.model.Members()) {
    if (!Assignable(*m)) continue;
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

// A duplicate names its original: one of the claim's matches, or another claim by id.
void DuplicateChoice(ViewContext& ctx, const v1::Claim& claim, ClaimDraft& d) {
  const v1::ListClaimMatchesResponse* known = ctx.model.MatchesOf(claim.id());
  std::string chosen = "(a claim, by id)";
  if (known != nullptr) {
    for (const auto& m : known->matches()) {
      if (m.check().id() == d.duplicate_check_id) chosen = m.check().claim_reviewed();
    }
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
  if (ImGui::BeginCombo("Duplicates", chosen.c_str())) {
    if (ImGui::Selectable("(a claim, by id)", d.duplicate_check_id == 0)) d.duplicate_check_id = 0;
    if (known != nullptr) {
      for (const auto& m : known->matches()) {
        ImGui::PushID(static_cast<int>(m.check().id()));
        if (ImGui::Selectable(m.check().claim_reviewed().c_str(),
                              m.check().id() == d.duplicate_check_id)) {
          d.duplicate_check_id = m.check().id();
        }
        ImGui::PopID();
      }
    }
    ImGui::EndCombo();
  }
  if (d.duplicate_check_id == 0) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt("Claim #", &d.duplicate_claim_id, 0);
  }
}

void DismissPopup(ViewContext& ctx, const v1::Claim& claim, ClaimDraft& d) {
  if (!ImGui::BeginPopup("dismiss")) return;
  const char* reasons[] = {"Opinion", "Prediction", "Not checkable", "Not a claim", "Duplicate"};
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  int idx = std::clamp(d.dismiss_reason - 1, 0, 4);
  if (ImGui::Combo("Reason", &idx, reasons, 5)) d.dismiss_reason = idx + 1;
  const auto reason = static_cast<v1::DismissReason>(std::clamp(d.dismiss_reason, 1, 5));
  if (reason == v1::DISMISS_REASON_DUPLICATE) DuplicateChoice(ctx, claim, d);
  ImGui::InputText("Explanation", &d.reason);
  action::DismissClaim dismiss{claim.id(), claim.version(), reason, d.reason};
  if (reason == v1::DISMISS_REASON_DUPLICATE) {
    dismiss.duplicate_of_check_id = d.duplicate_check_id;
    if (d.duplicate_check_id == 0) dismiss.duplicate_of_claim_id = d.duplicate_claim_id;
  }
  // The server's own field checks decide whether the button is enabled (and say why not).
  v1::DismissClaimRequest req;
  req.set_claim_id(claim.id());
  req.set_expected_version(claim.version());
  req.set_reason(reason);
  req.set_duplicate_of_claim_id(dismiss.duplicate_of_claim_id);
  req.set_duplicate_of_check_id(dismiss.duplicate_of_check_id);
  if (ButtonIfAllowed(v1::CheckedRequest(req).status(), "Dismiss claim")) {
    ctx.Emit(std::move(dismiss));
    d.reason.clear();
    d.duplicate_check_id = 0;
    d.duplicate_claim_id = 0;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void ReopenPopup(ViewContext& ctx, const v1::Claim& claim, ClaimDraft& d) {
  if (!ImGui::BeginPopup("reopen")) return;
  ImGui::InputText("Reason", &d.reason);
  if (ButtonIf(!d.reason.empty(), "Reopen claim")) {
    ctx.Emit(action::ReopenClaim{claim.id(), claim.version(), d.reason});
    d.reason.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// A published check changes only by a correction: a reason, and a new summary or verdict.
void CorrectPopup(ViewContext& ctx, const v1::Claim& claim, ClaimDraft& d) {
  if (!ImGui::BeginPopup("correct")) return;
  const auto& scale = ctx.model.workspace().rating_scale();
  ImGui::InputText("Reason", &d.reason);
  ImGui::InputTextWithHint("Summary", claim.summary().c_str(), &d.correction_summary);
  const bool verdict_chosen =
      d.correction_verdict >= 0 && d.correction_verdict < scale.labels_size();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (ImGui::BeginCombo("Verdict", verdict_chosen
                                       ? scale.labels(d.correction_verdict).label().c_str()
                                       : "(keep)")) {
    for (int i = 0; i < scale.labels_size(); ++i) {
      if (ImGui::Selectable(scale.labels(i).label().c_str(), i == d.correction_verdict)) {
        d.correction_verdict = i;
      }
    }
    ImGui::EndCombo();
  }
  const bool changes = verdict_chosen || !d.correction_summary.empty();
  if (ButtonIf(!d.reason.empty() && changes, "Correct claim")) {
    action::CorrectClaim c{claim.id(), claim.version(), d.reason, std::nullopt, std::nullopt};
    if (!d.correction_summary.empty()) c.summary = d.correction_summary;
    if (verdict_chosen) c.verdict = scale.labels(d.correction_verdict).label();
    ctx.Emit(std::move(c));
    d.reason.clear();
    d.correction_summary.clear();
    d.correction_verdict = -1;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
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

  if (RowButton(wf.take, "Take")) ctx.Emit(action::TakeClaim{claim.id()});
  if (RowButton(wf.assign, "Assign...")) ImGui::OpenPopup("assign");
  if (RowButton(wf.dismiss, "Dismiss...")) ImGui::OpenPopup("dismiss");
  if (RowButton(wf.reopen, "Reopen...")) ImGui::OpenPopup("reopen");
  if (RowButton(wf.publish, "Publish")) {
    ctx.Emit(action::PublishClaim{claim.id(), claim.version()});
  }
  if (RowButton(wf.correct, "Correct...")) ImGui::OpenPopup("correct");
  AssignPopup(ctx, claim);
  DismissPopup(ctx, claim, d);
  ReopenPopup(ctx, claim, d);
  CorrectPopup(ctx, claim, d);
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
  for (const std::string* typed : {&d.summary, &d.note, &d.reply, &d.rationale, &d.tag}) {
    g.Add(*typed);
  }
}

// What the claim waits for, in the words the CLI prints (domain::WaitingFor), once its
// reviews are known; nothing when nothing is left to do.
void WaitingLine(const ViewContext& ctx, const v1::Claim& claim,
                 const std::vector<const v1::Review*>& reviews) {
  google::protobuf::RepeatedPtrField<v1::Review> known;
  for (const v1::Review* r : reviews) *known.Add() = *r;
  const auto d = ctx.session.dispute_details.find(claim.id());
  const v1::Dispute* dispute =
      d != ctx.session.dispute_details.end() && d->second.status() == v1::DISPUTE_STATUS_OPEN
          ? &d->second
          : nullptr;
  const std::string waiting = v1::WaitingFor(claim, ctx.model.workspace().policy(), known, dispute);
  if (waiting.empty()) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(ToVec4(palette::kWarn), "Next: %s", waiting.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

void DrawInspector(ViewContext& ctx) {
  const v1::Claim* claim = ctx.model.FindClaim(ctx.state.claim_id);
  if (claim == nullptr) {
    ImGui::TextDisabled("The claim is not loaded.");
    if (ImGui::Button("Close")) ctx.state.claim_id = 0;
    return;
  }
  const bool reviews_loaded = ctx.model.ReviewsLoaded(claim->id());
  const std::vector<const v1::Review*> reviews = ctx.model.Reviews(claim->id());
  const WorkflowOptions wf =
      AllowedWorkflow(ctx.model.workspace(), *claim, reviews_loaded ? &reviews : nullptr);
  NoteGlyphs(ctx, *claim);
  Header(ctx, *claim);
  ImGui::Separator();
  Quote(ctx, *claim);
  DrawQuoteChange(ctx, *claim, wf.dismiss);
  ImGui::Spacing();
  Summary(ctx, *claim, wf);
  Claimant(ctx, *claim, wf);
  DrawTagRow(ctx, *claim, wf.tag);
  ImGui::Spacing();
  Workflow(ctx, *claim, wf);
  if (reviews_loaded) WaitingLine(ctx, *claim, reviews);
  ImGui::Separator();
  // Earlier checks first: a claim checked before may need no new work.
  if (ImGui::CollapsingHeader(
          ("Checked before (" + std::to_string(CheckedBeforeCount(ctx, *claim)) + ")###checked")
              .c_str(),
          ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawCheckedBefore(ctx, *claim, wf.edit);
  }
  if (ImGui::CollapsingHeader(
          ("Sources (" + std::to_string(claim->source_count()) + ")###sources").c_str(),
          ImGuiTreeNodeFlags_DefaultOpen)) {
    DrawSources(ctx, *claim, wf.add_source, wf.remove_source);
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
