#pragma once

#include <cstdint>
#include <functional>

#include "factdesk/v1/archive.grpc.pb.h"
#include "server/jobs/archive_matcher.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

// The workspace's archive of past checks (other fact-checkers' published checks and its
// own), and "checked before?" matching against it: for any text, and for each claim (the
// matches the claim match worker found).
class ArchiveService final : public v1::ArchiveService::CallbackService {
 public:
  // `matcher` is shared with the claim match worker; `imported` is told the workspace after
  // an import commits (the worker warms its index).
  ArchiveService(Runtime& rt, jobs::ArchiveMatcher& matcher,
                 std::function<void(std::int64_t)> imported = {});
  ~ArchiveService() override;

  grpc::ServerUnaryReactor* ImportArchive(grpc::CallbackServerContext* ctx,
                                          const v1::ImportArchiveRequest* req,
                                          v1::ImportArchiveResponse* resp) override;
  grpc::ServerUnaryReactor* ListArchive(grpc::CallbackServerContext* ctx,
                                        const v1::ListArchiveRequest* req,
                                        v1::ListArchiveResponse* resp) override;
  grpc::ServerUnaryReactor* GetArchivedCheck(grpc::CallbackServerContext* ctx,
                                             const v1::GetArchivedCheckRequest* req,
                                             v1::ArchivedCheck* resp) override;
  grpc::ServerUnaryReactor* RemoveArchivedCheck(grpc::CallbackServerContext* ctx,
                                                const v1::RemoveArchivedCheckRequest* req,
                                                v1::RemoveArchivedCheckResponse* resp) override;
  grpc::ServerUnaryReactor* MatchChecks(grpc::CallbackServerContext* ctx,
                                        const v1::MatchChecksRequest* req,
                                        v1::MatchChecksResponse* resp) override;
  grpc::ServerUnaryReactor* ListClaimMatches(grpc::CallbackServerContext* ctx,
                                             const v1::ListClaimMatchesRequest* req,
                                             v1::ListClaimMatchesResponse* resp) override;

 private:
  Runtime& rt_;
  jobs::ArchiveMatcher& matcher_;
  const std::function<void(std::int64_t)> imported_;
};

}  // namespace factdesk::rpc
