#include "client/ui/import_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/colors.h"
#include "client/ui/language_picker.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "domain/text_validation.h"
#include "proto/claim_checks.h"

namespace factdesk::ui {
namespace {

constexpr const char* kPreviewImport = "Preview import";

// One segment as the importer split it: time, speaker (or kind) and text.
void PreviewRow(const ImportPreview::Row& row) {
  if (row.start_ms) {
    ImGui::TextDisabled("%s", FormatTimestamp(*row.start_ms).c_str());
    ImGui::SameLine();
  }
  if (!row.speaker.empty()) {
    ColoredText(SpeakerColor(row.speaker), row.speaker);
    ImGui::SameLine();
  } else if (row.kind == "speech") {
    ImGui::TextDisabled("(nobody named)");
    ImGui::SameLine();
  } else {
    ImGui::TextDisabled("(%s)", row.kind.c_str());
    ImGui::SameLine();
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(row.text.c_str());
  ImGui::PopTextWrapPos();
}

// What the importer made of the file: format, speakers and the first segments.
void ParsedFile(const ImportPreview& p, float fs) {
  ImGui::Text("Format: %s   Segments: %d   Size: %lld bytes", p.format.c_str(), p.segment_count,
              static_cast<long long>(p.byte_size));
  std::string speakers;
  for (const auto& s : p.speakers) speakers += (speakers.empty() ? "" : ", ") + s;
  ImGui::PushTextWrapPos(0);
  ImGui::Text("Speakers (%d): %s", static_cast<int>(p.speakers.size()),
              speakers.empty() ? "none" : speakers.c_str());
  ImGui::PopTextWrapPos();
  if (!p.unattributed_note.empty()) {
    ImGui::PushTextWrapPos(0);
    ColoredText(p.needs_speaker ? palette::kBad : palette::kWarn, p.unattributed_note);
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
  // Room below for the speaker field, the title row and the server's refusal.
  const float below = 3 + (p.unattributed > 0 ? 1.5F : 0) + (p.send_error.empty() ? 0 : 2.5F);
  ImGui::BeginChild("##rows", ImVec2(0, -fs * below));
  for (const auto& row : p.first_segments) PreviewRow(row);
  if (p.segment_count > static_cast<int>(p.first_segments.size())) {
    ImGui::TextDisabled("... and %d more segments",
                        p.segment_count - static_cast<int>(p.first_segments.size()));
  }
  ImGui::EndChild();
}

// Whether the Import button works, and if not why (its tooltip).
Status ImportAllowed(const ViewContext& ctx, const ImportPreview& p) {
  if (p.parsing || p.sending) return Status::FailedPrecondition("the file is being read or sent");
  if (!p.error.empty()) return Status::FailedPrecondition("the importer refused this file");
  FD_RETURN_IF_ERROR(v1::CheckRole(ctx.model.workspace(), domain::Action::kImportTranscript));
  if (p.needs_speaker && domain::Trim(ctx.state.import_speaker).empty()) {
    return Status::InvalidArgument("speaker", "name who speaks the text first");
  }
  return Status::Ok();
}

// Below the preview: who speaks, the language, the title, Import and Cancel, and the
// server's refusal. False when Cancel was clicked.
bool DrawImportForm(ViewContext& ctx, const ImportPreview& p, float fs) {
  // The title is a draft like any other: seeded once per file, then the user's.
  if (ctx.state.import_title_for != p.path) {
    ctx.state.import_title = p.title;
    ctx.state.import_speaker.clear();
    ctx.state.import_title_for = p.path;
  }
  if (p.unattributed > 0) {
    ImGui::SetNextItemWidth(fs * 18);
    ImGui::InputTextWithHint("Speaker", "who speaks the unlabelled text",
                             &ctx.state.import_speaker);
  }
  // The guess, changeable, once the file parsed.
  const bool parsed = !p.parsing && p.error.empty();
  if (parsed && ctx.state.import_language_for != p.path) {
    ctx.state.import_language = p.language;
    ctx.state.import_language_for = p.path;
  }
  const Status language =
      parsed ? DrawLanguagePicker(ctx.state.import_language, p.language, p.language_why)
             : Status::Ok();
  ImGui::SetNextItemWidth(fs * 18);
  ImGui::InputText("Title", &ctx.state.import_title);
  ImGui::SameLine();
  Status allowed = ImportAllowed(ctx, p);
  if (allowed.ok()) allowed = language;
  if (ButtonIfAllowed(allowed, p.sending ? "Importing..." : "Import")) {
    ctx.Emit(action::Import{p.path, ctx.state.import_title, domain::Trim(ctx.state.import_speaker),
                            ctx.state.import_language});
  }
  ImGui::SameLine();
  const bool cancelled = ImGui::Button("Cancel");
  if (!p.send_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ColoredText(palette::kBad, "The server refused the import: " + p.send_error);
    ImGui::PopTextWrapPos();
  }
  return !cancelled;
}

}  // namespace

float ImportFieldWidth() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::GetFontSize() * 14 + style.ItemSpacing.x + ImGui::CalcTextSize(kPreviewImport).x +
         style.FramePadding.x * 2;
}

void DrawImportField(ViewContext& ctx) {
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(fs * 14);
  const bool enter =
      ImGui::InputTextWithHint("##importpath", "file to import (or drop it here)",
                               &ctx.state.import_path, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ButtonIf(!ctx.state.import_path.empty(), kPreviewImport) || enter) &&
      !ctx.state.import_path.empty()) {
    ctx.Emit(action::PreviewImport{ctx.state.import_path});
  }
}

void DrawImportPreview(ViewContext& ctx) {
  const ImportPreview& p = ctx.session.import;
  if (!p.open) return;
  const float fs = ImGui::GetFontSize();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(std::min(display.x * 0.8F, fs * 44), display.y * 0.7F),
                           ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing,
                          ImVec2(0.5F, 0.5F));
  bool open = true;
  if (!ImGui::Begin("Import a transcript", &open, ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  ImGui::TextDisabled("%s", p.path.c_str());
  if (p.parsing) {
    ImGui::Text("Reading the file...");
  } else if (!p.error.empty()) {
    ImGui::PushTextWrapPos(0);
    ColoredText(palette::kBad, "The importer refused this file: " + p.error);
    ImGui::PopTextWrapPos();
  } else {
    ParsedFile(p, fs);
  }
  ImGui::Separator();
  if (!DrawImportForm(ctx, p, fs)) open = false;
  ImGui::End();
  if (!open) ctx.Emit(action::CancelImport{});
}

}  // namespace factdesk::ui
