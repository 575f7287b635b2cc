#include "client/ui/import_view.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/colors.h"
#include "client/ui/language_picker.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
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
  } else if (row.kind != "speech") {
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
  ImGui::Separator();
  ImGui::BeginChild("##rows", ImVec2(0, -fs * 3));
  for (const auto& row : p.first_segments) PreviewRow(row);
  if (p.segment_count > static_cast<int>(p.first_segments.size())) {
    ImGui::TextDisabled("... and %d more segments",
                        p.segment_count - static_cast<int>(p.first_segments.size()));
  }
  ImGui::EndChild();
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
  // The title is a draft like any other: seeded once per file, then the user's.
  if (ctx.state.import_title_for != p.path) {
    ctx.state.import_title = p.title;
    ctx.state.import_title_for = p.path;
  }
  // The guess, changeable, once the file parsed.
  const bool parsed = !p.parsing && p.error.empty();
  if (parsed && ctx.state.import_language_for != p.path) {
    ctx.state.import_language = p.language;
    ctx.state.import_language_for = p.path;
  }
  const bool language_ok =
      !parsed || DrawLanguagePicker(ctx.state.import_language, p.language, p.language_why).ok();
  ImGui::SetNextItemWidth(fs * 18);
  ImGui::InputText("Title", &ctx.state.import_title);
  ImGui::SameLine();
  const bool can = !p.parsing && !p.sending && p.error.empty() && language_ok &&
                   v1::CheckRole(ctx.model.workspace(), domain::Action::kImportTranscript).ok();
  if (ButtonIf(can, p.sending ? "Importing..." : "Import")) {
    ctx.Emit(action::Import{p.path, ctx.state.import_title, ctx.state.import_language});
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) open = false;
  ImGui::End();
  if (!open) ctx.Emit(action::CancelImport{});
}

}  // namespace factdesk::ui
