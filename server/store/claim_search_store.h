#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/claim.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

// Full-text search over a workspace's claims: quote, summary, review rationales, notes
// and source titles, each matched on its own (migration 0010 indexes each).
namespace factdesk::store {

std::span<const Statement> ClaimSearchStatements();

struct ClaimSearch {
  std::int64_t workspace_id = 0;
  std::string query;  // websearch syntax
  // Who searches: rationales of reviews the blind rule keeps from them are not searched.
  std::int64_t reader_id = 0;
  bool reader_sees_all_reviews = false;  // editors and admins
  std::vector<std::string> statuses;     // empty = any ("OPEN", ...)
  std::string verdict;                   // "" = any; the label exactly
  std::string speaker;                   // "" = any; claimant or segment speaker, any case
  std::int64_t transcript_id = 0;        // 0 = any
  std::string tag;                       // "" = any
  std::optional<std::int64_t> since_us;  // marked at or after (microseconds since epoch)
  std::optional<std::int64_t> until_us;  // marked before
};

struct ClaimSearchPage {
  // Best first; each hit's claim is filled in.
  std::vector<v1::ClaimSearchHit> hits;
  int total = 0;
};

Result<ClaimSearchPage> SearchClaims(Tx& tx, const ClaimSearch& search, int offset, int limit);

}  // namespace factdesk::store
