#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "client/cli/command_client.h"
#include "common/status.h"
#include "domain/claim_actions.h"
#include "factdesk/v1/claim.pb.h"

namespace factdesk::cli {

// Before a command changes a claim it asks the rules the server applies (domain/, through
// v1::CheckClaimAction) about the claim as just read and the caller's role in its
// workspace. A refusal is the server's own, word for word, and nothing is sent. The server
// still decides: a claim that changes in between is checked again there.
//
// `sent_version` is the version the request names: when it is not the one read, the server
// answers that first (ABORTED), so the rules are left to it. `votes` are the claim's votes
// when the command has them (a dispute's decision).
Status Precheck(CommandClient& api, const v1::Claim& claim, domain::Action action,
                std::optional<std::int64_t> sent_version = std::nullopt,
                std::optional<std::vector<domain::Vote>> votes = std::nullopt);

}  // namespace factdesk::cli
