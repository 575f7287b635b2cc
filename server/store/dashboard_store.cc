#include "server/store/dashboard_store.h"

#include <array>
#include <map>

#include <google/protobuf/util/time_util.h>

#include "proto/enum_text.h"
#include "server/store/rows.h"
#include "server/store/suggestion_store.h"

namespace factdesk::store {
namespace {

// The claims a dashboard counts: the workspace's, or one transcript's.
#define FD_SCOPE "c.workspace_id = $1 AND ($2::bigint = 0 OR c.transcript_id = $2::bigint)"
#define FD_ACTIVE "c.status IN ('OPEN', 'IN_REVIEW', 'DISPUTED')"
#define FD_DECIDED "c.status IN ('RESOLVED', 'PUBLISHED')"

struct StatusCountColumns {
  explicit StatusCountColumns(ColumnLookup& c) : status(c("status")), claims(c("claims")) {}
  ColumnIndex status, claims;
};

struct LabelCountColumns {
  explicit LabelCountColumns(ColumnLookup& c)
      : verdict_label(c("verdict_label")), claims(c("claims")) {}
  ColumnIndex verdict_label, claims;
};

struct CheckerColumns {
  explicit CheckerColumns(ColumnLookup& c)
      : user(c, "user"), assigned(c("assigned")), reviewed(c("reviewed")), waiting(c("waiting")) {}
  UserColumns user;
  ColumnIndex assigned, reviewed, waiting;
};

struct OpenDisputeColumns {
  explicit OpenDisputeColumns(ColumnLookup& c)
      : dispute_id(c("dispute_id")),
        claim_id(c("claim_id")),
        claim_summary(c("claim_summary")),
        opened_at(c("opened_at")),
        age_seconds(c("age_seconds")),
        verdicts(c("verdicts")) {}
  ColumnIndex dispute_id, claim_id, claim_summary, opened_at, age_seconds, verdicts;
};

struct WithoutSourceColumns {
  explicit WithoutSourceColumns(ColumnLookup& c) : claim_id(c("claim_id")), total(c("total")) {}
  ColumnIndex claim_id, total;
};

struct ResolutionTimeColumns {
  explicit ResolutionTimeColumns(ColumnLookup& c)
      : median_seconds(c("median_seconds")), resolved(c("resolved")) {}
  ColumnIndex median_seconds, resolved;
};

struct SpeakerCountColumns {
  explicit SpeakerCountColumns(ColumnLookup& c) : claimant(c("claimant")), claims(c("claims")) {}
  ColumnIndex claimant, claims;
};

struct SpeakerVerdictColumns {
  explicit SpeakerVerdictColumns(ColumnLookup& c)
      : claimant(c("claimant")), verdict_label(c("verdict_label")), claims(c("claims")) {}
  ColumnIndex claimant, verdict_label, claims;
};

struct TagCountColumns {
  explicit TagCountColumns(ColumnLookup& c) : tag(c("tag")), claims(c("claims")) {}
  ColumnIndex tag, claims;
};

struct LiveColumns {
  explicit LiveColumns(ColumnLookup& c)
      : state(c("state")),
        segments(c("segments")),
        last_segment_at(c("last_segment_at")),
        claims_marked(c("claims_marked")),
        median_seconds_to_mark(c("median_seconds_to_mark")),
        corrected_segments(c("corrected_segments")),
        claims_quote_changed(c("claims_quote_changed")) {}
  ColumnIndex state, segments, last_segment_at, claims_marked, median_seconds_to_mark,
      corrected_segments, claims_quote_changed;
};

constexpr std::array kDashboardStatements = {
    Statement{"dashboard.by_status",
              "SELECT c.status, count(*) AS claims FROM claims c WHERE " FD_SCOPE
              " GROUP BY c.status",
              RowsAs<StatusCountColumns>},
    Statement{"dashboard.by_verdict",
              "SELECT c.verdict_label, count(*) AS claims FROM claims c WHERE " FD_SCOPE
              " AND " FD_DECIDED " AND c.verdict_label IS NOT NULL "
              "GROUP BY c.verdict_label ORDER BY count(*) DESC, c.verdict_label",
              RowsAs<LabelCountColumns>},
    Statement{
        "dashboard.checkers",
        "WITH scoped AS (SELECT c.id, c.status FROM claims c WHERE " FD_SCOPE "), "
        "assigned AS (SELECT a.user_id, count(*) AS n, "
        "    count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM reviews r "
        "      WHERE r.claim_id = s.id AND r.reviewer_id = a.user_id)) AS waiting "
        "  FROM claim_assignees a JOIN scoped s ON s.id = a.claim_id "
        "  WHERE s.status IN ('OPEN', 'IN_REVIEW', 'DISPUTED') GROUP BY a.user_id), "
        "reviewed AS (SELECT r.reviewer_id AS user_id, count(*) AS n FROM reviews r "
        "  JOIN scoped s ON s.id = r.claim_id GROUP BY r.reviewer_id) "
        "SELECT u.id AS user_id, u.handle AS user_handle, u.display_name AS user_display_name, "
        "  coalesce(a.n, 0) AS assigned, coalesce(rv.n, 0) AS reviewed, "
        "  coalesce(a.waiting, 0) AS waiting "
        "FROM memberships m JOIN users u ON u.id = m.user_id "
        "LEFT JOIN assigned a ON a.user_id = u.id LEFT JOIN reviewed rv ON rv.user_id = u.id "
        "WHERE m.workspace_id = $1 AND m.role IN ('checker', 'editor', 'admin') "
        "ORDER BY u.handle",
        RowsAs<CheckerColumns>},
    Statement{"dashboard.open_disputes",
              "SELECT d.id AS dispute_id, d.claim_id, c.summary AS claim_summary, "
              "  fd_us(d.opened_at) AS opened_at, "
              "  extract(epoch FROM now() - d.opened_at)::bigint AS age_seconds, "
              "  (SELECT string_agg(DISTINCT r.verdict_label, E'\\x1f') FROM reviews r "
              "   WHERE r.claim_id = d.claim_id) AS verdicts "
              "FROM disputes d JOIN claims c ON c.id = d.claim_id "
              "WHERE d.status = 'OPEN' AND " FD_SCOPE " ORDER BY d.opened_at, d.id",
              RowsAs<OpenDisputeColumns>},
    Statement{"dashboard.without_source",
              "SELECT c.id AS claim_id, count(*) OVER () AS total FROM claims c "
              "JOIN segments s ON s.id = c.segment_id "
              "WHERE " FD_SCOPE " AND c.status <> 'DISMISSED' AND NOT EXISTS "
              "(SELECT 1 FROM sources x WHERE x.claim_id = c.id AND x.removed_at IS NULL) "
              "ORDER BY c.transcript_id, s.ordinal, c.start_byte, c.id LIMIT 100",
              RowsAs<WithoutSourceColumns>},
    Statement{"dashboard.resolution_time",
              "SELECT percentile_cont(0.5) WITHIN GROUP "
              "  (ORDER BY extract(epoch FROM c.resolved_at - c.created_at)) AS median_seconds, "
              "  count(*) AS resolved "
              "FROM claims c WHERE " FD_SCOPE " AND c.resolved_at IS NOT NULL",
              RowsAs<ResolutionTimeColumns>},
    Statement{"dashboard.speakers",
              "SELECT c.claimant, count(*) AS claims FROM claims c WHERE " FD_SCOPE
              " GROUP BY c.claimant ORDER BY count(*) DESC, c.claimant",
              RowsAs<SpeakerCountColumns>},
    Statement{"dashboard.speaker_verdicts",
              "SELECT c.claimant, c.verdict_label, count(*) AS claims FROM claims c WHERE " FD_SCOPE
              " AND " FD_DECIDED " AND c.verdict_label IS NOT NULL "
              "GROUP BY c.claimant, c.verdict_label ORDER BY count(*) DESC, c.verdict_label",
              RowsAs<SpeakerVerdictColumns>},
    Statement{
        "dashboard.by_tag",
        "SELECT t.tag, count(*) AS claims FROM claim_tags t JOIN claims c ON c.id = t.claim_id "
        "WHERE t.workspace_id = $1 AND " FD_SCOPE " GROUP BY t.tag ORDER BY count(*) DESC, t.tag",
        RowsAs<TagCountColumns>},
    // A transcript opened live (no row for one imported whole). Time to mark: from a
    // segment's arrival to the first claim marked in it, over the segments with claims.
    Statement{"dashboard.live",
              "SELECT t.state, t.segment_count AS segments, "
              "  (SELECT fd_us(max(s.arrived_at)) FROM segments s "
              "   WHERE s.transcript_id = t.id) AS last_segment_at, "
              "  (SELECT count(*) FROM claims c WHERE c.transcript_id = t.id) AS claims_marked, "
              "  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f.seconds) FROM "
              "    (SELECT extract(epoch FROM min(c.created_at) - s.arrived_at) AS seconds "
              "     FROM claims c JOIN segments s ON s.id = c.segment_id "
              "     WHERE c.transcript_id = t.id GROUP BY s.id, s.arrived_at) f) "
              "    AS median_seconds_to_mark, "
              "  (SELECT count(*) FROM segments s WHERE s.transcript_id = t.id "
              "   AND s.revision > 0) AS corrected_segments, "
              "  (SELECT count(*) FROM claims c WHERE c.transcript_id = t.id "
              "   AND c.quote_old_quote IS NOT NULL) AS claims_quote_changed "
              "FROM transcripts t WHERE t.id = $1 AND t.state <> 'COMPLETE'",
              RowsAs<LiveColumns>},
    Statement{"dashboard.as_of", "SELECT last_seq FROM workspace_seqs WHERE workspace_id = $1",
              RowsAs<Column<"last_seq">>},
};

#undef FD_SCOPE
#undef FD_ACTIVE
#undef FD_DECIDED

// A result with its row mapping resolved once.
template <typename Columns>
std::pair<pqxx::result, Columns> ReadMapped(Tx& tx, const char* statement,
                                            std::int64_t workspace_id, std::int64_t transcript_id) {
  pqxx::result r = tx.Exec(statement, workspace_id, transcript_id);
  const auto col = MapColumns<Columns>(r);
  return {std::move(r), col};
}

void AddStatusCounts(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id,
                     v1::Dashboard& d) {
  std::map<v1::ClaimStatus, int> by_status;
  const auto [r, col] =
      ReadMapped<StatusCountColumns>(tx, "dashboard.by_status", workspace_id, transcript_id);
  for (const auto& row : r) {
    if (auto s = v1::EnumFromText<v1::ClaimStatus>(row[col.status].as<std::string>())) {
      by_status[*s] = row[col.claims].as<int>();
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
}

void AddCheckers(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id, v1::Dashboard& d) {
  const auto [r, col] =
      ReadMapped<CheckerColumns>(tx, "dashboard.checkers", workspace_id, transcript_id);
  for (const auto& row : r) {
    auto* c = d.add_checkers();
    SetUser(row, col.user, [&] { return c->mutable_user(); });
    c->set_assigned(row[col.assigned].as<int>());
    c->set_reviewed(row[col.reviewed].as<int>());
    c->set_waiting(row[col.waiting].as<int>());
  }
}

void AddOpenDisputes(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id,
                     v1::Dashboard& d) {
  const auto [r, col] =
      ReadMapped<OpenDisputeColumns>(tx, "dashboard.open_disputes", workspace_id, transcript_id);
  for (const auto& row : r) {
    auto* o = d.add_open_disputes();
    o->set_dispute_id(row[col.dispute_id].as<std::int64_t>());
    o->set_claim_id(row[col.claim_id].as<std::int64_t>());
    o->set_claim_summary(row[col.claim_summary].as<std::string>());
    SetTime(row[col.opened_at], [&] { return o->mutable_opened_at(); });
    o->set_age_seconds(row[col.age_seconds].as<std::int64_t>());
    if (!row[col.verdicts].is_null()) {
      const std::string joined = row[col.verdicts].as<std::string>();
      std::size_t start = 0;
      for (std::size_t end; (end = joined.find('\x1f', start)) != std::string::npos;
           start = end + 1) {
        o->add_verdicts(joined.substr(start, end - start));
      }
      o->add_verdicts(joined.substr(start));
    }
  }
}

void AddSpeakers(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id, v1::Dashboard& d) {
  std::map<std::string, v1::SpeakerVerdicts*> speakers;
  const auto [r, col] =
      ReadMapped<SpeakerCountColumns>(tx, "dashboard.speakers", workspace_id, transcript_id);
  for (const auto& row : r) {
    auto* s = d.add_speakers();
    s->set_speaker(row[col.claimant].as<std::string>());
    s->set_claims(row[col.claims].as<int>());
    speakers[s->speaker()] = s;
  }
  const auto [vr, vcol] = ReadMapped<SpeakerVerdictColumns>(tx, "dashboard.speaker_verdicts",
                                                            workspace_id, transcript_id);
  for (const auto& row : vr) {
    if (auto it = speakers.find(row[vcol.claimant].as<std::string>()); it != speakers.end()) {
      auto* v = it->second->add_verdicts();
      v->set_label(row[vcol.verdict_label].as<std::string>());
      v->set_count(row[vcol.claims].as<int>());
    }
  }
}

void AddTagCounts(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id, v1::Dashboard& d) {
  const auto [r, col] =
      ReadMapped<TagCountColumns>(tx, "dashboard.by_tag", workspace_id, transcript_id);
  for (const auto& row : r) {
    auto* t = d.add_by_tag();
    t->set_tag(row[col.tag].as<std::string>());
    t->set_count(row[col.claims].as<int>());
  }
}

// Dashboard.live, for a transcript opened live.
void AddLiveProgress(Tx& tx, std::int64_t transcript_id, v1::Dashboard& d) {
  const pqxx::result r = tx.Exec("dashboard.live", transcript_id);
  if (r.empty()) return;
  const auto col = MapColumns<LiveColumns>(r);
  const auto& row = r[0];
  v1::LiveProgress* live = d.mutable_live();
  live->set_state(v1::EnumFromText<v1::TranscriptState>(row[col.state].as<std::string>())
                      .value_or(v1::TRANSCRIPT_STATE_UNSPECIFIED));
  live->set_segments(row[col.segments].as<int>());
  SetTime(row[col.last_segment_at], [&] { return live->mutable_last_segment_at(); });
  live->set_claims_marked(row[col.claims_marked].as<int>());
  live->set_median_seconds_to_mark(Or<double>(row[col.median_seconds_to_mark], 0));
  live->set_corrected_segments(row[col.corrected_segments].as<int>());
  live->set_claims_quote_changed(row[col.claims_quote_changed].as<int>());
}

}  // namespace

std::span<const Statement> DashboardStatements() {
  return kDashboardStatements;
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
  d.set_as_of_seq(FirstValue<std::int64_t, "last_seq">(as_of));

  AddStatusCounts(tx, workspace_id, transcript_id, d);
  const auto [verdicts, vcol] =
      ReadMapped<LabelCountColumns>(tx, "dashboard.by_verdict", workspace_id, transcript_id);
  for (const auto& row : verdicts) {
    auto* v = d.add_by_verdict();
    v->set_label(row[vcol.verdict_label].as<std::string>());
    v->set_count(row[vcol.claims].as<int>());
  }
  AddCheckers(tx, workspace_id, transcript_id, d);
  AddOpenDisputes(tx, workspace_id, transcript_id, d);
  const auto [without, wcol] =
      ReadMapped<WithoutSourceColumns>(tx, "dashboard.without_source", workspace_id, transcript_id);
  for (const auto& row : without) {
    d.add_claims_without_source_ids(row[wcol.claim_id].as<std::int64_t>());
    d.set_claims_without_source(row[wcol.total].as<int>());
  }
  const auto [timing, tcol] = ReadMapped<ResolutionTimeColumns>(tx, "dashboard.resolution_time",
                                                                workspace_id, transcript_id);
  d.set_median_seconds_to_resolution(Or<double>(timing[0][tcol.median_seconds], 0));
  d.set_resolved_claims(timing[0][tcol.resolved].as<int>());
  AddSpeakers(tx, workspace_id, transcript_id, d);
  AddTagCounts(tx, workspace_id, transcript_id, d);
  *d.mutable_suggestions() = CountSuggestions(tx, workspace_id, transcript_id);
  if (transcript_id != 0) AddLiveProgress(tx, transcript_id, d);
  return d;
}

}  // namespace factdesk::store
