#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <imgui.h>

#include "client/app/controller.h"
#include "client/ui/main_view.h"
#include "client/ui/ui_state.h"

namespace factdesk::testing {

// The desktop without a window: a real ImGui context (built font atlas, no renderer)
// running the real views and controller, one frame per Frame(), with synthetic input
// fed to ImGuiIO before each frame the way the GLFW backend would.
class HeadlessUi {
 public:
  explicit HeadlessUi(app::Controller::Options options, ImVec2 display = ImVec2(1280, 800));
  ~HeadlessUi();

  // One frame: drain the controller's queue, draw, render, dispatch the actions, tick.
  void Frame();
  // One frame, returning the text it drew, a line per row of glyphs: what a person
  // would read.
  std::string FrameText();
  // Frames until `done` holds (waiting on the controller's queue in between); false on
  // timeout.
  bool PumpUntil(const std::function<bool()>& done,
                 std::chrono::milliseconds timeout = std::chrono::seconds(20));

  // Input, each taking effect over a few frames as a person's would.
  void MoveMouse(ImVec2 to);
  void Click(ImVec2 at);
  // Press at `from`, move to `to`, hold there for `hold_frames` more frames, release;
  // with Alt held throughout when `alt`.
  void Drag(ImVec2 from, ImVec2 to, int hold_frames = 0, bool alt = false);
  // A key with modifiers, down for one frame then up.
  void Key(int key, bool ctrl = false, bool shift = false);
  void Type(const std::string& ascii);
  // The mouse wheel over `at`: positive notches scroll up, negative down.
  void Wheel(ImVec2 at, float notches);

  // Connects to `address` with `token` and pumps until transcript `transcript_id` is
  // showing (the stream live, its segments in, rows laid out) and `ready`, when given,
  // holds; false on timeout.
  bool ShowTranscript(const std::string& address, const std::string& token,
                      std::int64_t transcript_id, const std::function<bool()>& ready = {});

  app::Controller& controller() { return *controller_; }
  const model::WorkspaceModel& model() const { return controller_->model(); }
  ui::UiState& state() { return state_; }
  ui::MainView& view() { return view_; }

 private:
  // Frame(), and when `text` is given, what it drew into it.
  void RunFrame(std::string* text);

  ImGuiContext* context_ = nullptr;
  std::unique_ptr<app::Controller> controller_;
  ui::UiState state_;
  ui::MainView view_;
  ui::ActionList actions_;
};

}  // namespace factdesk::testing
