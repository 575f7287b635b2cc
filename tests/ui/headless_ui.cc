#include "tests/ui/headless_ui.h"

#include <imgui_internal.h>

#include "client/ui/keys.h"

namespace factdesk::testing {

HeadlessUi::HeadlessUi(app::Controller::Options options, ImVec2 display) {
  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);  // CreateContext only does when there is none
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = display;
  io.DeltaTime = 1.0F / 60.0F;
  ui::SetupKeyMap(io);
  io.Fonts->AddFontDefault();
  unsigned char* pixels = nullptr;
  int w = 0;
  int h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; no GPU needed
  controller_ = std::make_unique<app::Controller>(std::move(options));
}

HeadlessUi::~HeadlessUi() {
  ImGui::SetCurrentContext(context_);
  controller_->Shutdown();
  controller_.reset();
  ImGui::DestroyContext(context_);
}

void HeadlessUi::Frame() {
  RunFrame(nullptr);
}

std::string HeadlessUi::FrameText() {
  std::string text;
  RunFrame(&text);
  return text;
}

void HeadlessUi::RunFrame(std::string* text) {
  // Several of these may live in one test (two users): each frame uses its own context.
  ImGui::SetCurrentContext(context_);
  controller_->Pump();
  ImGui::NewFrame();
  if (text != nullptr) ImGui::LogToBuffer();
  ui::ViewContext ctx{controller_->model(), controller_->session(), state_, actions_};
  view_.Draw(ctx);
  if (text != nullptr) {
    *text = ImGui::GetCurrentContext()->LogBuffer.c_str();  // LogFinish clears it
    ImGui::LogFinish();
  }
  ImGui::Render();
  controller_->Dispatch(actions_);
  controller_->Tick(state_);
}

bool HeadlessUi::PumpUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    Frame();
    if (done()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    controller_->queue().WaitFor(std::chrono::milliseconds(20));
  }
}

void HeadlessUi::MoveMouse(ImVec2 to) {
  ImGui::SetCurrentContext(context_);
  ImGui::GetIO().MousePos = to;
  Frame();
}

void HeadlessUi::Click(ImVec2 at) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  MoveMouse(at);
  io.MouseDown[0] = true;
  Frame();
  io.MouseDown[0] = false;
  Frame();
}

void HeadlessUi::Drag(ImVec2 from, ImVec2 to, int hold_frames) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  MoveMouse(from);
  io.MouseDown[0] = true;
  Frame();
  constexpr int kSteps = 6;
  for (int i = 1; i <= kSteps; ++i) {
    const float t = static_cast<float>(i) / kSteps;
    io.MousePos = ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
    Frame();
  }
  for (int i = 0; i < hold_frames; ++i) Frame();
  io.MouseDown[0] = false;
  Frame();
}

void HeadlessUi::Key(int key, bool ctrl, bool shift) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = ctrl;
  io.KeyShift = shift;
  io.KeysDown[key] = true;
  Frame();
  io.KeysDown[key] = false;
  Frame();
  io.KeyCtrl = false;
  io.KeyShift = false;
}

void HeadlessUi::Type(const std::string& ascii) {
  ImGui::SetCurrentContext(context_);
  for (const char c : ascii) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
    Frame();
  }
}

}  // namespace factdesk::testing
