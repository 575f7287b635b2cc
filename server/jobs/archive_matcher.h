#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "archive/match_index.h"
#include "server/store/archive_store.h"
#include "server/store/db.h"

namespace factdesk::jobs {

// Each workspace's archive as an in-memory match index (archive/match_index.h), built on
// the first search and caught up with the table before each one: rows past the revision
// it holds are applied (one indexed query; nothing when nothing changed). So every
// replica answers from what PostgreSQL holds, without events or a shared cache.
class ArchiveMatcher {
 public:
  // The best `limit` checks for `text`, best first (ids and scores).
  std::vector<store::ScoredCheck> Match(store::Tx& tx, std::int64_t workspace_id,
                                        std::string_view text, std::size_t limit);
  // Applies what changed since the index last caught up: after a large import, so that the
  // next match (a member waiting) does not pay for it.
  void CatchUp(store::Tx& tx, std::int64_t workspace_id);

 private:
  struct WorkspaceIndex {
    std::mutex mu;  // one catch-up and search at a time per workspace
    archive::MatchIndex index;
    std::int64_t revision = 0;
  };
  WorkspaceIndex& IndexOf(std::int64_t workspace_id);
  static void CatchUpLocked(store::Tx& tx, std::int64_t workspace_id, WorkspaceIndex& ws);

  std::mutex mu_;
  std::unordered_map<std::int64_t, std::unique_ptr<WorkspaceIndex>> workspaces_;
};

}  // namespace factdesk::jobs
