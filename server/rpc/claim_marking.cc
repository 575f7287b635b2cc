#include "server/rpc/claim_marking.h"

#include "common/utf8.h"
#include "domain/anchor.h"
#include "domain/limits.h"
#include "domain/text_validation.h"
#include "server/store/claim_store.h"

namespace factdesk::rpc {
namespace {

// A summary defaults to the quote; a long quote is cut at the limit with an ellipsis.
std::string DefaultSummary(const std::string& quote) {
  if (utf8::CodePointCount(quote) <= domain::kMaxSummaryChars) return quote;
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < quote.size() && count < domain::kMaxSummaryChars - 1; ++count) {
    std::size_t j = i + 1;
    while (j < quote.size() && !utf8::IsBoundary(quote, j)) ++j;
    out.append(quote, i, j - i);
    i = j;
  }
  return out + "…";
}

}  // namespace

Result<v1::Claim> MarkClaim(store::Tx& tx, const Call& call, const store::SegmentInfo& seg,
                            std::int32_t start, std::int32_t end, const std::string& summary,
                            const std::string& claimant) {
  FD_ASSIGN_OR_RETURN(domain::Anchor anchor, domain::AnchorRange(seg.text, start, end));
  store::NewClaim claim;
  claim.workspace_id = seg.workspace_id;
  claim.transcript_id = seg.transcript_id;
  claim.segment_id = seg.id;
  claim.start_byte = start;
  claim.end_byte = end;
  claim.summary = summary.empty() ? DefaultSummary(domain::Trim(anchor.quote)) : summary;
  claim.claimant = claimant.empty() ? seg.speaker : claimant;
  claim.anchor = std::move(anchor);
  claim.created_by = call.user_id();
  // Queued for "checked before?" by the same statement.
  return store::InsertClaim(tx, claim);
}

}  // namespace factdesk::rpc
