#include "tests/ui/headless_ui.h"

#include <cmath>
#include <map>
#include <utility>

#include "client/ui/keys.h"
#include "common/utf8.h"

namespace factdesk::testing {
namespace {

// The text in a frame's draw lists, read back from the glyph quads the font drew: each
// glyph is four vertices with its atlas coordinates, in drawing order. Glyphs on another
// baseline start a new line; a gap wider than half a space is a space. A glyph a clip
// rectangle cut has other coordinates and is not read. (Dear ImGui's own log cannot do
// this: End() stops it at the first window.)
std::string DrawnText(const ImDrawData& data, const ImFont& font) {
  std::map<std::pair<float, float>, const ImFontGlyph*> by_corner;
  for (const ImFontGlyph& g : font.Glyphs) {
    if (g.Visible != 0) by_corner[{g.U0, g.V0}] = &g;
  }
  const ImFontGlyph* space = font.FindGlyphNoFallback(' ');
  const float min_gap = (space != nullptr ? space->AdvanceX : font.FontSize / 2) / 2;
  std::string text;
  float line_y = -1;
  float pen_x = 0;
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = data.CmdLists[l]->VtxBuffer;
    for (int i = 0; i + 3 < v.Size; ++i) {
      const auto it = by_corner.find({v[i].uv.x, v[i].uv.y});
      if (it == by_corner.end()) continue;
      const ImFontGlyph& g = *it->second;
      if (v[i + 2].uv.x != g.U1 || v[i + 2].uv.y != g.V1) continue;
      const float x = v[i].pos.x - g.X0;  // the pen position the glyph was drawn at
      const float y = v[i].pos.y - g.Y0;
      if (std::abs(y - line_y) > 0.5F) {
        if (!text.empty()) text += '\n';
        line_y = y;
      } else if (x - pen_x > min_gap) {
        text += ' ';
      }
      utf8::Append(text, static_cast<char32_t>(g.Codepoint));
      pen_x = x + g.AdvanceX;
      i += 3;
    }
  }
  return text;
}

}  // namespace

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
  ui::ViewContext ctx{controller_->model(), controller_->session(), state_, actions_};
  view_.Draw(ctx);
  ImGui::Render();
  if (text != nullptr) *text = DrawnText(*ImGui::GetDrawData(), *ImGui::GetFont());
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

void HeadlessUi::Drag(ImVec2 from, ImVec2 to, int hold_frames, bool alt) {
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.KeyAlt = alt;
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
  io.KeyAlt = false;
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

void HeadlessUi::Wheel(ImVec2 at, float notches) {
  ImGui::SetCurrentContext(context_);
  MoveMouse(at);
  ImGui::GetIO().MouseWheel = notches;
  Frame();
  ImGui::GetIO().MouseWheel = 0;
  Frame();
}

void HeadlessUi::Type(const std::string& ascii) {
  ImGui::SetCurrentContext(context_);
  for (const char c : ascii) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
    Frame();
  }
}

bool HeadlessUi::ShowTranscript(const std::string& address, const std::string& token,
                                std::int64_t transcript_id, const std::function<bool()>& ready) {
  client::ConnectionOptions c;
  c.address = address;
  c.token = token;
  controller().Connect(c, "desk");
  state().transcript_id = transcript_id;  // not the newest one other tests import
  return PumpUntil([&] {
    const auto& s = controller().session();
    return s.connection.phase == ui::ConnectionInfo::Phase::kLive &&
           s.transcript_id == transcript_id && s.segments_complete &&
           !state().visible_rows.empty() && (!ready || ready());
  });
}

}  // namespace factdesk::testing
