#include "client/desktop/desktop_app.h"

#include <cfloat>
#include <chrono>
#include <cstdio>
#include <iostream>

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include "client/desktop/config_paths.h"
#include "client/desktop/driver_pin.h"
#include "client/desktop/fonts.h"
#include "client/desktop/screenshot.h"
#include "client/desktop/server_list.h"
#include "client/ui/keys.h"

namespace factdesk::desktop {
namespace {

// The views use GLFW key codes for keys ImGui 1.86 does not name (client/ui/keys.h).
static_assert(ui::key::kF1 == GLFW_KEY_F1 && ui::key::kF3 == GLFW_KEY_F3);
static_assert(ui::key::kEscape == GLFW_KEY_ESCAPE && ui::key::kEnter == GLFW_KEY_ENTER);
static_assert(ui::key::kLeft == GLFW_KEY_LEFT && ui::key::kRight == GLFW_KEY_RIGHT);
static_assert(ui::key::Letter('J') == GLFW_KEY_J && ui::key::Letter('M') == GLFW_KEY_M);
static_assert(std::is_same_v<ImWchar, unsigned short>, "GlyphCoverage hands out 16-bit ranges");

void GlfwError(int code, const char* description) {
  std::cerr << "factdesk-desktop: GLFW error " << code << ": " << description << "\n";
}

// A calm dark theme on ImGui's dark style.
void ApplyStyle(float scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 4;
  s.FrameRounding = 3;
  s.ChildRounding = 3;
  s.PopupRounding = 3;
  s.ScrollbarRounding = 3;
  s.GrabRounding = 3;
  s.WindowBorderSize = 0;
  s.ItemSpacing = ImVec2(8, 6);
  s.Colors[ImGuiCol_WindowBg] = ImVec4(0.11F, 0.12F, 0.14F, 1.0F);
  s.Colors[ImGuiCol_ChildBg] = ImVec4(0.11F, 0.12F, 0.14F, 1.0F);
  s.Colors[ImGuiCol_Header] = ImVec4(0.22F, 0.30F, 0.45F, 0.8F);
  s.Colors[ImGuiCol_Button] = ImVec4(0.22F, 0.30F, 0.45F, 0.8F);
  s.ScaleAllSizes(scale);
}

}  // namespace

DesktopApp::DesktopApp(DesktopOptions options) : options_(std::move(options)) {}

DesktopApp::~DesktopApp() {
  Shutdown();
}

bool DesktopApp::Init() {
  glfwSetErrorCallback(GlfwError);
  if (glfwInit() == GLFW_FALSE) {
    std::cerr << "factdesk-desktop: cannot open a window (no display?)\n";
    return false;
  }
  const bool screenshot = !options_.screenshot.empty();
  const std::string dir = ConfigDir();
  ini_path_ = dir + "/desktop.ini";
  servers_path_ = dir + "/desktop-servers.json";
  servers_ = LoadServers(servers_path_);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  imgui_ready_ = true;
  // Screenshots are automation: they neither read nor change the user's layout.
  ImGui::GetIO().IniFilename = nullptr;
  InstallSettingsHandler(&settings_);
  if (!screenshot) ImGui::LoadIniSettingsFromDisk(ini_path_.c_str());
  if (!OpenWindow(screenshot)) return false;
  SetUpDrawing(screenshot);
  StartController();
  return true;
}

// The window at its remembered size and place (a screenshot: the asked size), with an
// OpenGL 3 context; a file dropped on it is previewed for import.
bool DesktopApp::OpenWindow(bool screenshot) {
  int width = options_.width;
  int height = options_.height;
  if (!screenshot && settings_.width > 0 && settings_.height > 0) {
    width = settings_.width;
    height = settings_.height;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  if (screenshot) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  window_ = glfwCreateWindow(width, height, "Factdesk", nullptr, nullptr);
  if (window_ == nullptr) {
    std::cerr << "factdesk-desktop: cannot create an OpenGL 3 window\n";
    return false;
  }
  if (!screenshot && settings_.x >= 0 && settings_.y >= 0) {
    glfwSetWindowPos(window_, settings_.x, settings_.y);
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(screenshot ? 0 : 1);
  glfwSetWindowUserPointer(window_, this);
  glfwSetDropCallback(window_, [](GLFWwindow* w, int count, const char** paths) {
    static_cast<DesktopApp*>(glfwGetWindowUserPointer(w))->OnDrop(count, paths);
  });
  return true;
}

// Style and fonts scaled for the screen, and ImGui's GLFW and OpenGL back ends.
void DesktopApp::SetUpDrawing(bool screenshot) {
  float xscale = 1;
  float yscale = 1;
  glfwGetWindowContentScale(window_, &xscale, &yscale);
  const float scale = std::max(1.0F, std::max(xscale, yscale));
  ApplyStyle(scale);
  font_px_ =
      (settings_.font_size > 0 && !screenshot ? settings_.font_size : options_.font_size) * scale;
  const LoadedFont font = LoadFonts(ImGui::GetIO(), font_px_);
  state_.glyphs.SetBase(font.fixed_ranges);
  std::fprintf(stderr, "factdesk-desktop: font %s at %.0f px (content scale %.2f)\n",
               font.description.c_str(), static_cast<double>(font_px_), static_cast<double>(scale));
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  PinLoadedLibraries();
}

// The controller, connecting at once when the command line says where; otherwise the
// connect screen offers the last server used.
void DesktopApp::StartController() {
  controller_ = std::make_unique<app::Controller>(app::Controller::Options{});
  controller_->SetWake([] { glfwPostEmptyEvent(); });
  hooks_ = std::make_unique<TestHooks>(options_, *controller_);
  state_.transcript_id = options_.transcript_id;
  if (!options_.server.empty() && !options_.token.empty()) {
    client::ConnectionOptions c;
    c.address = options_.server;
    c.token = options_.token;
    c.tls = options_.tls;
    c.ca_file = options_.ca_file;
    state_.connect = {c.address, c.token, c.tls, c.ca_file};
    controller_->Connect(c, options_.workspace);
  } else if (!servers_.empty()) {
    const ui::SavedServer& s = servers_.front();
    state_.connect = {s.address, s.token, s.tls, s.ca_file};
  }
}

void DesktopApp::OnDrop(int count, const char** paths) {
  if (count <= 0) return;
  state_.import_path = paths[0];
  actions_.emplace_back(ui::action::PreviewImport{paths[0]});
}

void DesktopApp::RememberServer() {
  // Signed in: the server (and token) are worth remembering, once per run.
  if (remembered_ || !options_.screenshot.empty()) return;
  if (controller_->session().connection.phase != ui::ConnectionInfo::Phase::kPicking &&
      !controller_->session().connection.live()) {
    return;
  }
  remembered_ = true;
  // A server found to speak TLS is remembered as such: no probing next time.
  state_.connect.tls = state_.connect.tls || controller_->session().connection.tls;
  Remember(servers_, {state_.connect.address, state_.connect.token, state_.connect.tls,
                      state_.connect.ca_file});
  if (Status s = SaveServers(servers_path_, servers_); !s.ok()) {
    std::cerr << "factdesk-desktop: " << s.message() << "\n";
  }
  settings_.server = state_.connect.address;
}

void DesktopApp::ApplyStartupSelection() {
  // --claim / --tab: once the claims are known, open what was asked for.
  if (startup_selection_done_) return;
  const auto& model = controller_->model();
  if (!model.has_workspace()) return;
  if (options_.tab == "dashboard") state_.tab = ui::Tab::kDashboard;
  if (options_.tab == "disputes") state_.tab = ui::Tab::kDisputes;
  if (options_.tab == "suggested") state_.tab = ui::Tab::kSuggested;
  std::int64_t claim = options_.claim_id;
  if (claim == 0 && options_.tab == "inspector" && state_.transcript_id != 0) {
    const auto claims = model.ClaimsOfTranscript(state_.transcript_id);
    if (!claims.empty()) claim = claims.front()->id();
  }
  if (claim != 0) {
    if (const v1::Claim* c = model.FindClaim(claim)) {
      state_.transcript_id = c->transcript_id();
      state_.scroll_to_ordinal = c->segment_ordinal();
      if (options_.tab == "inspector" || options_.claim_id != 0) state_.claim_id = claim;
    }
  } else if (state_.transcript_id == 0) {
    return;  // wait for the main view to pick the newest transcript
  }
  startup_selection_done_ = true;
}

bool DesktopApp::ScreenshotReady() const {
  const auto& model = controller_->model();
  const auto& session = controller_->session();
  if (!options_.server.empty()) {
    if (session.connection.phase != ui::ConnectionInfo::Phase::kLive || !model.has_workspace()) {
      return false;
    }
    if (!startup_selection_done_ || !hooks_->mark_done()) return false;
    if (model.claim_count() < static_cast<std::size_t>(options_.wait_claims)) return false;
    if (state_.transcript_id != 0 &&
        (session.transcript_id != state_.transcript_id || !session.segments_complete)) {
      return false;
    }
    if (state_.tab == ui::Tab::kDashboard && !session.dashboard) return false;
    if (state_.tab == ui::Tab::kSuggested &&
        model.suggestions().Status(state_.transcript_id) == nullptr) {
      return false;
    }
    if (state_.claim_id != 0 &&
        (!model.SourcesLoaded(state_.claim_id) || !model.NotesLoaded(state_.claim_id) ||
         !session.history.contains(state_.claim_id))) {
      return false;
    }
  }
  return true;
}

void DesktopApp::GrowFontAtlas() {
  // Between frames: the atlas must not change while a frame refers to its glyphs.
  const std::vector<ImWchar> extra = state_.glyphs.AddedRanges();
  LoadFonts(ImGui::GetIO(), font_px_, extra.data());
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  std::fprintf(stderr,
               "factdesk-desktop: font atlas grew to %zu characters beyond its fixed set "
               "(newest U+%04X)\n",
               state_.glyphs.added().size(), static_cast<unsigned>(state_.glyphs.added().back()));
}

void DesktopApp::Frame() {
  if (state_.glyphs.TakeGrown()) GrowFontAtlas();
  controller_->Pump();
  hooks_->BeforeFrame(state_);
  ApplyStartupSelection();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // A screenshot shows the data, not wherever the X server left the pointer.
  if (!options_.screenshot.empty()) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  ui::ViewContext ctx{controller_->model(), controller_->session(), state_, actions_};
  view_.Draw(ctx, servers_);
  ImGui::Render();
  hooks_->AfterRender(*ImGui::GetDrawData(), *ImGui::GetFont());
  int w = 0;
  int h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.11F, 0.12F, 0.14F, 1.0F);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// Once the data is in (or the time is up): the screenshot, and the exit code. Whether it
// was taken.
bool DesktopApp::TakeScreenshotWhenReady(bool timed_out, int& exit_code) {
  ready_frames_ = ScreenshotReady() ? ready_frames_ + 1 : 0;
  if (ready_frames_ < options_.frames && !timed_out) return false;
  int w = 0;
  int h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  if (Status s = SaveScreenshot(options_.screenshot, w, h); !s.ok()) {
    std::cerr << "factdesk-desktop: " << s.message() << "\n";
    exit_code = 1;
  } else {
    std::printf("screenshot %s %dx%d\n", options_.screenshot.c_str(), w, h);
    std::fflush(stdout);
  }
  if (timed_out && exit_code == 0) {
    std::cerr << "factdesk-desktop: timed out waiting for the data; the screenshot shows "
                 "what had arrived\n";
    exit_code = 2;
  }
  return true;
}

// The window's place and size and the open workspace, for the next start.
void DesktopApp::RememberWindow() {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
  glfwGetWindowPos(window_, &x, &y);
  glfwGetWindowSize(window_, &w, &h);
  if (x != settings_.x || y != settings_.y || w != settings_.width || h != settings_.height) {
    settings_.x = x;
    settings_.y = y;
    settings_.width = w;
    settings_.height = h;
    ImGui::MarkIniSettingsDirty();
  }
  if (controller_->model().has_workspace()) {
    settings_.workspace = controller_->model().workspace().slug();
  }
}

int DesktopApp::Run() {
  if (!Init()) return 1;
  const bool screenshot = !options_.screenshot.empty();
  const auto started = std::chrono::steady_clock::now();
  const auto deadline =
      started + std::chrono::milliseconds(static_cast<long>(options_.timeout_s * 1000));
  int exit_code = 0;
  while (glfwWindowShouldClose(window_) == GLFW_FALSE) {
    if (screenshot) {
      // Drawing as data arrives; a short wait keeps an automated run from spinning.
      glfwWaitEventsTimeout(0.02);
    } else {
      // Idle here: input, a posted network result or the half-second tick wakes us;
      // a view that moves by itself (drag auto-scroll) gets about 60 frames a second.
      glfwWaitEventsTimeout(state_.animating ? 1.0 / 60 : 0.5);
    }
    Frame();
    if (screenshot &&
        TakeScreenshotWhenReady(std::chrono::steady_clock::now() > deadline, exit_code)) {
      break;
    }
    glfwSwapBuffers(window_);
    RememberServer();
    controller_->Dispatch(actions_);
    controller_->Tick(state_);
    if (!screenshot) RememberWindow();
  }
  if (!screenshot) ImGui::SaveIniSettingsToDisk(ini_path_.c_str());
  Shutdown();
  return exit_code;
}

void DesktopApp::Shutdown() {
  if (controller_ != nullptr) {
    controller_->Shutdown();
    controller_.reset();
  }
  if (imgui_ready_) {
    if (window_ != nullptr) {
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplGlfw_Shutdown();
    }
    ImGui::DestroyContext();
    imgui_ready_ = false;
  }
  if (window_ != nullptr) {
    glfwDestroyWindow(window_);
    window_ = nullptr;
    glfwTerminate();
  }
}

}  // namespace factdesk::desktop
