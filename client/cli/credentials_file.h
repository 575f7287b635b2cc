#pragma once

#include <string>

#include "common/result.h"

namespace factdesk::cli {

// What `factdesk login` remembers: where the server is and who we are there.
struct Credentials {
  std::string server;
  std::string token;
  std::string ca;

  friend bool operator==(const Credentials&, const Credentials&) = default;
};

// $XDG_CONFIG_HOME/factdesk/credentials, or ~/.config/factdesk/credentials.
// INVALID_ARGUMENT when neither XDG_CONFIG_HOME nor HOME is set.
Result<std::string> CredentialsPath();

// The saved credentials; empty ones when the file does not exist.
// INVALID_ARGUMENT (naming the file) when it is unreadable or not the JSON we write.
Result<Credentials> LoadCredentials(const std::string& path);

// Writes {server, token, ca} as JSON, readable by the owner only: the directory is
// created 0700 and the file 0600 (replaced atomically, so a crash never leaves half a
// token and the file is never briefly readable by others).
Status SaveCredentials(const std::string& path, const Credentials& credentials);

}  // namespace factdesk::cli
