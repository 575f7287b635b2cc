#pragma once

#include <string_view>

#include "checkworthy/scorer.h"
#include "common/result.h"

namespace factdesk::checkworthy {

// checkworthy/model/en.tsv as compiled into the binary: nothing is read at run time.
std::string_view EnglishModelText();

// The scorer of the English model, made on first use and shared (it is immutable). An
// error only if the compiled-in file were malformed, which the unit tests rule out.
Result<const Scorer*> EnglishScorer();

}  // namespace factdesk::checkworthy
