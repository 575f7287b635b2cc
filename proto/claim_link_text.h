#pragma once

#include <string>

#include "factdesk/v1/claim.pb.h"

namespace factdesk::v1 {

// A claim's "same claim as" link in one line, for the desktop and the command line:
//   check 123: “Crime rose 40%” (False, PolitiFact) https://…
//   claim 17: “Crime rose 40%” (Mostly false)
std::string LinkText(const ClaimLink& link);

}  // namespace factdesk::v1
