#include "proto/claim_link_text.h"

#include <fmt/format.h>

namespace factdesk::v1 {

std::string LinkText(const ClaimLink& link) {
  // A mirror of the workspace's own published claim is named as that claim.
  const bool own = link.claim_id() != 0;
  std::string out =
      own ? fmt::format("claim {}", link.claim_id()) : fmt::format("check {}", link.check_id());
  if (!link.claim_reviewed().empty()) out += fmt::format(": “{}”", link.claim_reviewed());
  std::string about = link.rating_name();
  if (!own && !link.author_name().empty()) {
    about += (about.empty() ? "" : ", ") + link.author_name();
  }
  if (!about.empty()) out += fmt::format(" ({})", about);
  if (!link.url().empty()) out += " " + link.url();
  return out;
}

}  // namespace factdesk::v1
