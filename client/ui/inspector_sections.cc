#include "client/ui/inspector_sections.h"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/claim_style.h"
#include "client/ui/keys.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "domain/limits.h"
#include "domain/text_validation.h"
#include "proto/enum_text.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

std::string Ago(const ViewContext& ctx, const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0) return "";
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(ctx.now.time_since_epoch());
  return FormatAgo(std::max<std::int64_t>(0, now.count() - t.seconds()));
}

// Ctrl+Enter in the field just drawn (a multiline field gives up focus on it).
bool CtrlEnter() {
  return (ImGui::IsItemActive() || ImGui::IsItemDeactivated() || ImGui::IsItemFocused()) &&
         ImGui::GetIO().KeyCtrl &&
         (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

// One note of the thread, indented by its depth, with a reply form under it when asked.
void DrawNote(ViewContext& ctx, const v1::Claim& claim, const v1::Note& n, int depth,
              bool can_add) {
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
  const float fs = ImGui::GetFontSize();
  ctx.state.glyphs.Add(n.body());
  ctx.state.glyphs.Add(n.author().display_name());
  ImGui::PushID(static_cast<int>(n.id()));
  ImGui::Indent(fs * 1.2F * static_cast<float>(depth) + 1.0F);
  ColoredText(SpeakerColor(n.author().handle()), v1::NameOf(n.author()));
  ImGui::SameLine();
  ImGui::TextDisabled("%s%s%s", Ago(ctx, n.created_at()).c_str(),
                      n.thread() == v1::NOTE_THREAD_DISPUTE ? "  (dispute)" : "",
                      n.edited_at().seconds() != 0 ? "  (edited)" : "");
  if (n.removed()) {
    ImGui::TextDisabled("(removed)");
  } else {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(n.body().c_str());
    ImGui::PopTextWrapPos();
  }
  if (can_add && !n.removed()) {
    if (ImGui::SmallButton(d.reply_to == n.id() ? "Cancel reply" : "Reply")) {
      d.reply_to = d.reply_to == n.id() ? 0 : n.id();
    }
    if (d.reply_to == n.id()) {
      ImGui::InputTextMultiline("##reply", &d.reply, ImVec2(-1, fs * 2.6F));
      const bool submit = CtrlEnter();
      if (ButtonIf(!d.reply.empty(), "Send reply") || (submit && !d.reply.empty())) {
        ctx.Emit(action::AddNote{claim.id(), n.id(), n.thread(), d.reply});
        d.reply.clear();
        d.reply_to = 0;
      }
    }
  }
  ImGui::Unindent(fs * 1.2F * static_cast<float>(depth) + 1.0F);
  ImGui::PopID();
}

// The form starts from the own review once (revising starts from what was sent).
void SeedReviewForm(ClaimDraft& d, const v1::Review& own, const v1::RatingScale& scale) {
  for (int i = 0; i < scale.labels_size(); ++i) {
    if (scale.labels(i).label() == own.verdict().label()) d.verdict_index = i;
  }
  d.rationale = own.rationale();
  d.confidence = std::clamp(static_cast<int>(own.confidence()), 1, 3);
  d.review_seeded = true;
}

// Every review but `shown` (the own one, when its form is on screen).
void OthersReviews(ViewContext& ctx, const v1::Claim& claim, const v1::Review* shown) {
  for (const v1::Review* r : ctx.model.Reviews(claim.id())) {
    if (shown != nullptr && r->id() == shown->id()) continue;
    ctx.state.glyphs.Add(r->rationale());
    ImGui::PushID(static_cast<int>(r->id()));
    ColoredText(SpeakerColor(r->reviewer().handle()), v1::NameOf(r->reviewer()));
    ImGui::SameLine();
    if (r->hidden()) {
      ImGui::TextDisabled("hidden until you submit yours");
    } else {
      Chip(r->verdict().label(), VerdictColor(r->verdict()));
      ImGui::SameLine();
      ImGui::TextDisabled("%s confidence, %s", v1::EnumText(r->confidence(), true).c_str(),
                          Ago(ctx, r->submitted_at()).c_str());
      DimWrapped(r->rationale());
    }
    ImGui::PopID();
  }
}

}  // namespace

void DrawSources(ViewContext& ctx, const v1::Claim& claim, const Status& can_add,
                 const Status& can_remove) {
  if (!ctx.model.SourcesLoaded(claim.id())) ImGui::TextDisabled("loading...");
  for (const v1::Source* s : ctx.model.Sources(claim.id())) {
    for (const std::string* text : {&s->title(), &s->publisher(), &s->excerpt()}) {
      ctx.state.glyphs.Add(*text);  // the font atlas must hold what is shown
    }
    ImGui::PushID(static_cast<int>(s->id()));
    Chip(v1::StanceLabel(s->stance()), StanceColor(s->stance()));
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted((s->title().empty() ? s->url() : s->title()).c_str());
    ImGui::PopTextWrapPos();
    DimWrapped(s->url() + (s->publisher().empty() ? "" : "  -  " + s->publisher()) +
               (s->primary() ? "  (primary)" : ""));
    if (!s->excerpt().empty()) DimWrapped("\xE2\x80\x9C" + s->excerpt() + "\xE2\x80\x9D");
    if (can_remove.ok() && ImGui::SmallButton("Remove")) ctx.Emit(action::RemoveSource{s->id()});
    ImGui::PopID();
    ImGui::Spacing();
  }
  if (!can_add.ok()) return RefusalLine(can_add);
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
  if (ImGui::TreeNode("Add a source")) {
    ImGui::InputTextWithHint("##url", "https://...", &d.source_url);
    ImGui::InputTextWithHint("##title", "Title", &d.source_title);
    ImGui::InputTextWithHint("##publisher", "Publisher", &d.source_publisher);
    ImGui::InputTextMultiline("##excerpt", &d.source_excerpt, ImVec2(-1, ImGui::GetFontSize() * 3));
    const char* stances[] = {"Supports", "Refutes", "Context"};
    int idx = std::clamp(d.source_stance - 1, 0, 2);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::Combo("Stance", &idx, stances, 3)) d.source_stance = idx + 1;
    ImGui::SameLine();
    ImGui::Checkbox("Primary source", &d.source_primary);
    if (ButtonIf(!d.source_url.empty(), "Add source")) {
      ctx.Emit(action::AddSource{claim.id(), d.source_url, d.source_title, d.source_publisher,
                                 d.source_excerpt, static_cast<v1::Stance>(d.source_stance),
                                 d.source_primary});
      d.source_url.clear();
      d.source_title.clear();
      d.source_publisher.clear();
      d.source_excerpt.clear();
      d.source_primary = false;
    }
    ImGui::TreePop();
  }
}

