#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/export.pb.h"
#include "factdesk/v1/source.pb.h"
#include "factdesk/v1/transcript.pb.h"
#include "factdesk/v1/workspace.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "proto/labels.h"

// Values as every export writes them, so the formats agree with one another.
namespace factdesk::exporting {

// ISO 8601 in UTC: "2016-09-26T21:04:05Z", or "2016-09-26T21:04:05.250Z" when the time
// has milliseconds (finer parts are dropped).
std::string IsoDateTime(const google::protobuf::Timestamp& time);

// The UTC calendar date: "2016-09-26".
std::string IsoDate(const google::protobuf::Timestamp& time);

// A media time "HH:MM:SS.mmm" (hours take more digits past 99); negative times are 0.
std::string ClockTime(std::int64_t ms);

// "open", "in_review", "disputed", "resolved", "published", "dismissed" ("unspecified").
std::string_view StatusName(v1::ClaimStatus status);

// A claim is checked once RESOLVED or PUBLISHED; only then is its verdict exported
// (a reopened claim's old verdict is not current).
bool IsChecked(const v1::Claim& claim);
// The final verdict of a checked claim with a label, else nullptr.
const v1::Verdict* CheckedVerdict(const v1::Claim& claim);

// Only PUBLISHED claims leave the desk: RESOLVED is the desk's internal state.
bool IsPublished(const v1::Claim& claim);

// "Corrected on 2026-12-01: reason (earlier verdict: Mostly true)", as every format
// words a correction; the parenthesis only when the correction changed the verdict.
std::string CorrectionNotice(const v1::ClaimCorrection& correction);

// JSON text that can sit inside an HTML <script> element: "</" becomes "<\/" (the same
// string to a JSON parser), so "</script>" cannot end the element early.
std::string EscapeScriptEnd(std::string json_text);

// How a verdict reads on its scale, for colouring: kTrue in the top quarter of an ordered
// scale, kFalse in the bottom quarter, kMixed between, kUnrated outside the order.
enum class VerdictTone { kTrue, kMixed, kFalse, kUnrated };
VerdictTone ToneOf(const v1::Verdict& verdict);

// The claim's byte range [start, end) in the segment text `text`, when it lies within the
// text on code point boundaries and (if the claim has a quote) spells the quote.
struct ByteRange {
  std::size_t start = 0;
  std::size_t end = 0;
};
std::optional<ByteRange> ClaimRange(const v1::Claim& claim, std::string_view text);

// The shortest decimal that reads back as `value`: "4", "2.5", "-1".
std::string NumberText(double value);

// The published page of a claim: the publisher's claim_url_prefix and the id, or "" when
// the workspace has no prefix.
std::string ClaimUrl(const v1::Workspace& workspace, std::int64_t claim_id);

// True for an http or https URL (any case), the only links exports make clickable.
bool IsWebUrl(std::string_view url);

// The transcript's BCP 47 tag for `inLanguage` and `lang`; empty when it is not known
// ("und", or a transcript from before languages).
std::string_view ContentLanguage(const v1::Transcript& transcript);

}  // namespace factdesk::exporting
