#pragma once

#include <memory>
#include <string>
#include <vector>

#include "client/app/controller.h"
#include "client/desktop/desktop_options.h"
#include "client/desktop/test_hooks.h"
#include "client/desktop/window_settings.h"
#include "client/ui/connect_view.h"
#include "client/ui/main_view.h"
#include "client/ui/ui_state.h"

struct GLFWwindow;

namespace factdesk::desktop {

// The desktop program: a GLFW window with an OpenGL 3 context, Dear ImGui on it, and
// the frame loop. The loop idles in glfwWaitEventsTimeout (woken by input, by the
// controller's posts through glfwPostEmptyEvent, and twice a second for "x s ago"
// labels and presence expiry); each frame drains the controller's queue, draws the
// views, renders, then hands the frame's actions to the controller.
class DesktopApp {
 public:
  explicit DesktopApp(DesktopOptions options);
  ~DesktopApp();
  // Runs until the window closes (or the screenshot is taken); the exit code.
  int Run();

 private:
  bool Init();
  bool OpenWindow(bool screenshot);
  void SetUpDrawing(bool screenshot);
  void StartController();
  bool TakeScreenshotWhenReady(bool timed_out, int& exit_code);
  void RememberWindow();
  void Shutdown();
  void Frame();
  // Whether the screenshot can be taken: the data the chosen tab shows has arrived.
  bool ScreenshotReady() const;
  void ApplyStartupSelection();
  void OnDrop(int count, const char** paths);
  void RememberServer();
  // Rebuilds the font atlas with the characters the views reported missing.
  void GrowFontAtlas();

  DesktopOptions options_;
  GLFWwindow* window_ = nullptr;
  bool imgui_ready_ = false;
  std::unique_ptr<app::Controller> controller_;
  std::unique_ptr<TestHooks> hooks_;
  ui::UiState state_;
  ui::MainView view_;
  ui::ActionList actions_;
  WindowSettings settings_;
  std::string ini_path_;
  std::string servers_path_;
  std::vector<ui::SavedServer> servers_;
  bool remembered_ = false;
  bool startup_selection_done_ = false;
  int ready_frames_ = 0;
  float font_px_ = 0;
};

}  // namespace factdesk::desktop
