#pragma once

#include <string>

namespace factdesk::desktop {

// What the desktop remembers between runs besides the servers: the window's place and
// size and a few UI settings. Stored in ImGui's own .ini file
// ($XDG_CONFIG_HOME/factdesk/desktop.ini) as a [Factdesk][Window] section, next to
// ImGui's window layout.
struct WindowSettings {
  int x = -1;
  int y = -1;
  int width = 0;
  int height = 0;
  float font_size = 0;
  std::string server;
  std::string workspace;
};

// Registers the [Factdesk] section with the current ImGui context; `settings` must
// outlive it. Call before loading the .ini.
void InstallSettingsHandler(WindowSettings* settings);

}  // namespace factdesk::desktop
