// A fact-check published elsewhere (or earlier), as the desk keeps it in its archive: the
// fields of a schema.org ClaimReview that matching and the inspector show.
#pragma once

#include <string>
#include <vector>

namespace factdesk::archive {

struct ArchivedCheck {
  std::string url;             // the review's page; an archive's key
  std::string claim_reviewed;  // the claim as the fact-checker stated it
  std::string headline;        // the review's name or headline
  std::string author_name;     // who published the check
  std::string author_url;
  std::string date_published;  // as written (ISO 8601 expected, not enforced)
  std::string in_language;     // BCP 47 tag, or empty
  // reviewRating: the verdict's words and, when the scale is numeric, its numbers (as
  // written, so "3" and "3.0" survive a round trip).
  std::string rating_name;
  std::string rating_value;
  std::string best_rating;
  std::string worst_rating;
  // itemReviewed: who made the claim, when, and where it appeared.
  std::string claimant;
  std::string claim_date;
  std::vector<std::string> appearances;

  friend bool operator==(const ArchivedCheck&, const ArchivedCheck&) = default;
};

}  // namespace factdesk::archive
