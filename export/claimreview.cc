// schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview), as search engines and
// fact-check aggregators read it: a JSON array with one ClaimReview per PUBLISHED claim
// (RESOLVED is the desk's internal state). A corrected claim carries dateModified and a
// CorrectionComment per correction (schema.org's `correction`), oldest first.
#include <cmath>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "export/formats.h"
#include "export/formatting.h"

namespace factdesk::exporting {
namespace {

using json = nlohmann::ordered_json;

// Whole ratings as integers ("ratingValue": 4), which is how ClaimReview examples and
// validators expect them; others as decimals.
json Number(double value) {
  constexpr double kExactLimit = 9007199254740992.0;  // 2^53
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) <= kExactLimit) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

json Organization(const ExportContext& context) {
  const v1::Publisher& publisher = context.workspace.publisher();
  json org = {{"@type", "Organization"},
              {"name", publisher.name().empty() ? context.workspace.name() : publisher.name()}};
  if (!publisher.url().empty()) org["url"] = publisher.url();
  return org;
}

// Where the claim was made: a Clip of the recording when the segment has times, else the
// transcript as a CreativeWork.
json Appearance(const ClaimRecord& record) {
  const v1::Transcript& transcript = record.transcript;
  const v1::Segment& segment = record.segment;
  json work;
  if (segment.has_start_ms() && segment.has_end_ms()) {
    work["@type"] = "Clip";
    work["startOffset"] = Number(static_cast<double>(segment.start_ms()) / 1000.0);
    work["endOffset"] = Number(static_cast<double>(segment.end_ms()) / 1000.0);
  } else {
    work["@type"] = "CreativeWork";
  }
  if (!transcript.title().empty()) work["name"] = transcript.title();
  if (!transcript.source_url().empty()) work["url"] = transcript.source_url();
  if (const std::string_view lang = ContentLanguage(transcript); !lang.empty()) {
    work["inLanguage"] = lang;
  }
  return work;
}

void AddCorrections(const ClaimRecord& record, json& review) {
  if (record.corrections.empty()) return;
  json corrections = json::array();
  for (const v1::ClaimCorrection& correction : record.corrections) {
    json comment = {{"@type", "CorrectionComment"}, {"text", CorrectionNotice(correction)}};
    if (correction.has_corrected_at()) {
      comment["datePublished"] = IsoDate(correction.corrected_at());
    }
    corrections.push_back(std::move(comment));
  }
  const v1::ClaimCorrection& last = record.corrections.back();
  if (last.has_corrected_at()) review["dateModified"] = IsoDate(last.corrected_at());
  review["correction"] = std::move(corrections);
}

// The earlier check the desk linked the claim to ("same claim as"), cited so a reader can
// follow it. Only a check with a page is cited.
void AddCitation(const v1::Claim& claim, json& review) {
  const v1::ClaimLink& link = claim.link();
  if (!claim.has_link() || link.url().empty()) return;
  json cited = {{"@type", "ClaimReview"}, {"url", link.url()}};
  if (!link.claim_reviewed().empty()) cited["claimReviewed"] = link.claim_reviewed();
  if (!link.author_name().empty()) {
    cited["author"] = {{"@type", "Organization"}, {"name", link.author_name()}};
  }
  if (!link.rating_name().empty()) {
    cited["reviewRating"] = {{"@type", "Rating"}, {"alternateName", link.rating_name()}};
  }
  review["citation"] = std::move(cited);
}

json ClaimReview(const ExportContext& context, const ClaimRecord& record) {
  const v1::Claim& claim = record.claim;
  json review = {{"@context", "https://schema.org"}, {"@type", "ClaimReview"}};
  if (const std::string url = ClaimUrl(context.workspace, claim.id()); !url.empty()) {
    review["url"] = url;
  }
  review["claimReviewed"] = claim.summary().empty() ? claim.quote() : claim.summary();
  review["author"] = Organization(context);
  if (claim.has_published_at()) review["datePublished"] = IsoDate(claim.published_at());
  AddCorrections(record, review);

  json item = {{"@type", "Claim"}};
  if (!claim.claimant().empty()) {
    item["author"] = {{"@type", "Person"}, {"name", claim.claimant()}};
  }
  if (record.transcript.has_aired_at()) {
    item["datePublished"] = IsoDate(record.transcript.aired_at());
  }
  // The claim was made in the transcript's language (the review may be in another).
  if (const std::string_view lang = ContentLanguage(record.transcript); !lang.empty()) {
    item["inLanguage"] = lang;
  }
  item["appearance"] = Appearance(record);
  review["itemReviewed"] = std::move(item);

  if (const v1::Verdict* verdict = CheckedVerdict(claim)) {
    json rating = {{"@type", "Rating"}};
    // Numbers only for labels on the ordered scale; "Unverifiable" has none.
    if (verdict->ordered()) {
      rating["ratingValue"] = Number(verdict->value());
      rating["bestRating"] = Number(verdict->best());
      rating["worstRating"] = Number(verdict->worst());
    }
    rating["alternateName"] = verdict->label();
    review["reviewRating"] = std::move(rating);
  }
  AddCitation(claim, review);
  return review;
}

class ClaimReviewExporter final : public Exporter {
 public:
  std::string_view content_type() const override { return "application/ld+json"; }
  std::string file_extension() const override { return "jsonld"; }

  void Begin(const ExportContext& context, const Sink& sink) override {
    context_ = context;
    sink("[");
  }

  void Add(const ClaimRecord& record, const Sink& sink) override {
    if (!IsPublished(record.claim)) return;
    // One object per line; invalid UTF-8 (never stored, but) becomes U+FFFD, not a throw.
    // Pages embed it in a <script> element, so "</" is escaped.
    std::string text = first_ ? "\n" : ",\n";
    first_ = false;
    text += EscapeScriptEnd(
        ClaimReview(context_, record).dump(-1, ' ', false, json::error_handler_t::replace));
    sink(text);
  }

  void End(const Sink& sink) override { sink("\n]\n"); }

 private:
  ExportContext context_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<Exporter> NewClaimReviewExporter() {
  return std::make_unique<ClaimReviewExporter>();
}

}  // namespace factdesk::exporting
