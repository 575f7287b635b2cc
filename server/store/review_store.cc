#include "server/store/review_store.h"

#include <array>

#include <fmt/format.h>

#include "proto/enum_text.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

// Table t's verdict columns under their own names, the ones VerdictColumns reads.
#define FD_VERDICT_COLUMNS(t)                                                            \
  t ".verdict_label, " t ".verdict_ordered, " t ".verdict_value, " t ".verdict_best, " t \
    ".verdict_worst"

struct ReviewColumns {
  explicit ReviewColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        claim_id(c("claim_id")),
        reviewer(c, "reviewer"),
        verdict(c),
        rationale(c("rationale")),
        confidence(c("confidence")),
        submitted_at(c("submitted_at")),
        version(c("version")) {}
  ColumnIndex id, workspace_id, claim_id;
  UserColumns reviewer;
  VerdictColumns verdict;
  ColumnIndex rationale, confidence, submitted_at, version;
};

struct RevisionColumns {
  explicit RevisionColumns(ColumnLookup& c)
      : verdict(c),
        rationale(c("rationale")),
        confidence(c("confidence")),
        submitted_at(c("submitted_at")) {}
  VerdictColumns verdict;
  ColumnIndex rationale, confidence, submitted_at;
};

struct VoteColumns {
  explicit VoteColumns(ColumnLookup& c)
      : reviewer_id(c("reviewer_id")), verdict_label(c("verdict_label")) {}
  ColumnIndex reviewer_id, verdict_label;
};

struct DisputeColumns {
  explicit DisputeColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        claim_id(c("claim_id")),
        status(c("status")),
        opened_at(c("opened_at")),
        closed_at(c("closed_at")),
        resolution(c("resolution")),
        decided_by(c, "decided_by"),
        final_verdict(c),
        reasoning(c("reasoning")) {}
  ColumnIndex id, workspace_id, claim_id, status, opened_at, closed_at, resolution;
  UserColumns decided_by;
  VerdictColumns final_verdict;
  ColumnIndex reasoning;
};

#define FD_REVIEW_COLUMNS \
  "SELECT r.id, r.workspace_id, r.claim_id, u.id AS reviewer_id, "                    \
  "u.handle AS reviewer_handle, u.display_name AS reviewer_display_name, "            \
  FD_VERDICT_COLUMNS("r") ", r.rationale, r.confidence, "                             \
  "fd_us(r.submitted_at) AS submitted_at, r.version "
#define FD_REVIEW_SELECT FD_REVIEW_COLUMNS "FROM reviews r JOIN users u ON u.id = r.reviewer_id "
// A review as written, read back in the writing statement (`r`, the row it returns).
#define FD_REVIEW_WRITTEN FD_REVIEW_COLUMNS "FROM r JOIN users u ON u.id = r.reviewer_id"

#define FD_DISPUTE_SELECT \
  "SELECT d.id, d.workspace_id, d.claim_id, d.status, fd_us(d.opened_at) AS opened_at, " \
  "fd_us(d.closed_at) AS closed_at, d.resolution, u.id AS decided_by_id, "            \
  "u.handle AS decided_by_handle, u.display_name AS decided_by_display_name, "        \
  FD_VERDICT_COLUMNS("d") ", d.reasoning "                                            \
  "FROM disputes d LEFT JOIN users u ON u.id = d.decided_by "

