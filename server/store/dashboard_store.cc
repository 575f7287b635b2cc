#include "server/store/dashboard_store.h"

#include <array>
#include <map>

#include <google/protobuf/util/time_util.h>

#include "proto/enum_text.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

// The claims a dashboard counts: the workspace's, or one transcript's.
#define FD_SCOPE "c.workspace_id = $1 AND ($2::bigint = 0 OR c.transcript_id = $2::bigint)"
#define FD_ACTIVE "c.status IN ('OPEN', 'IN_REVIEW', 'DISPUTED')"
#define FD_DECIDED "c.status IN ('RESOLVED', 'PUBLISHED')"

constexpr std::array kStatements = {
    Statement{"dashboard.by_status",
              "SELECT c.status, count(*) FROM claims c WHERE " FD_SCOPE " GROUP BY c.status"},
    Statement{"dashboard.by_verdict",
              "SELECT c.verdict_label, count(*) FROM claims c WHERE " FD_SCOPE " AND " FD_DECIDED
              " AND c.verdict_label IS NOT NULL "
              "GROUP BY c.verdict_label ORDER BY count(*) DESC, c.verdict_label"},
    Statement{"dashboard.checkers",
              "WITH scoped AS (SELECT c.id, c.status FROM claims c WHERE " FD_SCOPE "), "
              "assigned AS (SELECT a.user_id, count(*) AS n, "
              "    count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM reviews r "
              "      WHERE r.claim_id = s.id AND r.reviewer_id = a.user_id)) AS waiting "
              "  FROM claim_assignees a JOIN scoped s ON s.id = a.claim_id "
              "  WHERE s.status IN ('OPEN', 'IN_REVIEW', 'DISPUTED') GROUP BY a.user_id), "
              "reviewed AS (SELECT r.reviewer_id AS user_id, count(*) AS n FROM reviews r "
              "  JOIN scoped s ON s.id = r.claim_id GROUP BY r.reviewer_id) "
              "SELECT u.id, u.handle, u.display_name, coalesce(a.n, 0), coalesce(rv.n, 0), "
              "  coalesce(a.waiting, 0) "
              "FROM memberships m JOIN users u ON u.id = m.user_id "
              "LEFT JOIN assigned a ON a.user_id = u.id LEFT JOIN reviewed rv ON rv.user_id = u.id "
              "WHERE m.workspace_id = $1 AND m.role IN ('checker', 'editor', 'admin') "
              "ORDER BY u.handle"},
    Statement{"dashboard.open_disputes",
              "SELECT d.id, d.claim_id, c.summary, fd_us(d.opened_at), "
              "  extract(epoch FROM now() - d.opened_at)::bigint, "
              "  (SELECT string_agg(DISTINCT r.verdict_label, E'\\x1f') FROM reviews r "
              "   WHERE r.claim_id = d.claim_id) "
              "FROM disputes d JOIN claims c ON c.id = d.claim_id "
              "WHERE d.status = 'OPEN' AND " FD_SCOPE " ORDER BY d.opened_at, d.id"},
    Statement{"dashboard.without_source",
              "SELECT c.id, count(*) OVER () FROM claims c JOIN segments s ON s.id = c.segment_id "
              "WHERE " FD_SCOPE " AND c.status <> 'DISMISSED' AND NOT EXISTS "
              "(SELECT 1 FROM sources x WHERE x.claim_id = c.id AND x.removed_at IS NULL) "
              "ORDER BY c.transcript_id, s.ordinal, c.start_byte, c.id LIMIT 100"},
    Statement{"dashboard.resolution_time",
              "SELECT percentile_cont(0.5) WITHIN GROUP "
              "  (ORDER BY extract(epoch FROM c.resolved_at - c.created_at)), count(*) "
              "FROM claims c WHERE " FD_SCOPE " AND c.resolved_at IS NOT NULL"},
    Statement{"dashboard.speakers", "SELECT c.claimant, count(*) FROM claims c WHERE " FD_SCOPE
                                    " GROUP BY c.claimant ORDER BY count(*) DESC, c.claimant"},
    Statement{"dashboard.speaker_verdicts",
              "SELECT c.claimant, c.verdict_label, count(*) FROM claims c WHERE " FD_SCOPE
              " AND " FD_DECIDED " AND c.verdict_label IS NOT NULL "
              "GROUP BY c.claimant, c.verdict_label ORDER BY count(*) DESC, c.verdict_label"},
    Statement{"dashboard.as_of", "SELECT last_seq FROM workspaces WHERE id = $1"},
};

