#pragma once

#include <string>

#include "common/result.h"

namespace factdesk::client {

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

// Fills what `given` leaves empty (server, token) from the saved login at
// CredentialsPath(); the saved CA only when the server is the saved one. Flags and the
// environment come first in both clients, so a broken file does not get in the way of
// a fully given server and token: it is read only when something is missing.
Status FillFromSavedLogin(Credentials& given);

// The token in a file (`--token-file`), without surrounding whitespace, so a token need
// not appear on a command line where `ps` shows it. INVALID_ARGUMENT naming the file when
// it cannot be read or holds no token.
Result<std::string> ReadTokenFile(const std::string& path);

}  // namespace factdesk::client