constexpr std::array kReviewStatements = {
    Statement{"reviews.insert",
              "WITH r AS (INSERT INTO reviews (workspace_id, claim_id, reviewer_id, verdict_label, "
              "verdict_ordered, verdict_value, verdict_best, verdict_worst, rationale, confidence, "
              "round) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
              "(SELECT review_round FROM claims WHERE id = $2)) RETURNING *) " FD_REVIEW_WRITTEN,
              RowsAs<ReviewColumns>},
    Statement{"reviews.save_revision",
              "INSERT INTO review_revisions (review_id, workspace_id, verdict_label, "
              "verdict_ordered, verdict_value, verdict_best, verdict_worst, rationale, confidence, "
              "submitted_at) SELECT id, workspace_id, " FD_VERDICT_COLUMNS(
                  "reviews") ", rationale, confidence, submitted_at FROM reviews WHERE id = $1"},
    Statement{"reviews.update",
              "WITH r AS (UPDATE reviews SET verdict_label = $2, verdict_ordered = $3, "
              "verdict_value = $4, verdict_best = $5, verdict_worst = $6, rationale = $7, "
              "confidence = $8, submitted_at = now(), version = version + 1, "
              "round = (SELECT c.review_round FROM claims c WHERE c.id = reviews.claim_id) "
              "WHERE id = $1 RETURNING *) " FD_REVIEW_WRITTEN,
              RowsAs<ReviewColumns>},
    Statement{"reviews.find", FD_REVIEW_SELECT "WHERE r.claim_id = $1 AND r.reviewer_id = $2",
              RowsAs<ReviewColumns>},
    Statement{"reviews.list", FD_REVIEW_SELECT "WHERE r.claim_id = $1 ORDER BY r.id",
              RowsAs<ReviewColumns>},
    Statement{"reviews.of_claims",
              FD_REVIEW_SELECT "WHERE r.claim_id = ANY($1::bigint[]) ORDER BY r.id",
              RowsAs<ReviewColumns>},
    Statement{"reviews.revisions",
              "SELECT " FD_VERDICT_COLUMNS(
                  "v") ", v.rationale, v.confidence, fd_us(v.submitted_at) AS submitted_at "
                       "FROM review_revisions v WHERE v.review_id = $1 ORDER BY v.id",
              RowsAs<RevisionColumns>},
    Statement{"reviews.votes",
              "SELECT reviewer_id, verdict_label FROM reviews WHERE claim_id = $1 ORDER BY id",
              RowsAs<VoteColumns>},
    // Rounds (domain/blind_rule.h): a review counts for the blind rule in the round it was
    // last submitted or revised in.
    Statement{"reviews.reviewed_claims",
              "SELECT r.claim_id FROM reviews r JOIN claims c ON c.id = r.claim_id "
              "WHERE r.workspace_id = $1 AND r.reviewer_id = $2 AND r.round = c.review_round",
              RowsAs<Column<"claim_id">>},
    Statement{"reviews.reviewed_among",
              "SELECT r.claim_id FROM reviews r JOIN claims c ON c.id = r.claim_id "
              "WHERE r.claim_id = ANY($1::bigint[]) AND r.reviewer_id = $2 "
              "AND r.round = c.review_round",
              RowsAs<Column<"claim_id">>},
    Statement{"reviews.blind_claims",
              "SELECT c.id FROM claims c WHERE c.workspace_id = $1 "
              "AND c.status IN ('OPEN', 'IN_REVIEW', 'DISPUTED') "
              "AND (c.review_round > 1 OR EXISTS (SELECT 1 FROM reviews o "
              "  WHERE o.claim_id = c.id AND o.reviewer_id <> $2)) "
              "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.claim_id = c.id "
              "  AND r.reviewer_id = $2 AND r.round = c.review_round) ORDER BY c.id",
              RowsAs<Column<"id">>},
    Statement{"reviews.start_round",
              "UPDATE claims SET review_round = review_round + 1 WHERE id = $1"},
    Statement{"disputes.open",
              "INSERT INTO disputes (workspace_id, claim_id) VALUES ($1, $2) RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"disputes.get", FD_DISPUTE_SELECT "WHERE d.id = $1", RowsAs<DisputeColumns>},
    Statement{"disputes.find_open", FD_DISPUTE_SELECT "WHERE d.claim_id = $1 AND d.status = 'OPEN'",
              RowsAs<DisputeColumns>},
    Statement{"disputes.latest",
              FD_DISPUTE_SELECT "WHERE d.claim_id = $1 ORDER BY d.id DESC LIMIT 1",
              RowsAs<DisputeColumns>},
    Statement{"disputes.close",
              "UPDATE disputes SET status = 'CLOSED', closed_at = now(), resolution = $2, "
              "decided_by = $3, verdict_label = $4, verdict_ordered = $5, verdict_value = $6, "
              "verdict_best = $7, verdict_worst = $8, reasoning = $9 "
              "WHERE id = $1 AND status = 'OPEN'"},
    Statement{"disputes.list",
              FD_DISPUTE_SELECT
              "JOIN claims c ON c.id = d.claim_id WHERE d.workspace_id = $1 "
              "AND ($2::bigint = 0 OR c.transcript_id = $2::bigint) "
              "AND (NOT $3 OR d.status = 'OPEN') "
              "ORDER BY d.status = 'OPEN' DESC, "
              "CASE WHEN d.status = 'OPEN' THEN d.opened_at END ASC, d.closed_at DESC "
              "LIMIT 1000",
              RowsAs<DisputeColumns>},
};

#undef FD_REVIEW_SELECT
#undef FD_REVIEW_WRITTEN
#undef FD_REVIEW_COLUMNS
#undef FD_DISPUTE_SELECT
#undef FD_VERDICT_COLUMNS

// The verdict's numbers as nullable parameters (NULL for labels outside the order).
std::optional<double> Num(const v1::Verdict& v, double value) {
  return v.ordered() ? std::optional(value) : std::nullopt;
}

v1::Confidence ConfidenceOf(const std::string& text) {
  return v1::EnumFromText<v1::Confidence>(text).value_or(v1::CONFIDENCE_UNSPECIFIED);
}

v1::Review ReviewFromRow(const pqxx::row& row, const ReviewColumns& col) {
  v1::Review r;
  r.set_id(row[col.id].as<std::int64_t>());
  r.set_workspace_id(row[col.workspace_id].as<std::int64_t>());
  r.set_claim_id(row[col.claim_id].as<std::int64_t>());
  SetUser(row, col.reviewer, [&] { return r.mutable_reviewer(); });
  SetVerdict(row, col.verdict, r.mutable_verdict());
  r.set_rationale(row[col.rationale].as<std::string>());
  r.set_confidence(ConfidenceOf(row[col.confidence].as<std::string>()));
  SetTime(row[col.submitted_at], [&] { return r.mutable_submitted_at(); });
  r.set_version(row[col.version].as<std::int64_t>());
  return r;
}

std::optional<v1::Review> FirstReview(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  return ReviewFromRow(r[0], MapColumns<ReviewColumns>(r));
}

void AddRevisions(Tx& tx, v1::Review& review) {
  const pqxx::result r = tx.Exec("reviews.revisions", review.id());
  const auto col = MapColumns<RevisionColumns>(r);
  for (const auto& row : r) {
    auto* rev = review.add_revisions();
    SetVerdict(row, col.verdict, rev->mutable_verdict());
    rev->set_rationale(row[col.rationale].as<std::string>());
    rev->set_confidence(ConfidenceOf(row[col.confidence].as<std::string>()));
    SetTime(row[col.submitted_at], [&] { return rev->mutable_submitted_at(); });
  }
}

v1::Dispute DisputeFromRow(const pqxx::row& row, const DisputeColumns& col) {
  v1::Dispute d;
  d.set_id(row[col.id].as<std::int64_t>());
  d.set_workspace_id(row[col.workspace_id].as<std::int64_t>());
  d.set_claim_id(row[col.claim_id].as<std::int64_t>());
  d.set_status(v1::EnumFromText<v1::DisputeStatus>(row[col.status].as<std::string>())
                   .value_or(v1::DISPUTE_STATUS_UNSPECIFIED));
  SetTime(row[col.opened_at], [&] { return d.mutable_opened_at(); });
  SetTime(row[col.closed_at], [&] { return d.mutable_closed_at(); });
  if (!row[col.resolution].is_null()) {
    d.set_resolution(v1::EnumFromText<v1::DisputeResolution>(row[col.resolution].as<std::string>())
                         .value_or(v1::DISPUTE_RESOLUTION_UNSPECIFIED));
  }
  SetUser(row, col.decided_by, [&] { return d.mutable_decided_by(); });
  SetVerdict(row, col.final_verdict, d.mutable_final_verdict());
  d.set_reasoning(row[col.reasoning].as<std::string>());
  return d;
}

std::optional<v1::Dispute> FirstDispute(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  return DisputeFromRow(r[0], MapColumns<DisputeColumns>(r));
}

std::vector<v1::Review> ReviewsFrom(const pqxx::result& r) {
  return MapRows<ReviewColumns>(r, ReviewFromRow);
}

std::vector<domain::Vote> VotesFrom(const pqxx::result& r) {
  std::vector<domain::Vote> votes;
  const auto col = MapColumns<VoteColumns>(r);
  for (const auto& row : r) {
    votes.push_back(
        {row[col.reviewer_id].as<std::int64_t>(), row[col.verdict_label].as<std::string>()});
  }
  return votes;
}

}  // namespace

