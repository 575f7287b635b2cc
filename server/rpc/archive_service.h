#pragma once

#include "factdesk/v1/archive.grpc.pb.h"
#include "server/jobs/archive_matcher.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

// The workspace's archive of past checks (other fact-checkers' published checks and its
// own), and "checked before?" matching against it: for any text, and for each claim (the
// matches the claim match worker found).
class ArchiveService final : public v1::ArchiveService::CallbackService {
 public:
  // `matcher` is shared with the claim match worker.
  ArchiveService(Runtime& rt, jobs::ArchiveMatcher& matcher) : rt_(rt), matcher_(matcher) {}

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
};

}  // namespace factdesk::rpc