void DrawNotes(ViewContext& ctx, const v1::Claim& claim, const Status& can_add) {
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
  if (!ctx.model.NotesLoaded(claim.id())) ImGui::TextDisabled("loading...");
  const float fs = ImGui::GetFontSize();
  for (const auto& tn : ctx.model.Notes(claim.id())) {
    DrawNote(ctx, claim, *tn.note, tn.depth, can_add.ok());
    ImGui::Spacing();
  }
  if (!can_add.ok()) return RefusalLine(can_add);
  ImGui::TextDisabled("New note (the team sees it at once)");
  ImGui::InputTextMultiline("##note", &d.note, ImVec2(-1, fs * 3.0F));
  ctx.state.SetControlRect(Control::kNoteInput, ItemRect());
  const bool submit = CtrlEnter();
  if (ButtonIf(!d.note.empty(), "Add note (Ctrl+Enter)") || (submit && !d.note.empty())) {
    ctx.Emit(action::AddNote{claim.id(), 0, v1::NOTE_THREAD_CLAIM, d.note});
    d.note.clear();
  }
  ctx.state.SetControlRect(Control::kNoteSubmit, ItemRect());
}

namespace {

// The verdict picker, with each label's description on hover.
void VerdictCombo(ClaimDraft& d, const v1::RatingScale& scale) {
  const char* preview = d.verdict_index >= 0 && d.verdict_index < scale.labels_size()
                            ? scale.labels(d.verdict_index).label().c_str()
                            : "Choose a verdict";
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (!ImGui::BeginCombo("Verdict", preview)) return;
  for (int i = 0; i < scale.labels_size(); ++i) {
    const auto& l = scale.labels(i);
    ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(LabelColor(l.label(), scale)));
    if (ImGui::Selectable(l.label().c_str(), i == d.verdict_index)) d.verdict_index = i;
    ImGui::PopStyleColor();
    if (!l.description().empty() && ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s", l.description().c_str());
    }
  }
  ImGui::EndCombo();
}

