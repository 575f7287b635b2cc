#pragma once

#include <string>

namespace factdesk::desktop {

// $XDG_CONFIG_HOME/factdesk (or ~/.config/factdesk), created on first use (mode 0700).
std::string ConfigDir();

}  // namespace factdesk::desktop
