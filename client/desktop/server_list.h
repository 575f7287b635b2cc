#pragma once

#include <string>
#include <vector>

#include "client/ui/connect_view.h"
#include "common/result.h"

namespace factdesk::desktop {

// The servers the user signed in to, with their tokens, in
// $XDG_CONFIG_HOME/factdesk/desktop-servers.json (mode 0600: it holds tokens).
// [{"address": "...", "token": "...", "tls": false, "ca_file": ""}, ...], most recent first.
std::vector<ui::SavedServer> LoadServers(const std::string& path);
Status SaveServers(const std::string& path, const std::vector<ui::SavedServer>& servers);
// Puts `server` first, replacing an entry with the same address.
void Remember(std::vector<ui::SavedServer>& servers, const ui::SavedServer& server);

}  // namespace factdesk::desktop
