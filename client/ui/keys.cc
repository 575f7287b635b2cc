#include "client/ui/keys.h"

#include <imgui.h>

namespace factdesk::ui {

void SetupKeyMap(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = key::kTab;
  io.KeyMap[ImGuiKey_LeftArrow] = key::kLeft;
  io.KeyMap[ImGuiKey_RightArrow] = key::kRight;
  io.KeyMap[ImGuiKey_UpArrow] = key::kUp;
  io.KeyMap[ImGuiKey_DownArrow] = key::kDown;
  io.KeyMap[ImGuiKey_PageUp] = key::kPageUp;
  io.KeyMap[ImGuiKey_PageDown] = key::kPageDown;
  io.KeyMap[ImGuiKey_Home] = key::kHome;
  io.KeyMap[ImGuiKey_End] = key::kEnd;
  io.KeyMap[ImGuiKey_Insert] = key::kInsert;
  io.KeyMap[ImGuiKey_Delete] = key::kDelete;
  io.KeyMap[ImGuiKey_Backspace] = key::kBackspace;
  io.KeyMap[ImGuiKey_Space] = key::kSpace;
  io.KeyMap[ImGuiKey_Enter] = key::kEnter;
  io.KeyMap[ImGuiKey_Escape] = key::kEscape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = key::kKeypadEnter;
  io.KeyMap[ImGuiKey_A] = 'A';
  io.KeyMap[ImGuiKey_C] = 'C';
  io.KeyMap[ImGuiKey_V] = 'V';
  io.KeyMap[ImGuiKey_X] = 'X';
  io.KeyMap[ImGuiKey_Y] = 'Y';
  io.KeyMap[ImGuiKey_Z] = 'Z';
}

}  // namespace factdesk::ui
