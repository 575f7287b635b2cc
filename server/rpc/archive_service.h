#pragma once

#include "factdesk/v1/archive.grpc.pb.h"
#include "server/rpc/archive_matcher.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

// The workspace's archive of other fact-checkers' published checks, and "checked
// before?" matching against it.
class ArchiveService final : public v1::ArchiveService::CallbackService {
 public:
  explicit ArchiveService(Runtime& rt) : rt_(rt) {}

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

 private:
  Runtime& rt_;
  ArchiveMatcher matcher_;
};

}  // namespace factdesk::rpc
