#include "server/rpc/blind_view.h"

#include "domain/blind_rule.h"
#include "proto/claim_checks.h"
#include "proto/domain_enums.h"

namespace factdesk::rpc {

void RedactReview(v1::Review* review) {
  review->clear_verdict();
  review->clear_rationale();
  review->clear_confidence();
  review->clear_revisions();
  review->set_hidden(true);
}

live::StreamConfig::Verdict ViewEvent(std::int64_t viewer_id, domain::Role* role,
                                      std::unordered_set<std::int64_t>* reviewed,
                                      const v1::Event& in, v1::Event* out, Status* end_status) {
  *out = in;
  if (in.has_member() && in.member().user().id() == viewer_id) {
    if (in.kind() == v1::EVENT_KIND_MEMBER_REMOVED) {
      *end_status = Status::PermissionDenied("you were removed from this workspace");
      return live::StreamConfig::Verdict::kEnd;
    }
    if (auto changed = v1::ToDomain(in.member().role())) *role = *changed;
  }
  if (in.has_review()) {
    const auto& review = in.review();
    if (review.reviewer().id() == viewer_id) reviewed->insert(review.claim_id());
    const bool visible = review.reviewer().id() == viewer_id ||
                         domain::MaySeeOthersReviews(*role, v1::StateOf(in.claim()),
                                                     reviewed->contains(review.claim_id()));
    if (!visible) RedactReview(out->mutable_review());
  }
  return live::StreamConfig::Verdict::kSend;
}

}  // namespace factdesk::rpc
