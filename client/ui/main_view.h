#pragma once

#include <vector>

#include "client/ui/connect_view.h"
#include "client/ui/reader_view.h"
#include "client/ui/view_context.h"

namespace factdesk::ui {

// The whole window for one frame: the connect screen, the workspace picker, or the
// workspace (top bar with transcript picker and import, the Reader / Dashboard /
// Disputes tabs, the inspector beside the reader, the status bar), plus the global
// keyboard shortcuts, the import preview and the help overlay.
class MainView {
 public:
  void Draw(ViewContext& ctx, const std::vector<SavedServer>& saved_servers = {});
  ReaderView& reader() { return reader_; }

 private:
  void Shortcuts(ViewContext& ctx);
  void TopBar(ViewContext& ctx);
  void FollowRequests(ViewContext& ctx);
  static bool DrawBeforeWorkspace(ViewContext& ctx, const std::vector<SavedServer>& saved);
  void DrawTab(ViewContext& ctx, ImVec2 body);

  ReaderView reader_;
  std::int64_t opened_claim_ = 0;
  Tab drawn_tab_ = Tab::kReader;
};

}  // namespace factdesk::ui
