// Which matches are worth showing under a suggestion: the best match's score for the
// tuning tweets (right or wrong) against the best match of debate sentences no annotator
// found worth checking (../shared/data/checkworthy-2019, label 0), which answer nothing.
#pragma once

#include <string>
#include <vector>

#include "archive/match_index.h"
#include "archive/tools/claim_retrieval_data.h"

namespace factdesk::archive {

// The sentences labelled not check-worthy (0) in the checkworthy-2019 TSVs of `dir`.
std::vector<std::string> NotCheckWorthySentences(const std::string& dir);

// One line per threshold on the score: of the tuning tweets, the share whose best match is right
// and kept, and the share of kept best matches that are right; of the sentences, the share whose
// best match is kept (noise a checker would see).
void PrintThresholds(const MatchIndex& index, const std::vector<RetrievalQuery>& queries,
                     const std::vector<std::string>& noise);

}  // namespace factdesk::archive