#undef FD_SCOPE
#undef FD_ACTIVE
#undef FD_DECIDED

}  // namespace

std::span<const Statement> DashboardStatements() {
  return kStatements;
}

Result<v1::Dashboard> ComputeDashboard(Tx& tx, std::int64_t workspace_id,
                                       std::int64_t transcript_id) {
  v1::Dashboard d;
  d.set_workspace_id(workspace_id);
  d.set_transcript_id(transcript_id);
  *d.mutable_computed_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  const pqxx::result as_of = tx.Exec("dashboard.as_of", workspace_id);
  if (as_of.empty())
    return Status::NotFound("workspace " + std::to_string(workspace_id) + " does not exist");
  d.set_as_of_seq(as_of[0][0].as<std::int64_t>());

  std::map<v1::ClaimStatus, int> by_status;
  for (const auto& row : tx.Exec("dashboard.by_status", workspace_id, transcript_id)) {
    if (auto s = v1::EnumFromText<v1::ClaimStatus>(row[0].as<std::string>())) {
      by_status[*s] = row[1].as<int>();
    }
  }
  int total = 0;
  for (int s = v1::CLAIM_STATUS_OPEN; s <= v1::CLAIM_STATUS_DISMISSED; ++s) {
    auto* count = d.add_by_status();
    count->set_status(static_cast<v1::ClaimStatus>(s));
    count->set_count(by_status[static_cast<v1::ClaimStatus>(s)]);
    total += count->count();
  }
  d.set_total_claims(total);

  for (const auto& row : tx.Exec("dashboard.by_verdict", workspace_id, transcript_id)) {
    auto* v = d.add_by_verdict();
    v->set_label(row[0].as<std::string>());
    v->set_count(row[1].as<int>());
  }
  for (const auto& row : tx.Exec("dashboard.checkers", workspace_id, transcript_id)) {
    auto* c = d.add_checkers();
    SetUser(row, 0, [&] { return c->mutable_user(); });
    c->set_assigned(row[3].as<int>());
    c->set_reviewed(row[4].as<int>());
    c->set_waiting(row[5].as<int>());
  }
  for (const auto& row : tx.Exec("dashboard.open_disputes", workspace_id, transcript_id)) {
    auto* o = d.add_open_disputes();
    o->set_dispute_id(row[0].as<std::int64_t>());
    o->set_claim_id(row[1].as<std::int64_t>());
    o->set_claim_summary(row[2].as<std::string>());
    SetTime(row[3], [&] { return o->mutable_opened_at(); });
    o->set_age_seconds(row[4].as<std::int64_t>());
    if (!row[5].is_null()) {
      const std::string joined = row[5].as<std::string>();
      std::size_t start = 0;
      for (std::size_t end; (end = joined.find('\x1f', start)) != std::string::npos;
           start = end + 1) {
        o->add_verdicts(joined.substr(start, end - start));
      }
      o->add_verdicts(joined.substr(start));
    }
  }
  for (const auto& row : tx.Exec("dashboard.without_source", workspace_id, transcript_id)) {
    d.add_claims_without_source_ids(row[0].as<std::int64_t>());
    d.set_claims_without_source(row[1].as<int>());
  }
  const auto timing = tx.Exec("dashboard.resolution_time", workspace_id, transcript_id);
  d.set_median_seconds_to_resolution(Or<double>(timing[0][0], 0));
  d.set_resolved_claims(timing[0][1].as<int>());

  std::map<std::string, v1::SpeakerVerdicts*> speakers;
  for (const auto& row : tx.Exec("dashboard.speakers", workspace_id, transcript_id)) {
    auto* s = d.add_speakers();
    s->set_speaker(row[0].as<std::string>());
    s->set_claims(row[1].as<int>());
    speakers[s->speaker()] = s;
  }
  for (const auto& row : tx.Exec("dashboard.speaker_verdicts", workspace_id, transcript_id)) {
    if (auto it = speakers.find(row[0].as<std::string>()); it != speakers.end()) {
      auto* v = it->second->add_verdicts();
      v->set_label(row[1].as<std::string>());
      v->set_count(row[2].as<int>());
    }
  }
  return d;
}

}  // namespace factdesk::store
