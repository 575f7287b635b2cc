#include "client/cli/claim_view.h"

#include <cstring>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "client/cli/output.h"
#include "proto/claim_progress.h"

namespace factdesk::cli {
namespace {

std::string Pad(int indent) {
  return std::string(static_cast<std::size_t>(indent), ' ');
}

// Body lines after the first, indented to sit under it.
std::string Indented(const std::string& text, int indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += Pad(indent);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

template <typename Message>
Status WithCurrent(const Status& status, const std::string& current_bin,
                   std::string (*describe)(const Message&)) {
  if (status.code() != Code::kAborted || current_bin.empty()) return status;
  Message current;
  if (!current.ParseFromString(current_bin)) return status;
  // We show the attached record, so the server's pointer to it goes.
  std::string message = status.message();
  if (const auto at = message.find("; the current ");
      at != std::string::npos && message.find(" is attached", at) != std::string::npos) {
    message.erase(at, message.find(" is attached", at) + std::strlen(" is attached") - at);
  }
  return {status.code(), message + "; " + describe(current)};
}

std::string DescribeClaim(const v1::Claim& c) {
  return fmt::format("claim {} is now at version {} ({}), summary {}", c.id(), c.version(),
                     Upper(c.status()), Quoted(c.summary(), 80));
}
std::string DescribeNote(const v1::Note& n) {
  return fmt::format("note {} is now at version {}: {}", n.id(), n.version(), Quoted(n.body(), 80));
}
std::string DescribeReview(const v1::Review& r) {
  return fmt::format("your review is now at version {}: {}", r.version(), r.verdict().label());
}

}  // namespace

std::string QuoteChangedFlag(const v1::Claim& claim) {
  return claim.has_quote_change() ? " QUOTE CHANGED" : "";
}

void AddQuoteChange(const v1::Claim& c, Table& fields) {
  if (!c.has_quote_change()) return;
  const v1::QuoteChange& q = c.quote_change();
  fields.Add({"Quote changed:",
              fmt::format("revision {} of the segment, {}; mark the quote again with `factdesk "
                          "claim reanchor {}`",
                          q.segment_revision(), IsoDateTime(q.changed_at()), c.id())});
  fields.Add({"  Old quote:", Quoted(q.old_quote(), 500)});
  fields.Add({"  Old text:", Quoted(q.old_text(), 500)});
  fields.Add({"  New text:", Quoted(q.new_text(), 500)});
}

std::string TagList(const v1::Claim& claim) {
  std::string out;
  for (const auto& tag : claim.tags()) out.append(out.empty() ? "" : ", ").append(tag);
  return out.empty() ? "(none)" : out;
}

std::string ClaimTag(const v1::Claim& c) {
  std::string tag = Upper(c.status());
  if (!c.final_verdict().label().empty()) tag += ": " + c.final_verdict().label();
  return tag;
}

Result<std::string> WaitingForNow(CommandClient& api, const v1::Claim& claim) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace workspace, api.WorkspaceById(claim.workspace_id()));
  v1::ListReviewsRequest reviews_req;
  reviews_req.set_claim_id(claim.id());
  FD_ASSIGN_OR_RETURN(const auto reviews,
                      api.Call(&v1::ReviewService::Stub::ListReviews, reviews_req));
  std::optional<v1::Dispute> dispute;
  if (claim.status() == v1::CLAIM_STATUS_DISPUTED) {
    v1::GetDisputeRequest dispute_req;
    dispute_req.set_claim_id(claim.id());
    FD_ASSIGN_OR_RETURN(dispute, api.Call(&v1::ReviewService::Stub::GetDispute, dispute_req));
  }
  return v1::WaitingFor(claim, workspace.policy(), reviews.reviews(),
                        dispute ? &*dispute : nullptr);
}

std::string ClaimLine(const v1::Claim& c) {
  return fmt::format("claim {} ({}, version {}): {}", c.id(), ClaimTag(c), c.version(),
                     Quoted(c.summary()));
}

Status WithCurrentClaim(const Status& status, const std::string& current_bin) {
  return WithCurrent<v1::Claim>(status, current_bin, &DescribeClaim);
}
Status WithCurrentNote(const Status& status, const std::string& current_bin) {
  return WithCurrent<v1::Note>(status, current_bin, &DescribeNote);
}
Status WithCurrentReview(const Status& status, const std::string& current_bin) {
  return WithCurrent<v1::Review>(status, current_bin, &DescribeReview);
}

void PrintNotes(const google::protobuf::RepeatedPtrField<v1::Note>& notes, int indent) {
  std::map<std::int64_t, std::vector<const v1::Note*>> replies;  // by parent id, 0 = top
  std::map<std::int64_t, bool> present;
  for (const auto& n : notes) present[n.id()] = true;
  for (const auto& n : notes) {
    // A reply whose parent is not in the list (another thread) shows at the top level.
    replies[present.count(n.parent_id()) != 0 ? n.parent_id() : 0].push_back(&n);
  }
  auto print = [&](auto& self, std::int64_t parent, int depth) -> void {
    for (const v1::Note* n : replies[parent]) {
      const int pad = indent + 2 * depth;
      const std::string head = fmt::format(
          "#{} {} {}{}{}: ", n->id(), n->author().handle(), IsoDateTime(n->created_at()),
          n->thread() == v1::NOTE_THREAD_DISPUTE ? " [dispute]" : "",
          IsSet(n->edited_at()) ? " (edited)" : "");
      std::cout << Pad(pad) << head << (n->removed() ? "(removed)" : Indented(n->body(), pad + 2))
                << "\n";
      self(self, n->id(), depth + 1);
    }
  };
  print(print, 0, 0);
}

void PrintReviews(const google::protobuf::RepeatedPtrField<v1::Review>& reviews, int indent) {
  for (const auto& r : reviews) {
    if (r.hidden()) {
      std::cout << Pad(indent)
                << fmt::format("{}: hidden until you submit your own\n", r.reviewer().handle());
      continue;
    }
    std::cout << Pad(indent)
              << fmt::format("{}: {} ({} confidence, {}, version {})\n", r.reviewer().handle(),
                             r.verdict().label(), Lower(r.confidence()),
                             IsoDateTime(r.submitted_at()), r.version())
              << Pad(indent + 2) << Indented(r.rationale(), indent + 2) << "\n";
  }
}

void PrintSources(const google::protobuf::RepeatedPtrField<v1::Source>& sources, int indent) {
  Table table({"ID", "STANCE", "URL", "TITLE", "PUBLISHER", "ADDED"});
  for (const auto& s : sources) {
    std::string stance = Upper(s.stance());
    if (s.primary()) stance += " primary";
    if (s.removed()) stance += " (removed)";
    table.Add({std::to_string(s.id()), stance, s.url(), Shorten(s.title(), 40),
               Shorten(s.publisher(), 30), IsoDate(s.added_at()) + " " + s.added_by().handle()});
  }
  table.Print(std::cout, indent);
}

}  // namespace factdesk::cli