std::span<const Statement> ReviewStatements() {
  return kReviewStatements;
}

Result<v1::Review> SaveReview(Tx& tx, const ReviewInput& in,
                              const std::optional<v1::Review>& existing) {
  const v1::Verdict& v = in.verdict;
  if (!existing) {
    // A first review has no revisions yet: no query for them.
    return *FirstReview(tx.Exec("reviews.insert", in.workspace_id, in.claim_id, in.reviewer_id,
                                v.label(), v.ordered(), Num(v, v.value()), Num(v, v.best()),
                                Num(v, v.worst()), in.rationale, in.confidence));
  }
  tx.Exec("reviews.save_revision", existing->id());
  v1::Review review = *FirstReview(tx.Exec("reviews.update", existing->id(), v.label(), v.ordered(),
                                           Num(v, v.value()), Num(v, v.best()), Num(v, v.worst()),
                                           in.rationale, in.confidence));
  AddRevisions(tx, review);
  return review;
}

std::optional<v1::Review> FindReview(Tx& tx, std::int64_t claim_id, std::int64_t reviewer_id) {
  return FirstReview(tx.Exec("reviews.find", claim_id, reviewer_id));
}

Result<std::vector<v1::Review>> ListReviews(Tx& tx, std::int64_t claim_id, bool with_revisions) {
  std::vector<v1::Review> out = ReviewsFrom(tx.Exec("reviews.list", claim_id));
  if (with_revisions) {
    for (v1::Review& review : out) AddRevisions(tx, review);
  }
  return out;
}

