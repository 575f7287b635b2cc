// Reads other fact-checkers' published checks: schema.org ClaimReview JSON-LD, the
// interchange format of the field, in the shapes it is published in.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "archive/archived_check.h"
#include "common/result.h"
#include "common/status.h"

namespace factdesk::archive {

struct ReadOptions {
  // Arrays and objects nested deeper than this refuse the file (a parser's stack is not
  // a caller's to exhaust).
  std::size_t max_depth = 64;
  // Refuse the file at the first malformed item instead of skipping it.
  bool strict = false;
  // Malformed items described in ReadSummary::errors (all are counted).
  std::size_t max_errors_kept = 100;
};

struct ItemError {
  std::size_t position = 0;  // the item's number in the file, from 1
  std::string message;       // why it was skipped, naming the field
  friend bool operator==(const ItemError&, const ItemError&) = default;
};

struct ReadSummary {
  std::size_t items = 0;      // items seen (ClaimReviews, malformed or not)
  std::size_t read = 0;       // handed to the caller
  std::size_t malformed = 0;  // skipped
  std::size_t ignored = 0;    // other nodes of an @graph (an Organization, a WebPage)
  std::vector<ItemError> errors;
};

// Reads ClaimReviews from `in`, streaming: a single ClaimReview object, an array of them,
// an object whose `@graph` holds them, or a DataFeed whose `dataFeedElement` items are
// ClaimReviews or DataFeedItems wrapping one in `item`. Memory stays proportional to one
// item, whatever the file's size. `on_check` gets each well-formed review in file order;
// a status it returns stops the read and is returned. A malformed item (not a ClaimReview,
// no http(s) `url` or no `claimReviewed`, a field of the wrong type or too long, control
// characters) is counted with its position and skipped, or refuses the file when
// `options.strict`. INVALID_ARGUMENT names what is wrong with a file that is not JSON, nests
// too deep or holds no ClaimReview shape at all.
Result<ReadSummary> ReadClaimReviews(std::istream& in,
                                     const std::function<Status(ArchivedCheck)>& on_check,
                                     const ReadOptions& options = {});

}  // namespace factdesk::archive
