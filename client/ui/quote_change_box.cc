#include "client/ui/quote_change_box.h"

#include <imgui.h>

#include "client/ui/widgets.h"
#include "proto/claim_checks.h"

namespace factdesk::ui {
namespace {

void Labelled(const char* label, const std::string& text) {
  ImGui::TextDisabled("%s", label);
  ImGui::Indent();
  ImGui::TextUnformatted(text.c_str());
  ImGui::Unindent();
}

// Marking again needs the claim editable by this member and a selection in its segment.
Status CanMarkAgain(const ViewContext& ctx, const v1::Claim& claim) {
  FD_RETURN_IF_ERROR(
      v1::CheckClaimAction(ctx.model.workspace(), claim, domain::Action::kEditClaim));
  const TextSelection& sel = ctx.state.selection;
  if (sel.segment_id != claim.segment_id() || sel.empty() || sel.dragging) {
    return Status::FailedPrecondition("select the quote in the segment's new text first");
  }
  return Status::Ok();
}

}  // namespace

void DrawQuoteChange(ViewContext& ctx, const v1::Claim& claim, const Status& can_dismiss) {
  if (!claim.has_quote_change()) return;
  const v1::QuoteChange& qc = claim.quote_change();
  ImGui::Separator();
  ImGui::PushTextWrapPos(0);
  ColoredText(palette::kBad,
              "Quote changed: a correction of the segment took the quote out of "
              "its text. The claim stays where it was until it is marked again.");
  Labelled("Marked", "\xE2\x80\x9C" + qc.old_quote() + "\xE2\x80\x9D");
  Labelled("Text before", qc.old_text());
  Labelled("Text now", qc.new_text());
  ImGui::PopTextWrapPos();
  ctx.state.glyphs.Add(qc.old_text());
  ctx.state.glyphs.Add(qc.new_text());
  if (ImGui::SmallButton("Show the segment")) {
    ctx.state.transcript_id = claim.transcript_id();
    ctx.state.scroll_to_ordinal = claim.segment_ordinal();
  }
  ImGui::SameLine();
  if (ButtonIfAllowed(CanMarkAgain(ctx, claim), "Mark the selection as the quote")) {
    const TextSelection& sel = ctx.state.selection;
    ctx.Emit(action::ReanchorClaim{claim.id(), claim.version(),
                                   static_cast<std::int32_t>(sel.start()),
                                   static_cast<std::int32_t>(sel.end())});
    ctx.state.selection.Clear();
  }
  ctx.state.SetControlRect(Control::kReanchorButton, ItemRect());
  ImGui::SameLine();
  // Opens the workflow's Dismiss popup (drawn further down the inspector).
  if (ButtonIfAllowed(can_dismiss, "Dismiss the claim...")) ImGui::OpenPopup("dismiss");
  ImGui::Separator();
}

}  // namespace factdesk::ui
