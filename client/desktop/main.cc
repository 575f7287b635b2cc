// factdesk-desktop: the Factdesk desktop client (GLFW + OpenGL 3 + Dear ImGui).
#include <iostream>

#include <grpc/grpc.h>

#include "client/desktop/desktop_app.h"
#include "client/desktop/desktop_login.h"
#include "client/desktop/desktop_options.h"

int main(int argc, char** argv) {
  int exit_code = 0;
  auto options = factdesk::desktop::ParseOptions(argc, argv, &exit_code);
  if (!options.ok()) return exit_code;
  if (const factdesk::Status s = factdesk::desktop::ResolveLogin(*options); !s.ok()) {
    std::cerr << "factdesk-desktop: " << s.ToString() << "\n";
    return 2;
  }
  // Our own reference to gRPC's global state, released last and waited for: otherwise
  // its clean-up may run on a detached thread still going when the process exits.
  grpc_init();
  {
    factdesk::desktop::DesktopApp app(std::move(*options));
    exit_code = app.Run();
  }
  grpc_shutdown_blocking();
  return exit_code;
}
