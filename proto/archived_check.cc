#include "proto/archived_check.h"

namespace factdesk::v1 {

ArchivedCheck ToProto(const archive::ArchivedCheck& c) {
  ArchivedCheck out;
  out.set_url(c.url);
  out.set_claim_reviewed(c.claim_reviewed);
  out.set_headline(c.headline);
  out.set_author_name(c.author_name);
  out.set_author_url(c.author_url);
  out.set_date_published(c.date_published);
  out.set_in_language(c.in_language);
  out.set_rating_name(c.rating_name);
  out.set_rating_value(c.rating_value);
  out.set_best_rating(c.best_rating);
  out.set_worst_rating(c.worst_rating);
  out.set_claimant(c.claimant);
  out.set_claim_date(c.claim_date);
  for (const std::string& a : c.appearances) out.add_appearances(a);
  return out;
}

archive::ArchivedCheck FromProto(const ArchivedCheck& c) {
  archive::ArchivedCheck out;
  out.url = c.url();
  out.claim_reviewed = c.claim_reviewed();
  out.headline = c.headline();
  out.author_name = c.author_name();
  out.author_url = c.author_url();
  out.date_published = c.date_published();
  out.in_language = c.in_language();
  out.rating_name = c.rating_name();
  out.rating_value = c.rating_value();
  out.best_rating = c.best_rating();
  out.worst_rating = c.worst_rating();
  out.claimant = c.claimant();
  out.claim_date = c.claim_date();
  out.appearances.assign(c.appearances().begin(), c.appearances().end());
  return out;
}

}  // namespace factdesk::v1
