#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <imgui.h>

#include "client/app/controller.h"
#include "client/desktop/desktop_options.h"
#include "client/ui/ui_state.h"

namespace factdesk::desktop {

// Automation for tests and scripts, documented as test hooks (not user features):
//  --mark T:O:S:E     once segment O of transcript T is loaded, selects bytes [S, E) of it
//                     and marks them through the same path as Ctrl+M (MarkFromSelection ->
//                     action::MarkClaim -> CreateClaim); prints
//                     "claim-created id=ID transcript=T quote=... t_ms=EPOCH_MS" when the
//                     RPC returns.
//  --report-changes   prints "ready workspace=ID last_seq=N t_ms=..." once loaded, then
//                     "change seq=N subject=S what=W claim=ID by_self=0|1 t_ms=..." per
//                     applied change and "claims ID,ID,..." when the claim list changed.
//  --report-glyphs   prints "glyph U+XXXX advance=A width=W t_ms=..." the first time a frame
//                     draws a character: the glyph the atlas gave it (the missing-glyph
//                     box shows as itself, U+25A1), so a test can tell which font drew it.
// Lines go to stdout, flushed at once; t_ms is the wall clock in ms since the epoch (the
// processes share a machine, so the test compares them).
class TestHooks {
 public:
  TestHooks(const DesktopOptions& options, app::Controller& controller);

  // Before each frame, on the UI thread.
  void BeforeFrame(ui::UiState& state);
  // Whether the --mark hook is done (or was not asked for).
  // After each frame is rendered.
  void AfterRender(const ImDrawData& data, const ImFont& font);
  bool mark_done() const { return mark_ == std::nullopt || marked_; }

 private:
  void ReportClaims();

  app::Controller& controller_;
  bool report_ = false;
  std::optional<MarkSpec> mark_;
  bool mark_sent_ = false;
  bool marked_ = false;
  bool ready_printed_ = false;
  std::size_t reported_claims_ = 0;
  bool report_glyphs_ = false;
  std::set<unsigned> reported_glyphs_;
};

// Milliseconds since the epoch, for the hooks' t_ms.
std::int64_t NowMs();

}  // namespace factdesk::desktop
