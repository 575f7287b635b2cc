#include "client/desktop/window_settings.h"

#include <cstdio>
#include <cstring>

#include <imgui.h>
#include <imgui_internal.h>

namespace factdesk::desktop {
namespace {

void* ReadOpen(ImGuiContext*, ImGuiSettingsHandler* handler, const char* name) {
  return std::strcmp(name, "Window") == 0 ? handler->UserData : nullptr;
}

void ReadLine(ImGuiContext*, ImGuiSettingsHandler*, void* entry, const char* line) {
  auto* s = static_cast<WindowSettings*>(entry);
  int a = 0;
  int b = 0;
  float f = 0;
  if (std::sscanf(line, "Pos=%d,%d", &a, &b) == 2) {
    s->x = a;
    s->y = b;
  } else if (std::sscanf(line, "Size=%d,%d", &a, &b) == 2) {
    s->width = a;
    s->height = b;
  } else if (std::sscanf(line, "FontSize=%f", &f) == 1) {
    s->font_size = f;
  } else if (std::strncmp(line, "Server=", 7) == 0) {
    s->server = line + 7;
  } else if (std::strncmp(line, "Workspace=", 10) == 0) {
    s->workspace = line + 10;
  }
}

void WriteAll(ImGuiContext*, ImGuiSettingsHandler* handler, ImGuiTextBuffer* out) {
  const auto* s = static_cast<const WindowSettings*>(handler->UserData);
  out->appendf("[%s][Window]\n", handler->TypeName);
  out->appendf("Pos=%d,%d\n", s->x, s->y);
  out->appendf("Size=%d,%d\n", s->width, s->height);
  if (s->font_size > 0) out->appendf("FontSize=%g\n", static_cast<double>(s->font_size));
  if (!s->server.empty()) out->appendf("Server=%s\n", s->server.c_str());
  if (!s->workspace.empty()) out->appendf("Workspace=%s\n", s->workspace.c_str());
  out->append("\n");
}

}  // namespace

void InstallSettingsHandler(WindowSettings* settings) {
  ImGuiSettingsHandler h;
  h.TypeName = "Factdesk";
  h.TypeHash = ImHashStr("Factdesk");
  h.ReadOpenFn = ReadOpen;
  h.ReadLineFn = ReadLine;
  h.WriteAllFn = WriteAll;
  h.UserData = settings;
  ImGui::GetCurrentContext()->SettingsHandlers.push_back(h);
}

}  // namespace factdesk::desktop
