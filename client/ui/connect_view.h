#pragma once

#include <string>
#include <vector>

#include "client/ui/view_context.h"

namespace factdesk::ui {

// A server the user signed in to before (the desktop keeps the list).
struct SavedServer {
  std::string address;
  std::string token;
  bool tls = false;
  std::string ca_file;
};

// The connect screen: server address and token (or a remembered server), with the
// error of the last attempt in plain words.
void DrawConnect(ViewContext& ctx, const std::vector<SavedServer>& saved);
// The workspace picker shown once signed in.
void DrawWorkspacePicker(ViewContext& ctx);

}  // namespace factdesk::ui
