#include "export/formatting.h"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "common/utf8.h"

namespace factdesk::exporting {
namespace {

struct UtcParts {
  int year;
  unsigned month;
  unsigned day;
  std::int64_t hours;
  std::int64_t minutes;
  std::int64_t seconds;
  std::int64_t millis;
};

UtcParts SplitUtc(const google::protobuf::Timestamp& time) {
  using namespace std::chrono;
  const sys_seconds at{seconds{time.seconds()}};
  // floor, not truncation, so times before 1970 land on the right day.
  const sys_days day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> clock{at - day};
  const std::int64_t nanos = time.nanos() < 0 ? 0 : time.nanos();
  return {static_cast<int>(ymd.year()),
          static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()),
          clock.hours().count(),
          clock.minutes().count(),
          clock.seconds().count(),
          nanos / 1'000'000};
}

}  // namespace

std::string IsoDateTime(const google::protobuf::Timestamp& time) {
  const UtcParts p = SplitUtc(time);
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", p.year, p.month, p.day,
                                p.hours, p.minutes, p.seconds);
  if (p.millis != 0) out += fmt::format(".{:03}", p.millis);
  out += 'Z';
  return out;
}

std::string IsoDate(const google::protobuf::Timestamp& time) {
  const UtcParts p = SplitUtc(time);
  return fmt::format("{:04}-{:02}-{:02}", p.year, p.month, p.day);
}

std::string ClockTime(std::int64_t ms) {
  if (ms < 0) ms = 0;
  return fmt::format("{:02}:{:02}:{:02}.{:03}", ms / 3'600'000, ms / 60'000 % 60, ms / 1000 % 60,
                     ms % 1000);
}

std::string_view StatusName(v1::ClaimStatus status) {
  switch (status) {
    case v1::CLAIM_STATUS_OPEN:
      return "open";
    case v1::CLAIM_STATUS_IN_REVIEW:
      return "in_review";
    case v1::CLAIM_STATUS_DISPUTED:
      return "disputed";
    case v1::CLAIM_STATUS_RESOLVED:
      return "resolved";
    case v1::CLAIM_STATUS_PUBLISHED:
      return "published";
    case v1::CLAIM_STATUS_DISMISSED:
      return "dismissed";
    default:
      return "unspecified";
  }
}

bool IsChecked(const v1::Claim& claim) {
  return claim.status() == v1::CLAIM_STATUS_RESOLVED ||
         claim.status() == v1::CLAIM_STATUS_PUBLISHED;
}

const v1::Verdict* CheckedVerdict(const v1::Claim& claim) {
  if (!IsChecked(claim) || !claim.has_final_verdict() || claim.final_verdict().label().empty()) {
    return nullptr;
  }
  return &claim.final_verdict();
}

bool IsPublished(const v1::Claim& claim) {
  return claim.status() == v1::CLAIM_STATUS_PUBLISHED;
}

std::string CorrectionNotice(const v1::ClaimCorrection& correction) {
  std::string notice = "Corrected";
  if (correction.has_corrected_at()) notice += " on " + IsoDate(correction.corrected_at());
  notice += ": " + correction.reason();
  if (!correction.earlier_verdict().empty()) {
    notice += " (earlier verdict: " + correction.earlier_verdict() + ")";
  }
  return notice;
}

std::string EscapeScriptEnd(std::string json_text) {
  for (std::size_t at = json_text.find("</"); at != std::string::npos;
       at = json_text.find("</", at + 3)) {
    json_text.replace(at, 2, "<\\/");
  }
  return json_text;
}

VerdictTone ToneOf(const v1::Verdict& verdict) {
  const double span = verdict.best() - verdict.worst();
  if (!verdict.ordered() || !std::isfinite(span) || span == 0) return VerdictTone::kUnrated;
  const double position = (verdict.value() - verdict.worst()) / span;
  if (position >= 0.75) return VerdictTone::kTrue;
  if (position <= 0.25) return VerdictTone::kFalse;
  return VerdictTone::kMixed;
}

std::optional<ByteRange> ClaimRange(const v1::Claim& claim, std::string_view text) {
  if (claim.start_byte() < 0 || claim.end_byte() < claim.start_byte()) return std::nullopt;
  const auto start = static_cast<std::size_t>(claim.start_byte());
  const auto end = static_cast<std::size_t>(claim.end_byte());
  if (end > text.size() || !utf8::IsBoundary(text, start) || !utf8::IsBoundary(text, end)) {
    return std::nullopt;
  }
  // A range that no longer spells the quote points at the wrong words.
  if (!claim.quote().empty() && text.substr(start, end - start) != claim.quote()) {
    return std::nullopt;
  }
  return ByteRange{start, end};
}

std::string NumberText(double value) {
  // fmt's default is the shortest round-trip form and drops a ".0".
  return fmt::format("{}", value);
}

std::string ClaimUrl(const v1::Workspace& workspace, std::int64_t claim_id) {
  const std::string& prefix = workspace.publisher().claim_url_prefix();
  if (prefix.empty()) return {};
  return prefix + std::to_string(claim_id);
}

bool IsWebUrl(std::string_view url) {
  auto starts_with_nocase = [url](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts_with_nocase("http://") || starts_with_nocase("https://");
}

std::string_view ContentLanguage(const v1::Transcript& transcript) {
  const std::string& tag = transcript.language();
  return tag == "und" ? std::string_view() : std::string_view(tag);
}

}  // namespace factdesk::exporting
