#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/archive.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> ArchiveStatements();

struct ArchiveImportCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// Adds each check to the workspace's archive, or replaces the one with its url (a
// removed one comes back). Checks must be validated (archive::ValidateArchivedCheck).
ArchiveImportCounts UpsertArchivedChecks(Tx& tx, std::int64_t workspace_id, std::int64_t user_id,
                                         std::span<const v1::ArchivedCheck> checks);

// Newest first, ids below `before_id` (0: from the newest); removed ones left out.
std::vector<v1::ArchivedCheck> ListArchivedChecks(Tx& tx, std::int64_t workspace_id,
                                                  std::int64_t before_id, int limit);

// NOT_FOUND for an unknown or removed check.
Result<v1::ArchivedCheck> GetArchivedCheck(Tx& tx, std::int64_t id);
// The workspace a check belongs to (removed or not); NOT_FOUND for an unknown id.
Result<std::int64_t> ArchivedCheckWorkspace(Tx& tx, std::int64_t id);
// NOT_FOUND when it is unknown or already removed. A mirror of the workspace's own
// claim is not removed here (the caller refuses it; reopening the claim withdraws it).
Status RemoveArchivedCheck(Tx& tx, std::int64_t workspace_id, std::int64_t id);

// Keeps the archive's mirror of the workspace's own claim as the claim now stands: there
// while it is PUBLISHED, removed when it is not. Call after any change to a claim that is
// or was published.
void MirrorOwnClaim(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id, std::int64_t user_id);

// What changed in a workspace's archive after `revision`, in revision order: what a
// match index needs to catch up.
struct ArchiveChange {
  std::int64_t id = 0;
  std::int64_t revision = 0;
  bool removed = false;
  std::string claim_reviewed;
  std::string headline;
};
std::vector<ArchiveChange> ArchiveChangesSince(Tx& tx, std::int64_t workspace_id,
                                               std::int64_t revision);

// The given checks (not removed), in the order of `ids`' first appearance.
std::vector<v1::ArchivedCheck> ArchivedChecksByIds(Tx& tx, const std::vector<std::int64_t>& ids);

// A check the matcher ranked, best first in a list.
struct ScoredCheck {
  std::int64_t id = 0;
  double score = 0;
};
// The ranked checks as matches, in order: source "claim" for a mirror of the workspace's
// own published claim, "archive" otherwise. Checks removed since are left out.
std::vector<v1::CheckMatch> MatchesOf(Tx& tx, std::span<const ScoredCheck> ranked);
// The scores as a PostgreSQL array literal ("{12.5,9.75}"), one double precision[]
// parameter beside IdArray of the ids.
std::string ScoreArray(std::span<const ScoredCheck> ranked);

}  // namespace factdesk::store
