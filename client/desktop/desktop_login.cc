#include "client/desktop/desktop_login.h"

#include <cstdlib>
#include <iostream>
#include <string>

#include "client/net/credentials_file.h"

namespace factdesk::desktop {
namespace {

void FromEnvironment(std::string& value, const char* name) {
  const char* env = std::getenv(name);
  if (value.empty() && env != nullptr) value = env;
}

}  // namespace

Status ResolveLogin(DesktopOptions& options) {
  if (!options.token_file.empty()) {
    FD_ASSIGN_OR_RETURN(options.token, client::ReadTokenFile(options.token_file));
  }
  FromEnvironment(options.server, "FACTDESK_SERVER");
  FromEnvironment(options.token, "FACTDESK_TOKEN");
  FromEnvironment(options.ca_file, "FACTDESK_CA");
  client::Credentials login{options.server, options.token, options.ca_file};
  // A saved login that cannot be read is not worth refusing to start over: the connect
  // screen asks instead, and the warning says which file to look at.
  if (const Status saved = client::FillFromSavedLogin(login); !saved.ok()) {
    std::cerr << "factdesk-desktop: warning: " << saved.message() << "\n";
  }
  options.server = login.server;
  options.token = login.token;
  options.ca_file = login.ca;
  return Status::Ok();
}

}  // namespace factdesk::desktop
