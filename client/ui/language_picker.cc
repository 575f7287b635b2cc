#include "client/ui/language_picker.h"

#include <array>
#include <utility>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/colors.h"
#include "client/ui/widgets.h"
#include "domain/language_tag.h"

namespace factdesk::ui {
namespace {

// The languages a desk checks most; any other tag is typed.
constexpr std::array<std::pair<const char*, const char*>, 14> kCommon = {{
    {"en", "English"},
    {"de", "German"},
    {"fr", "French"},
    {"es", "Spanish"},
    {"it", "Italian"},
    {"pt", "Portuguese"},
    {"nl", "Dutch"},
    {"ru", "Russian"},
    {"uk", "Ukrainian"},
    {"ar", "Arabic"},
    {"zh", "Chinese"},
    {"ja", "Japanese"},
    {"ko", "Korean"},
    {"und", "cannot tell"},
}};

}  // namespace

Status DrawLanguagePicker(std::string& tag, const std::string& guessed, const std::string& why) {
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(fs * 8);
  if (ImGui::BeginCombo("##language_common", "Common", ImGuiComboFlags_HeightLarge)) {
    for (const auto& [code, name] : kCommon) {
      const std::string label = std::string(code) + "  " + name;
      if (ImGui::Selectable(label.c_str(), tag == code)) tag = code;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 6);
  ImGui::InputText("Language", &tag);
  if (!guessed.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("guessed: %s", guessed.c_str());
    if (ImGui::IsItemHovered() && !why.empty()) ImGui::SetTooltip("%s", why.c_str());
  }
  Status valid = domain::NormalizeLanguageTag("language", tag).status();
  if (!valid.ok()) {
    ImGui::PushTextWrapPos(0);
    ColoredText(palette::kBad, valid.message());
    ImGui::PopTextWrapPos();
  }
  return valid;
}

}  // namespace factdesk::ui
