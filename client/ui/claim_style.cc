#include "client/ui/claim_style.h"

#include <charconv>

namespace factdesk::ui {
namespace {

constexpr Rgba kOpen{235, 190, 70, 255};
constexpr Rgba kInReview{90, 150, 235, 255};
constexpr Rgba kDisputed{240, 120, 60, 255};
constexpr Rgba kResolved{150, 200, 120, 255};
constexpr Rgba kDismissed{130, 134, 140, 255};
constexpr Rgba kMiddling{215, 175, 70, 255};
constexpr Rgba kOffScale{165, 135, 215, 255};

Rgba ByFraction(double f) {
  if (f >= 0.66) return palette::kGood;
  if (f <= 0.34) return palette::kBad;
  return kMiddling;
}

}  // namespace

Rgba StatusColor(v1::ClaimStatus status) {
  switch (status) {
    case v1::CLAIM_STATUS_OPEN:
      return kOpen;
    case v1::CLAIM_STATUS_IN_REVIEW:
      return kInReview;
    case v1::CLAIM_STATUS_DISPUTED:
      return kDisputed;
    case v1::CLAIM_STATUS_RESOLVED:
    case v1::CLAIM_STATUS_PUBLISHED:
      return kResolved;
    case v1::CLAIM_STATUS_DISMISSED:
      return kDismissed;
    default:
      return palette::kDimText;
  }
}

Rgba VerdictColor(const v1::Verdict& verdict) {
  if (verdict.label().empty()) return kResolved;
  if (!verdict.ordered() || verdict.best() == verdict.worst()) return kOffScale;
  return ByFraction((verdict.value() - verdict.worst()) / (verdict.best() - verdict.worst()));
}

Rgba CheckVerdictColor(const v1::ArchivedCheck& check) {
  v1::Verdict verdict;
  verdict.set_label(check.rating_name().empty() ? check.rating_value() : check.rating_name());
  double value = 0;
  double best = 0;
  double worst = 0;
  const auto number = [](const std::string& text, double& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
  };
  if (number(check.rating_value(), value) && number(check.best_rating(), best) &&
      number(check.worst_rating(), worst)) {
    verdict.set_ordered(true);
    verdict.set_value(value);
    verdict.set_best(best);
    verdict.set_worst(worst);
  }
  return VerdictColor(verdict);
}

Rgba LabelColor(const std::string& label, const v1::RatingScale& scale) {
  for (const auto& l : scale.labels()) {
    if (l.label() != label) continue;
    if (!l.ordered() || scale.best() == scale.worst()) return kOffScale;
    return ByFraction((l.value() - scale.worst()) / (scale.best() - scale.worst()));
  }
  return kOffScale;
}

Rgba ClaimColor(const v1::Claim& claim) {
  const bool settled =
      claim.status() == v1::CLAIM_STATUS_RESOLVED || claim.status() == v1::CLAIM_STATUS_PUBLISHED;
  if (settled && claim.has_final_verdict()) return VerdictColor(claim.final_verdict());
  return StatusColor(claim.status());
}

Rgba HighlightFillFor(Rgba claim_color, int depth) {
  return Mix(claim_color, palette::kReaderBg, depth > 1 ? 0.55F : 0.38F);
}

Rgba HighlightFill(const v1::Claim& claim, int depth) {
  return HighlightFillFor(ClaimColor(claim), depth);
}

Rgba StanceColor(v1::Stance stance) {
  return stance == v1::STANCE_SUPPORTS  ? palette::kGood
         : stance == v1::STANCE_REFUTES ? palette::kBad
                                        : palette::kDimText;
}

}  // namespace factdesk::ui
