#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"

namespace factdesk::desktop {

// `factdesk-desktop [--server ADDR --token T --workspace SLUG ...]`.
struct DesktopOptions {
  // Sign in directly; see ResolveLogin for where else these come from. Without a server
  // and a token the connect screen shows.
  std::string server;
  std::string token;
  std::string token_file;
  std::string workspace;
  bool tls = false;
  std::string ca_file;
  std::int64_t transcript_id = 0;
  std::int64_t claim_id = 0;
  // reader | inspector | dashboard | disputes
  std::string tab = "reader";
  int width = 1280;
  int height = 800;
  // Base text size in pixels before the monitor's content scale.
  float font_size = 16;

  // --screenshot FILE.png [--frames N]: render until the data is there and N more frames
  // have been drawn, save the window as a PNG and exit 0 (2 when the data never came).
  std::string screenshot;
  int frames = 5;
  // Give up (exit 2) after this many seconds: screenshots and test hooks never hang.
  double timeout_s = 60;

  // Test hooks (see test_hooks.h).
  // TRANSCRIPT:ORDINAL:START:END — select those bytes and mark them as Ctrl+M does.
  std::string mark;
  // Print each applied change, and the claim list when it changes, to stdout.
  bool report_changes = false;
  // Print each character's glyph the first time a frame draws it.
  bool report_glyphs = false;
  // Wait for the model to hold this many claims before taking the screenshot.
  int wait_claims = 0;
};

// Parses argv. On --help or a usage error, returns the exit code to leave with.
Result<DesktopOptions> ParseOptions(int argc, char** argv, int* exit_code);

struct MarkSpec {
  std::int64_t transcript_id = 0;
  std::int32_t ordinal = 0;
  std::int32_t start = 0;
  std::int32_t end = 0;
};
// "T:O:S:E" -> MarkSpec; INVALID_ARGUMENT otherwise.
Result<MarkSpec> ParseMarkSpec(const std::string& text);

}  // namespace factdesk::desktop
