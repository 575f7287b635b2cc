#include "archive/check_rules.h"

#include <utility>

#include <fmt/format.h>

#include "domain/unicode.h"
#include "domain/url.h"

namespace factdesk::archive {
namespace {

Status CheckField(std::string_view field, std::string_view text) {
  if (text.size() > kMaxCheckFieldBytes) {
    return Status::InvalidArgument(
        std::string(field),
        fmt::format("is {} bytes long; at most {}", text.size(), kMaxCheckFieldBytes));
  }
  for (std::size_t i = 0; i < text.size();) {
    const domain::unicode::CodePoint cp = domain::unicode::DecodeAt(text, i);
    if (!cp.valid) {
      return Status::InvalidArgument(std::string(field),
                                     fmt::format("is not valid UTF-8 (byte {})", i));
    }
    if (cp.value < 0x20 || (cp.value >= 0x7F && cp.value < 0xA0)) {
      return Status::InvalidArgument(
          std::string(field),
          fmt::format("holds the control character U+{:04X}", std::uint32_t{cp.value}));
    }
    i += cp.size;
  }
  return Status::Ok();
}

}  // namespace

Status ValidateArchivedCheck(ArchivedCheck& c) {
  if (c.url.empty()) return Status::InvalidArgument("url", "is missing (it keys the archive)");
  FD_RETURN_IF_ERROR(CheckField("url", c.url));
  FD_ASSIGN_OR_RETURN(c.url, domain::NormalizeUrl("url", c.url));
  if (!c.url.starts_with("http://") && !c.url.starts_with("https://")) {
    return Status::InvalidArgument("url", "must be an http or https URL");
  }
  if (c.claim_reviewed.empty()) return Status::InvalidArgument("claimReviewed", "is missing");
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"claimReviewed", &c.claim_reviewed},
      {"headline", &c.headline},
      {"author.name", &c.author_name},
      {"author.url", &c.author_url},
      {"datePublished", &c.date_published},
      {"inLanguage", &c.in_language},
      {"reviewRating.alternateName", &c.rating_name},
      {"reviewRating.ratingValue", &c.rating_value},
      {"reviewRating.bestRating", &c.best_rating},
      {"reviewRating.worstRating", &c.worst_rating},
      {"itemReviewed.author.name", &c.claimant},
      {"itemReviewed.datePublished", &c.claim_date}};
  for (const auto& [field, value] : fields) FD_RETURN_IF_ERROR(CheckField(field, *value));
  if (c.appearances.size() > kMaxAppearances) {
    return Status::InvalidArgument(
        "itemReviewed.appearance",
        fmt::format("has {} entries; at most {}", c.appearances.size(), kMaxAppearances));
  }
  for (const std::string& a : c.appearances) {
    FD_RETURN_IF_ERROR(CheckField("itemReviewed.appearance", a));
  }
  return Status::Ok();
}

}  // namespace factdesk::archive
