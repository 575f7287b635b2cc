#pragma once

#include <cstdint>
#include <vector>

#include "domain/blind_reader.h"
#include "domain/roles.h"
#include "export/exporter.h"
#include "factdesk/v1/live.pb.h"
#include "factdesk/v1/review.pb.h"
#include "server/live/subscription_stream.h"
#include "server/store/db.h"

// The blind rule (domain/blind_rule.h) applied to what the server sends: every path
// that carries a review, a verdict or a dispute's outcome goes through here, judged as
// the claim stands now (its state and round) for the reader asking.
namespace factdesk::rpc {

// Clears a review's content for a reader the blind rule keeps from it.
void RedactReview(v1::Review* review);
// A copy of a claim the reader is blind to: its verdict, and the reasoning or correction
// that came with it (a resolved or published copy's status_reason).
void RedactClaimOutcome(v1::Claim* claim);
// A dispute of a claim the reader is blind to: its verdict and reasoning, and the
// reviews of others.
void RedactDispute(v1::Dispute* dispute, std::int64_t reader_id);

// Whether the reader may see others' reviews of the claim, and every verdict of it, now.
bool MaySeeReviews(store::Tx& tx, const v1::Claim& claim, domain::Role role,
                   std::int64_t reader_id);

// The claim's reviews as the reader may see them.
Result<std::vector<v1::Review>> VisibleReviews(store::Tx& tx, const v1::Claim& claim,
                                               domain::Role role, std::int64_t reader_id);

// Disputes (their claims filled in) of claims the reader is blind to: RedactDispute.
void BlindDisputes(store::Tx& tx, domain::Role role, std::int64_t reader_id,
                   std::vector<v1::Dispute>* disputes);

// Export records: claims the reader is blind to lose others' reviews and their verdict.
void BlindRecords(store::Tx& tx, domain::Role role, std::int64_t reader_id,
                  std::vector<exporting::ClaimRecord>* records);

// The reader's standing for a Subscribe, read in the setup's transaction (where
// `as_of_seq`, the workspace's newest seq, was read too).
domain::BlindReader::Standing ReadStanding(store::Tx& tx, std::int64_t workspace_id,
                                           std::int64_t reader_id, domain::Role role,
                                           std::int64_t as_of_seq);

// The stream view of one subscriber: history judged as of the standing, live events
// moving it (own reviews, reopenings, role changes); ends the stream when the reader is
// removed from the workspace after the stream began.
live::StreamConfig::View StreamView(std::int64_t reader_id, domain::BlindReader::Standing standing);

}  // namespace factdesk::rpc