Result<std::unordered_map<std::int64_t, std::vector<v1::Review>>> ReviewsOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids) {
  std::unordered_map<std::int64_t, std::vector<v1::Review>> out;
  for (v1::Review& r : ReviewsFrom(tx.Exec("reviews.of_claims", IdArray(claim_ids)))) {
    out[r.claim_id()].push_back(std::move(r));
  }
  return out;
}

std::vector<domain::Vote> Votes(Tx& tx, std::int64_t claim_id) {
  return VotesFrom(tx.Exec("reviews.votes", claim_id));
}

std::vector<std::int64_t> ReviewedClaims(Tx& tx, std::int64_t workspace_id, std::int64_t user_id) {
  return ColumnValues<std::int64_t, "claim_id">(
      tx.Exec("reviews.reviewed_claims", workspace_id, user_id));
}

std::unordered_set<std::int64_t> ReviewedThisRound(Tx& tx,
                                                   const std::vector<std::int64_t>& claim_ids,
                                                   std::int64_t user_id) {
  std::unordered_set<std::int64_t> out;
  if (claim_ids.empty()) return out;
  const pqxx::result r = tx.Exec("reviews.reviewed_among", IdArray(claim_ids), user_id);
  const auto col = MapColumns<Column<"claim_id">>(r);
  for (const auto& row : r) out.insert(row[col.at].as<std::int64_t>());
  return out;
}

std::vector<std::int64_t> BlindClaims(Tx& tx, std::int64_t workspace_id, std::int64_t user_id) {
  return ColumnValues<std::int64_t, "id">(tx.Exec("reviews.blind_claims", workspace_id, user_id));
}

void StartReviewRound(Tx& tx, std::int64_t claim_id) {
  tx.Exec("reviews.start_round", claim_id);
}

Result<v1::Dispute> OpenDispute(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id) {
  const auto id = FirstValue<std::int64_t, "id">(tx.Exec("disputes.open", workspace_id, claim_id));
  return GetDispute(tx, id);
}

std::optional<v1::Dispute> FindOpenDispute(Tx& tx, std::int64_t claim_id) {
  return FirstDispute(tx.Exec("disputes.find_open", claim_id));
}

ReviewStanding ReadReviewStanding(Tx& tx, std::int64_t claim_id) {
  const std::vector<pqxx::result> r = tx.ExecInOneTrip(
      {tx.Inline("reviews.votes", claim_id), tx.Inline("disputes.find_open", claim_id)});
  return {VotesFrom(r[0]), FirstDispute(r[1])};
}

Result<v1::Dispute> GetDispute(Tx& tx, std::int64_t dispute_id) {
  auto dispute = FirstDispute(tx.Exec("disputes.get", dispute_id));
  if (!dispute) return Status::NotFound(fmt::format("dispute {} does not exist", dispute_id));
  return *std::move(dispute);
}

std::optional<v1::Dispute> LatestDispute(Tx& tx, std::int64_t claim_id) {
  return FirstDispute(tx.Exec("disputes.latest", claim_id));
}

Result<v1::Dispute> CloseDispute(Tx& tx, std::int64_t dispute_id, const DisputeClosing& c) {
  const v1::Verdict v = c.verdict.value_or(v1::Verdict());
  const bool has = c.verdict.has_value();
  const pqxx::result r = tx.Exec(
      "disputes.close", dispute_id, c.resolution, c.decided_by,
      has ? std::optional(v.label()) : std::nullopt,
      has ? std::optional(v.ordered()) : std::nullopt, has ? Num(v, v.value()) : std::nullopt,
      has ? Num(v, v.best()) : std::nullopt, has ? Num(v, v.worst()) : std::nullopt, c.reasoning);
  if (r.affected_rows() == 0) {
    return Status::FailedPrecondition(fmt::format("dispute {} is already closed", dispute_id));
  }
  return GetDispute(tx, dispute_id);
}

Result<std::vector<v1::Dispute>> ListDisputes(Tx& tx, std::int64_t workspace_id,
                                              std::int64_t transcript_id, bool open_only) {
  return MapRows<DisputeColumns>(tx.Exec("disputes.list", workspace_id, transcript_id, open_only),
                                 DisputeFromRow);
}

}  // namespace factdesk::store
