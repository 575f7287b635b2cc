// What an archived check must be, wherever it comes from: a file the CLI reads or a
// request the server receives.
#pragma once

#include <cstddef>

#include "archive/archived_check.h"
#include "common/status.h"

namespace factdesk::archive {

// Longest text field an archived check may have, in bytes.
inline constexpr std::size_t kMaxCheckFieldBytes = 16 * 1024;
// Most appearances kept per check.
inline constexpr std::size_t kMaxAppearances = 20;

// OK after normalising `check.url` (domain::NormalizeUrl: the archive's key), or
// INVALID_ARGUMENT naming the field: url missing or not http(s), claimReviewed missing,
// a field that is not valid UTF-8, longer than kMaxCheckFieldBytes or holding a control
// character, more than kMaxAppearances appearances.
Status ValidateArchivedCheck(ArchivedCheck& check);

}  // namespace factdesk::archive
