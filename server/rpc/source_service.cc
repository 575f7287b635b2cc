#include "server/rpc/source_service.h"

#include "proto/workflow_requests.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/claim_mutation.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/claim_store.h"
#include "server/store/source_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

// The source a checked request describes.
v1::Source SourceOf(const v1::AddSourceRequest& req) {
  v1::Source s;
  s.set_claim_id(req.claim_id());
  s.set_url(req.url());
  s.set_archived_url(req.archived_url());
  s.set_title(req.title());
  s.set_publisher(req.publisher());
  s.set_excerpt(req.excerpt());
  s.set_stance(req.stance());
  s.set_primary(req.primary());
  return s;
}

}  // namespace

SourceService::SourceService(Runtime& rt) : rt_(rt) {}
SourceService::~SourceService() = default;

grpc::ServerUnaryReactor* SourceService::AddSource(grpc::CallbackServerContext* ctx,
                                                   const v1::AddSourceRequest* req,
                                                   v1::Source* resp) {
  return Mutation(rt_, ctx, "AddSource", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::AddSourceRequest checked, v1::CheckedRequest(*req));
    const v1::Source source = SourceOf(checked);
    v1::Claim claim;
    return MutateClaim(
        rt_, call, req->claim_id(), -1, domain::Action::kAddSource,
        [&](ClaimContext& c) -> Result<v1::Event> {
          FD_ASSIGN_OR_RETURN(
              *resp, store::InsertSource(c.tx, c.claim.workspace_id(), source, call.user_id()));
          c.now = c.claim;
          c.now->set_source_count(c.claim.source_count() + 1);
          v1::Event event = NewEvent(v1::EVENT_KIND_SOURCE_ADDED);
          *event.mutable_source() = *resp;
          return event;
        },
        &claim);
  });
}

grpc::ServerUnaryReactor* SourceService::ListSources(grpc::CallbackServerContext* ctx,
                                                     const v1::ListSourcesRequest* req,
                                                     v1::ListSourcesResponse* resp) {
  return Unary(rt_, ctx, "ListSources", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("ListSources", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeClaim(tx, call, domain::Action::kRead, req->claim_id()).status());
      FD_ASSIGN_OR_RETURN(auto sources,
                          store::ListSources(tx, req->claim_id(), req->include_removed()));
      for (auto& s : sources) *resp->add_sources() = std::move(s);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* SourceService::RemoveSource(grpc::CallbackServerContext* ctx,
                                                      const v1::RemoveSourceRequest* req,
                                                      v1::Source* resp) {
  return Mutation(rt_, ctx, "RemoveSource", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    // The source names its claim; the claim's lock and state rules then apply.
    std::int64_t claim_id = 0;
    FD_RETURN_IF_ERROR(rt_.db.Read("RemoveSource", [&](Tx& tx) -> Status {
      const Result<v1::Source> s = store::GetSource(tx, req->source_id());
      FD_RETURN_IF_ERROR(AuthorizeRecord(tx, WorkspaceOf(s), call, domain::Action::kRead, "source",
                                         req->source_id())
                             .status());
      claim_id = s->claim_id();
      return Status::Ok();
    }));
    v1::Claim claim;
    return MutateClaim(
        rt_, call, claim_id, -1, domain::Action::kRemoveSource,
        [&](ClaimContext& c) -> Result<v1::Event> {
          FD_ASSIGN_OR_RETURN(*resp,
                              store::MarkSourceRemoved(c.tx, req->source_id(), call.user_id()));
          v1::Event event = NewEvent(v1::EVENT_KIND_SOURCE_REMOVED);
          *event.mutable_source() = *resp;
          return event;
        },
        &claim);
  });
}

}  // namespace factdesk::rpc
