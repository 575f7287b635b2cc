// factdesk-desktop: the Factdesk desktop client (GLFW + OpenGL 3 + Dear ImGui).
#include "client/desktop/desktop_app.h"
#include "client/desktop/desktop_options.h"

int main(int argc, char** argv) {
  int exit_code = 0;
  auto options = factdesk::desktop::ParseOptions(argc, argv, &exit_code);
  if (!options.ok()) return exit_code;
  factdesk::desktop::DesktopApp app(std::move(*options));
  return app.Run();
}
