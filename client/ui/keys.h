#pragma once

struct ImGuiIO;

namespace factdesk::ui {

// Key indices into io.KeysDown. ImGui 1.86 has no named keys for letters or F-keys, so
// the views use GLFW's key codes (the GLFW backend fills KeysDown with them; letters
// are their ASCII capitals). Headless contexts (tests, benchmark) call SetupKeyMap to
// get the same layout. client/desktop static_asserts these against GLFW's.
namespace key {
inline constexpr int kSpace = 32;
inline constexpr int kEscape = 256;
inline constexpr int kEnter = 257;
inline constexpr int kTab = 258;
inline constexpr int kBackspace = 259;
inline constexpr int kInsert = 260;
inline constexpr int kDelete = 261;
inline constexpr int kRight = 262;
inline constexpr int kLeft = 263;
inline constexpr int kDown = 264;
inline constexpr int kUp = 265;
inline constexpr int kPageUp = 266;
inline constexpr int kPageDown = 267;
inline constexpr int kHome = 268;
inline constexpr int kEnd = 269;
inline constexpr int kF1 = 290;
inline constexpr int kF3 = 292;
inline constexpr int kKeypadEnter = 335;
inline constexpr int Letter(char upper) {
  return upper;
}
}  // namespace key

// io.KeyMap for a context without the GLFW backend.
void SetupKeyMap(ImGuiIO& io);

}  // namespace factdesk::ui
