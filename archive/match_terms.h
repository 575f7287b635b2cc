// The words "checked before?" matching compares: what a claim, a past check or a tweet
// says, without the noise of how it was typed or posted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace factdesk::archive {

struct TermOptions {
  // Social-media noise: links (and pic.twitter.com), the @ of handles and the # of
  // hashtags (their words kept, camelCase split: "@realDonaldTrump" -> real donald trump),
  // and the day of dates written as "January 6, 2020" (an embedded tweet's signature; the
  // month and year stay).
  bool clean_social = true;
  // English function words ("the", "of", "is", ...).
  bool drop_stopwords = true;
  // Snowball's English stemmer (libstemmer): "vaccines", "vaccinated" -> "vaccin".
  bool stem = true;
};

// The terms of `text`, in order: folded as matching folds typography (domain/match_text.h),
// ASCII letters lower-cased, split at anything that is not a letter or a digit (non-ASCII
// letters count as letters), then cleaned, filtered and stemmed as `options` says.
std::vector<std::string> MatchTerms(std::string_view text, const TermOptions& options = {});

}  // namespace factdesk::archive
