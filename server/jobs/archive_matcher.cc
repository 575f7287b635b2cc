#include "server/jobs/archive_matcher.h"

#include "server/store/archive_store.h"

namespace factdesk::jobs {

ArchiveMatcher::WorkspaceIndex& ArchiveMatcher::IndexOf(std::int64_t workspace_id) {
  const std::lock_guard lock(mu_);
  auto& slot = workspaces_[workspace_id];
  if (!slot) slot = std::make_unique<WorkspaceIndex>();
  return *slot;
}

void ArchiveMatcher::CatchUpLocked(store::Tx& tx, std::int64_t workspace_id, WorkspaceIndex& ws) {
  for (const store::ArchiveChange& change :
       store::ArchiveChangesSince(tx, workspace_id, ws.revision)) {
    if (change.removed) {
      ws.index.Remove(change.id);
    } else {
      ws.index.Put(change.id, change.claim_reviewed, change.headline);
    }
    ws.revision = change.revision;
  }
}

void ArchiveMatcher::CatchUp(store::Tx& tx, std::int64_t workspace_id) {
  WorkspaceIndex& ws = IndexOf(workspace_id);
  const std::lock_guard lock(ws.mu);
  CatchUpLocked(tx, workspace_id, ws);
}

std::vector<store::ScoredCheck> ArchiveMatcher::Match(store::Tx& tx, std::int64_t workspace_id,
                                                      std::string_view text, std::size_t limit) {
  WorkspaceIndex& ws = IndexOf(workspace_id);
  std::vector<archive::MatchHit> hits;
  {
    const std::lock_guard lock(ws.mu);
    CatchUpLocked(tx, workspace_id, ws);
    hits = ws.index.Search(text, limit);
  }
  std::vector<store::ScoredCheck> ranked;
  ranked.reserve(hits.size());
  for (const archive::MatchHit& hit : hits) ranked.push_back({hit.id, hit.score});
  return ranked;
}

}  // namespace factdesk::jobs
