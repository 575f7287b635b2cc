#pragma once

#include <string>
#include <string_view>

#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/common.pb.h"
#include "factdesk/v1/source.pb.h"

namespace factdesk::v1 {

// The words people read for a claim's status and a source's stance: in exports, on the
// desktop and on the command line alike.
inline std::string_view ClaimStatusLabel(ClaimStatus status) {
  switch (status) {
    case CLAIM_STATUS_OPEN:
      return "Open";
    case CLAIM_STATUS_IN_REVIEW:
      return "In review";
    case CLAIM_STATUS_DISPUTED:
      return "Disputed";
    case CLAIM_STATUS_RESOLVED:
      return "Resolved";
    case CLAIM_STATUS_PUBLISHED:
      return "Published";
    case CLAIM_STATUS_DISMISSED:
      return "Dismissed";
    default:
      return "Unknown";
  }
}

inline std::string_view StanceLabel(Stance stance) {
  switch (stance) {
    case STANCE_SUPPORTS:
      return "supports";
    case STANCE_REFUTES:
      return "refutes";
    case STANCE_CONTEXT:
      return "context";
    default:
      return "unspecified";
  }
}

// A person as shown: their display name, or their handle when they gave none.
inline const std::string& NameOf(const User& user) {
  return user.display_name().empty() ? user.handle() : user.display_name();
}

}  // namespace factdesk::v1
