#pragma once

#include <cstddef>

// Every bound the domain layer enforces, in one place (DESIGN 4.6: each limit has a
// knob and a test at the limit). The server may override these from its config later;
// until then these are the values. "Chars" are Unicode code points, "bytes" UTF-8 bytes.
namespace factdesk::domain {

// Claims.
inline constexpr std::size_t kMaxSummaryChars = 500;
inline constexpr std::size_t kMaxClaimantChars = 200;
inline constexpr std::size_t kMaxReasonChars = 2000;  // dismiss, reopen, correction reasons
inline constexpr std::size_t kMaxAssignees = 10;
// Tags: short slugs (domain/claim_tags.h), a handful per claim.
inline constexpr std::size_t kMaxTagChars = 32;
inline constexpr std::size_t kMaxTagsPerClaim = 10;
// Bytes of context stored either side of a claim's quote for re-anchoring (DESIGN 4.7).
inline constexpr std::size_t kAnchorContextBytes = 32;

// Notes, transcripts, reviews.
inline constexpr std::size_t kMaxNoteChars = 20000;
inline constexpr std::size_t kMaxTitleChars = 300;
inline constexpr std::size_t kMaxRationaleChars = 10000;

// Sources.
inline constexpr std::size_t kMaxUrlBytes = 2048;
inline constexpr std::size_t kMaxSourceTitleChars = 500;
inline constexpr std::size_t kMaxPublisherChars = 200;
inline constexpr std::size_t kMaxExcerptChars = 5000;

// Search and paging (page sizes are int to compare with protobuf int32 fields).
inline constexpr std::size_t kMaxSearchQueryChars = 500;
inline constexpr int kMaxPageSize = 500;
inline constexpr int kDefaultPageSize = 100;

// Users and workspaces.
inline constexpr std::size_t kMinHandleChars = 2;
inline constexpr std::size_t kMaxHandleChars = 40;
inline constexpr std::size_t kMaxDisplayNameChars = 100;
inline constexpr std::size_t kMinSlugChars = kMinHandleChars;
inline constexpr std::size_t kMaxSlugChars = kMaxHandleChars;

// Rating scales.
inline constexpr std::size_t kMinOrderedRatingLabels = 2;
inline constexpr std::size_t kMaxRatingLabels = 20;
inline constexpr std::size_t kMaxRatingLabelChars = 40;
inline constexpr std::size_t kMaxRatingDescriptionChars = 500;

// Review policy.
inline constexpr int kMinRequiredReviews = 1;
inline constexpr int kMaxRequiredReviews = 10;
// The smallest panel whose majority settles a dispute under DisputeRule::kMajority.
inline constexpr int kMinMajorityPanel = 3;

}  // namespace factdesk::domain
