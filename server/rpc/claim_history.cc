#include "server/rpc/claim_history.h"

#include "events/event_description.h"
#include "events/event_kind.h"
#include "proto/claim_link_text.h"
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

std::string LinkOf(const v1::Claim& c) {
  return c.has_link() ? v1::LinkText(c.link()) : std::string();
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
  add("same claim as", LinkOf(before), LinkOf(after));
}

// The shared describer's words; a review the viewer may not see yet is described as
// the blind rule shows it, and says why.
std::string Summary(const v1::Event& e, std::int64_t viewer_id, bool see_reviews) {
  // A decision reached while the viewer is blind would tell them the verdict.
  if (e.kind() == v1::EVENT_KIND_DISPUTE_DECIDED && !see_reviews) {
    return "decided the dispute (hidden until you submit your own review)";
  }
  if (!e.has_review() || see_reviews || e.review().reviewer().id() == viewer_id) {
    return events::DescribeAction(e);
  }
  v1::Event blind = e;
  RedactReview(blind.mutable_review());
  return events::DescribeAction(blind) + " (hidden until you submit your own)";
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
    entry->set_kind(std::string(events::KindNameOf(e)));
    *entry->mutable_actor() = e.actor();
    *entry->mutable_time() = e.time();
    entry->set_summary(Summary(e, viewer_id, see_reviews));
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
