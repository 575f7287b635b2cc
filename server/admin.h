#pragma once

#include <string>

#include "common/result.h"
#include "server/store/db.h"

namespace factdesk::server {

// The operator's account commands (factdesk-server admin ...), run straight against the
// database. Workspace changes are sequenced mutations like any other, so live clients
// see them.
Result<std::string> AdminCreateUser(store::Db& db, const std::string& handle,
                                    const std::string& display_name, bool exist_ok);
Result<std::string> AdminCreateWorkspace(store::Db& db, const std::string& slug,
                                         const std::string& name, const std::string& owner,
                                         bool exist_ok);
Result<std::string> AdminAddMember(store::Db& db, const std::string& slug,
                                   const std::string& handle, const std::string& role);
// A new token with the default lifetime (shown once; only its SHA-256 is stored). The
// other token commands: admin_tokens.h.
Result<std::string> AdminIssueToken(store::Db& db, const std::string& handle);

}  // namespace factdesk::server