// Whether the form can be sent, and if not why, in the server's words where it checks
// the same thing (the rationale's rule is domain's ValidateText).
Status ReviewFormReady(const ClaimDraft& d, const v1::RatingScale& scale) {
  if (d.verdict_index < 0 || d.verdict_index >= scale.labels_size()) {
    return Status::InvalidArgument("verdict", "choose one of the workspace's verdicts");
  }
  return domain::ValidateText("rationale", d.rationale, domain::kMaxRationaleChars, true);
}

// The own review's form: verdict, rationale, confidence, submit (or revise `own`).
void OwnReviewForm(ViewContext& ctx, const v1::Claim& claim, const v1::Review* own) {
  const auto& scale = ctx.model.workspace().rating_scale();
  ClaimDraft& d = ctx.state.DraftFor(claim.id());
  if (own != nullptr && !d.review_seeded) SeedReviewForm(d, *own, scale);
  ImGui::TextDisabled(own != nullptr ? "My review (revise)" : "My review");
  VerdictCombo(d, scale);
  ImGui::TextDisabled("Rationale: why this verdict, from the sources");
  ImGui::InputTextMultiline("##rationale", &d.rationale, ImVec2(-1, ImGui::GetFontSize() * 3.0F));
  const bool submit = CtrlEnter();
  ImGui::TextDisabled("Confidence");
  for (int c = 1; c <= 3; ++c) {
    ImGui::SameLine();
    ImGui::RadioButton(c == 1 ? "low" : c == 2 ? "medium" : "high", &d.confidence, c);
  }
  const Status ready = ReviewFormReady(d, scale);
  if (ButtonIfAllowed(
          ready, own != nullptr ? "Revise review (Ctrl+Enter)" : "Submit review (Ctrl+Enter)") ||
      (submit && ready.ok())) {
    ctx.Emit(action::SubmitReview{claim.id(), scale.labels(d.verdict_index).label(), d.rationale,
                                  static_cast<v1::Confidence>(d.confidence),
                                  own != nullptr ? own->version() : 0});
  }
  ctx.state.SetControlRect(Control::kReviewSubmit, ItemRect());
  ImGui::Spacing();
}

}  // namespace

void DrawReviews(ViewContext& ctx, const v1::Claim& claim, const Status& can_review) {
  const v1::Review* own = ctx.model.OwnReview(claim.id());
  if (!ctx.model.ReviewsLoaded(claim.id())) ImGui::TextDisabled("loading...");

  RefusalLine(can_review);
  if (can_review.ok()) OwnReviewForm(ctx, claim, own);
  OthersReviews(ctx, claim, can_review.ok() ? own : nullptr);
}

void DrawHistory(ViewContext& ctx, const v1::Claim& claim) {
  auto it = ctx.session.history.find(claim.id());
  if (it == ctx.session.history.end()) {
    ImGui::TextDisabled("loading...");
    return;
  }
  for (const auto& e : it->second) {
    ImGui::TextDisabled("%s", Ago(ctx, e.time()).c_str());
    ImGui::SameLine();
    ColoredText(SpeakerColor(e.actor().handle()), v1::NameOf(e.actor()));
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(e.summary().empty() ? e.kind().c_str() : e.summary().c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace factdesk::ui
