#include "server/rpc/claim_history.h"

#include <fmt/format.h>

#include "proto/enum_text.h"
#include "server/rpc/blind_view.h"

namespace factdesk::rpc {
namespace {

std::string Assignees(const v1::Claim& c) {
  std::string out;
  for (const auto& u : c.assignees()) out += (out.empty() ? "" : ", ") + u.handle();
  return out;
}

std::string VerdictText(const v1::Verdict& v) {
  return v.label();
}

void Diff(const v1::Claim& before, const v1::Claim& after, v1::HistoryEntry* entry) {
  const auto add = [entry](const char* field, const std::string& old_value,
                           const std::string& new_value) {
    if (old_value == new_value) return;
    auto* change = entry->add_changes();
    change->set_field(field);
    change->set_old_value(old_value);
    change->set_new_value(new_value);
  };
  add("status", v1::EnumText(before.status()), v1::EnumText(after.status()));
  add("summary", before.summary(), after.summary());
  add("claimant", before.claimant(), after.claimant());
  add("assignees", Assignees(before), Assignees(after));
  add("verdict", VerdictText(before.final_verdict()), VerdictText(after.final_verdict()));
  add("reason", before.status_reason(), after.status_reason());
}

std::string Describe(const v1::Event& e, std::int64_t viewer_id, bool see_reviews) {
  const std::string& kind = e.kind();
  if (kind == "claim.created") return "marked the claim";
  if (kind == "claim.updated") return "edited the claim";
  if (kind == "claim.assigned") return "changed who works on the claim";
  if (kind == "claim.taken") return "took the claim";
  if (kind == "claim.dismissed") {
    return fmt::format("dismissed the claim ({})", v1::EnumText(e.claim().dismiss_reason(), true));
  }
  if (kind == "claim.reopened") return "reopened the claim";
  if (kind == "claim.published") return "published the check";
  if (kind == "claim.corrected") return "corrected the published check";
  if (kind == "source.added") {
    const auto& s = e.source();
    return fmt::format("added a source: {} ({})", s.title().empty() ? s.url() : s.title(),
                       v1::EnumText(s.stance(), true));
  }
  if (kind == "source.removed") return fmt::format("removed a source: {}", e.source().url());
  if (kind == "note.added") {
    return e.note().parent_id() != 0 ? "replied to a note" : "added a note";
  }
  if (kind == "note.edited") return "edited a note";
  if (kind == "note.removed") return "removed a note";
  if (kind == "review.submitted" || kind == "review.revised") {
    const auto& r = e.review();
    const char* verb = kind == "review.submitted" ? "submitted a review" : "revised their review";
    if (see_reviews || r.reviewer().id() == viewer_id) {
      return fmt::format("{}: {} (confidence {})", verb, r.verdict().label(),
                         v1::EnumText(r.confidence(), true));
    }
    return fmt::format("{} (hidden until you submit your own)", verb);
  }
  if (kind == "dispute.decided") {
    if (!see_reviews) return "decided the dispute (hidden until you submit your own review)";
    return fmt::format("decided the dispute: {}", e.dispute().final_verdict().label());
  }
  return kind;
}

}  // namespace

v1::GetClaimHistoryResponse BuildClaimHistory(const std::vector<v1::Event>& events,
                                              std::int64_t viewer_id, bool see_reviews) {
  v1::GetClaimHistoryResponse out;
  v1::Claim previous;
  bool have_previous = false;
  for (const auto& e : events) {
    auto* entry = out.add_entries();
    entry->set_seq(e.seq());
    entry->set_kind(e.kind());
    *entry->mutable_actor() = e.actor();
    *entry->mutable_time() = e.time();
    entry->set_summary(Describe(e, viewer_id, see_reviews));
    if (e.has_claim()) {
      // A viewer blind to the claim now sees no verdict of it, not even one an earlier
      // round reached before a reopening (domain/blind_rule.h).
      v1::Claim current = e.claim();
      if (!see_reviews) RedactClaimOutcome(&current);
      if (have_previous) Diff(previous, current, entry);
      previous = std::move(current);
      have_previous = true;
    }
  }
  return out;
}

}  // namespace factdesk::rpc
