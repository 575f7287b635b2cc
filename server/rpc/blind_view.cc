#include "server/rpc/blind_view.h"

#include <unordered_set>

#include "domain/blind_rule.h"
#include "proto/claim_checks.h"
#include "proto/domain_enums.h"
#include "server/rpc/authorize.h"
#include "server/store/account_store.h"
#include "server/store/review_store.h"

namespace factdesk::rpc {
namespace {

// A resolved or published claim's status_reason tells its outcome.
bool ReasonTellsOutcome(const v1::Claim& claim) {
  return claim.status() == v1::CLAIM_STATUS_RESOLVED ||
         claim.status() == v1::CLAIM_STATUS_PUBLISHED;
}

bool Undecided(const v1::Claim& claim) {
  return !domain::ReviewsAreOpen(v1::StateOf(claim));
}

// Everything of the claim's outcome in an event, for a reader blind to it now.
void RedactEvent(v1::Event* event, std::int64_t reader_id) {
  if (event->has_review() && event->review().reviewer().id() != reader_id) {
    RedactReview(event->mutable_review());
  }
  if (event->has_claim()) RedactClaimOutcome(event->mutable_claim());
  if (event->has_dispute()) RedactDispute(event->mutable_dispute(), reader_id);
}

// Whether RedactEvent would change anything: if not, the reader gets the event's shared
// bytes. (A yes that turns out to change nothing only costs one serialization.)
bool RedactionChanges(const v1::Event& event, std::int64_t reader_id) {
  if (event.has_review() && event.review().reviewer().id() != reader_id) return true;
  if (event.has_dispute()) return true;
  if (!event.has_claim()) return false;
  const v1::Claim& claim = event.claim();
  return claim.has_final_verdict() || (ReasonTellsOutcome(claim) && !claim.status_reason().empty());
}

std::int64_t ClaimOf(const v1::Event& e) {
  if (e.claim_id() != 0) return e.claim_id();
  if (e.has_claim()) return e.claim().id();
  if (e.has_review()) return e.review().claim_id();
  return e.has_dispute() ? e.dispute().claim_id() : 0;
}

domain::BlindReader::Event FactsOf(const v1::Event& e, std::int64_t reader_id) {
  domain::BlindReader::Event facts;
  facts.seq = e.seq();
  facts.claim_id = ClaimOf(e);
  if (e.has_claim()) facts.claim_state = v1::StateOf(e.claim());
  facts.starts_round = e.kind() == v1::EVENT_KIND_CLAIM_REOPENED;
  if (e.has_review()) facts.reviewer_id = e.review().reviewer().id();
  if (e.has_member() && e.member().user().id() == reader_id) {
    if (e.kind() == v1::EVENT_KIND_MEMBER_REMOVED) {
      facts.reader_removed = true;
    } else {
      facts.reader_role = v1::ToDomain(e.member().role());
    }
  }
  return facts;
}

}  // namespace

void RedactReview(v1::Review* review) {
  review->clear_verdict();
  review->clear_rationale();
  review->clear_confidence();
  review->clear_revisions();
  review->set_hidden(true);
}

void RedactClaimOutcome(v1::Claim* claim) {
  claim->clear_final_verdict();
  if (ReasonTellsOutcome(*claim)) claim->clear_status_reason();
}

void RedactDispute(v1::Dispute* dispute, std::int64_t reader_id) {
  dispute->clear_final_verdict();
  dispute->clear_reasoning();
  if (dispute->has_claim()) RedactClaimOutcome(dispute->mutable_claim());
  for (auto& r : *dispute->mutable_reviews()) {
    if (r.reviewer().id() != reader_id) RedactReview(&r);
  }
}

bool MaySeeReviews(store::Tx& tx, const v1::Claim& claim, domain::Role role,
                   std::int64_t reader_id) {
  if (domain::MaySeeOthersReviews(role, v1::StateOf(claim), false)) return true;
  return store::ReviewedThisRound(tx, {claim.id()}, reader_id).contains(claim.id());
}

Result<std::vector<v1::Review>> VisibleReviews(store::Tx& tx, const v1::Claim& claim,
                                               domain::Role role, std::int64_t reader_id) {
  FD_ASSIGN_OR_RETURN(auto reviews, store::ListReviews(tx, claim.id(), true));
  if (MaySeeReviews(tx, claim, role, reader_id)) return reviews;
  for (auto& r : reviews) {
    if (r.reviewer().id() != reader_id) RedactReview(&r);
  }
  return reviews;
}

// The claims among these the reader is blind to now (one query).
template <typename Records, typename ClaimOfRecord>
std::unordered_set<std::int64_t> BlindAmong(store::Tx& tx, domain::Role role,
                                            std::int64_t reader_id, const Records& records,
                                            ClaimOfRecord claim_of) {
  std::unordered_set<std::int64_t> blind;
  if (domain::HasAtLeast(role, domain::Role::kEditor)) return blind;
  std::vector<std::int64_t> undecided;
  for (const auto& r : records) {
    if (Undecided(claim_of(r))) undecided.push_back(claim_of(r).id());
  }
  const auto reviewed = store::ReviewedThisRound(tx, undecided, reader_id);
  for (const auto id : undecided) {
    if (!reviewed.contains(id)) blind.insert(id);
  }
  return blind;
}

void BlindDisputes(store::Tx& tx, domain::Role role, std::int64_t reader_id,
                   std::vector<v1::Dispute>* disputes) {
  const auto blind = BlindAmong(tx, role, reader_id, *disputes,
                                [](const v1::Dispute& d) -> const v1::Claim& { return d.claim(); });
  for (auto& d : *disputes) {
    if (blind.contains(d.claim_id())) RedactDispute(&d, reader_id);
  }
}

void BlindRecords(store::Tx& tx, domain::Role role, std::int64_t reader_id,
                  std::vector<exporting::ClaimRecord>* records) {
  const auto blind =
      BlindAmong(tx, role, reader_id, *records,
                 [](const exporting::ClaimRecord& r) -> const v1::Claim& { return r.claim; });
  for (auto& r : *records) {
    if (!blind.contains(r.claim.id())) continue;
    RedactClaimOutcome(&r.claim);
    for (auto& review : r.reviews) {
      if (review.reviewer().id() != reader_id) RedactReview(&review);
    }
  }
}

domain::BlindReader::Standing ReadStanding(store::Tx& tx, std::int64_t workspace_id,
                                           std::int64_t reader_id, domain::Role role,
                                           std::int64_t as_of_seq) {
  domain::BlindReader::Standing standing;
  standing.as_of_seq = as_of_seq;
  standing.role = role;
  standing.reviewed_this_round = store::ReviewedClaims(tx, workspace_id, reader_id);
  if (!domain::HasAtLeast(role, domain::Role::kEditor)) {
    standing.blind_claims = store::BlindClaims(tx, workspace_id, reader_id);
  }
  return standing;
}

live::StreamConfig::View StreamView(std::int64_t reader_id,
                                    domain::BlindReader::Standing standing) {
  auto reader = std::make_shared<domain::BlindReader>(reader_id, std::move(standing));
  return [reader, reader_id](const v1::Event& in, v1::Event* out, Status* end_status) {
    switch (reader->Judge(FactsOf(in, reader_id))) {
      case domain::BlindReader::Verdict::kEnd:
        *end_status = Status::PermissionDenied("you were removed from this workspace");
        return live::StreamConfig::Verdict::kEnd;
      case domain::BlindReader::Verdict::kBlind:
        if (!RedactionChanges(in, reader_id)) break;
        *out = in;
        RedactEvent(out, reader_id);
        return live::StreamConfig::Verdict::kSendView;
      case domain::BlindReader::Verdict::kShow:
        break;
    }
    return live::StreamConfig::Verdict::kSend;
  };
}

}  // namespace factdesk::rpc
