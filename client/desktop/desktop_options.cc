#include "client/desktop/desktop_options.h"

#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

namespace factdesk::desktop {

Result<DesktopOptions> ParseOptions(int argc, char** argv, int* exit_code) {
  DesktopOptions o;
  CLI::App app{"factdesk-desktop: the Factdesk desktop client"};
  app.add_option("--server", o.server,
                 "Server address (host:port, https://host:port for TLS); default: "
                 "FACTDESK_SERVER, then the server `factdesk login` saved");
  auto* token_file = app.add_option("--token-file", o.token_file,
                                    "Read the API token from this file; default: FACTDESK_TOKEN, "
                                    "then the token `factdesk login` saved");
  app.add_option("--token", o.token,
                 "API token on the command line (others can see it in `ps`: prefer "
                 "--token-file, FACTDESK_TOKEN or `factdesk login`)")
      ->excludes(token_file);
  app.add_option("--workspace", o.workspace, "Workspace slug to open");
  app.add_flag("--tls", o.tls, "Use TLS for a bare host:port");
  app.add_option("--ca", o.ca_file, "PEM CA to trust for TLS (default: FACTDESK_CA)");
  app.add_option("--transcript", o.transcript_id, "Transcript id to show");
  app.add_option("--claim", o.claim_id, "Claim id to open in the inspector");
  app.add_option("--tab", o.tab,
                 "What to show: reader, inspector, dashboard, disputes or suggested")
      ->check(CLI::IsMember({"reader", "inspector", "dashboard", "disputes", "suggested"}));
  app.add_option("--width", o.width, "Window width")->check(CLI::Range(320, 8192));
  app.add_option("--height", o.height, "Window height")->check(CLI::Range(240, 8192));
  app.add_option("--font-size", o.font_size, "Text size in pixels (before HiDPI scaling)")
      ->check(CLI::Range(8.0F, 48.0F));
  app.add_option("--screenshot", o.screenshot,
                 "Save the window as this PNG once loaded, then exit");
  app.add_option("--frames", o.frames, "Frames to draw after the data arrived (screenshot)")
      ->check(CLI::Range(1, 10000));
  app.add_option("--timeout", o.timeout_s, "Seconds before a screenshot or test hook gives up");
  auto* hooks = "Test hooks";
  app.add_option("--mark", o.mark, "Test hook: mark TRANSCRIPT:ORDINAL:START:END as Ctrl+M does")
      ->group(hooks);
  app.add_flag("--report-changes", o.report_changes,
               "Test hook: print applied changes and the claim list to stdout")
      ->group(hooks);
  app.add_flag("--report-glyphs", o.report_glyphs,
               "Test hook: print the glyph drawn for each character, once, to stdout")
      ->group(hooks);
  app.add_option("--wait-claims", o.wait_claims,
                 "Test hook: the screenshot waits until this many claims are known")
      ->group(hooks);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    *exit_code = app.exit(e);
    return Status::InvalidArgument("arguments", e.what());
  }
  if (!o.mark.empty()) FD_RETURN_IF_ERROR(ParseMarkSpec(o.mark).status());
  return o;
}

Result<MarkSpec> ParseMarkSpec(const std::string& text) {
  MarkSpec m;
  char c1 = 0;
  char c2 = 0;
  char c3 = 0;
  std::istringstream in(text);
  if (!(in >> m.transcript_id >> c1 >> m.ordinal >> c2 >> m.start >> c3 >> m.end) || c1 != ':' ||
      c2 != ':' || c3 != ':' || !in.eof() || m.start < 0 || m.end <= m.start) {
    return Status::InvalidArgument("--mark", "expected TRANSCRIPT:ORDINAL:START:END, got " + text);
  }
  return m;
}

}  // namespace factdesk::desktop
