#include "server/rpc/archive_service.h"

#include <fmt/format.h>

#include "archive/check_rules.h"
#include "domain/text_validation.h"
#include "proto/archived_check.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/archive_store.h"
#include "server/store/claim_match_store.h"
#include "server/store/claim_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

// Checks per ImportArchive call: a client sends a large feed in batches of this many.
constexpr int kMaxChecksPerImport = 1000;
constexpr int kDefaultMatches = 5;
constexpr int kMaxMatches = 50;
constexpr std::size_t kMaxMatchTextChars = 4000;

// Every check of the batch as it will be stored (url normalised), or INVALID_ARGUMENT
// naming the first bad one: "checks[3]: url: must be an http or https URL".
Result<std::vector<v1::ArchivedCheck>> ValidBatch(const v1::ImportArchiveRequest& req) {
  if (req.checks_size() == 0) return Status::InvalidArgument("checks", "must not be empty");
  if (req.checks_size() > kMaxChecksPerImport) {
    return Status::InvalidArgument(
        "checks", fmt::format("at most {} per call (got {}); send a large file in batches",
                              kMaxChecksPerImport, req.checks_size()));
  }
  std::vector<v1::ArchivedCheck> out;
  out.reserve(static_cast<std::size_t>(req.checks_size()));
  for (int i = 0; i < req.checks_size(); ++i) {
    archive::ArchivedCheck check = v1::FromProto(req.checks(i));
    if (const Status valid = archive::ValidateArchivedCheck(check); !valid.ok()) {
      return Status::InvalidArgument(fmt::format("checks[{}]", i), std::string(valid.message()));
    }
    out.push_back(v1::ToProto(check));
  }
  return out;
}

// The workspace of an archived check, with the caller allowed `action` there. A check of
// a workspace the caller is not in answers as an unknown one does (record_access.h).
Result<std::int64_t> CheckWorkspace(Tx& tx, const Call& call, std::int64_t id,
                                    domain::Action action) {
  Result<std::int64_t> ws = store::ArchivedCheckWorkspace(tx, id);
  FD_RETURN_IF_ERROR(AuthorizeRecord(tx, ws, call, action, "archived check", id).status());
  return ws;
}

}  // namespace

ArchiveService::ArchiveService(Runtime& rt, jobs::ArchiveMatcher& matcher,
                               std::function<void(std::int64_t)> imported)
    : rt_(rt), matcher_(matcher), imported_(std::move(imported)) {}
ArchiveService::~ArchiveService() = default;

grpc::ServerUnaryReactor* ArchiveService::ImportArchive(grpc::CallbackServerContext* ctx,
                                                        const v1::ImportArchiveRequest* req,
                                                        v1::ImportArchiveResponse* resp) {
  return Mutation(rt_, ctx, "ImportArchive", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("workspace_id", req->workspace_id()));
    Status imported = rt_.db.Write("ImportArchive", call.writer(), [&](Tx& tx) -> Status {
      // Authorized before the batch is validated: a stranger's batch costs nothing.
      FD_RETURN_IF_ERROR(
          Authorize(tx, req->workspace_id(), call, domain::Action::kImportChecks).status());
      FD_ASSIGN_OR_RETURN(const std::vector<v1::ArchivedCheck> checks, ValidBatch(*req));
      const store::ArchiveImportCounts counts =
          store::UpsertArchivedChecks(tx, req->workspace_id(), call.user_id(), checks);
      resp->set_created(counts.created);
      resp->set_updated(counts.updated);
      resp->set_unchanged(counts.unchanged);
      return Status::Ok();
    });
    if (imported.ok() && imported_ && resp->created() + resp->updated() > 0) {
      imported_(req->workspace_id());
    }
    return imported;
  });
}

grpc::ServerUnaryReactor* ArchiveService::ListArchive(grpc::CallbackServerContext* ctx,
                                                      const v1::ListArchiveRequest* req,
                                                      v1::ListArchiveResponse* resp) {
  return Unary(rt_, ctx, "ListArchive", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("workspace_id", req->workspace_id()));
    FD_ASSIGN_OR_RETURN(const int limit, PageSize(req->page_size()));
    FD_ASSIGN_OR_RETURN(const std::int64_t before, DecodePageToken(req->page_token()));
    return rt_.db.Read("ListArchive", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(Authorize(tx, req->workspace_id(), call, domain::Action::kRead).status());
      auto list = store::ListArchivedChecks(tx, req->workspace_id(), before, limit + 1);
      const bool more = static_cast<int>(list.size()) > limit;
      if (more) list.pop_back();
      for (auto& c : list) *resp->add_checks() = std::move(c);
      if (more) resp->set_next_page_token(EncodePageToken(resp->checks().rbegin()->id()));
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* ArchiveService::GetArchivedCheck(grpc::CallbackServerContext* ctx,
                                                           const v1::GetArchivedCheckRequest* req,
                                                           v1::ArchivedCheck* resp) {
  return Unary(rt_, ctx, "GetArchivedCheck", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("id", req->id()));
    return rt_.db.Read("GetArchivedCheck", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(CheckWorkspace(tx, call, req->id(), domain::Action::kRead).status());
      FD_ASSIGN_OR_RETURN(*resp, store::GetArchivedCheck(tx, req->id()));
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* ArchiveService::RemoveArchivedCheck(
    grpc::CallbackServerContext* ctx, const v1::RemoveArchivedCheckRequest* req,
    v1::RemoveArchivedCheckResponse* resp) {
  return Mutation(rt_, ctx, "RemoveArchivedCheck", req, resp, [this, req](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("id", req->id()));
    return rt_.db.Write("RemoveArchivedCheck", call.writer(), [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const std::int64_t ws,
                          CheckWorkspace(tx, call, req->id(), domain::Action::kRemoveCheck));
      FD_ASSIGN_OR_RETURN(const v1::ArchivedCheck check, store::GetArchivedCheck(tx, req->id()));
      if (check.claim_id() != 0) {
        return Status::FailedPrecondition(fmt::format(
            "archived check {} is this workspace's own published claim {}; reopen the claim "
            "to withdraw it",
            req->id(), check.claim_id()));
      }
      return store::RemoveArchivedCheck(tx, ws, req->id());
    });
  });
}

grpc::ServerUnaryReactor* ArchiveService::MatchChecks(grpc::CallbackServerContext* ctx,
                                                      const v1::MatchChecksRequest* req,
                                                      v1::MatchChecksResponse* resp) {
  return Unary(rt_, ctx, "MatchChecks", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("workspace_id", req->workspace_id()));
    FD_RETURN_IF_ERROR(domain::ValidateText("text", req->text(), kMaxMatchTextChars, true));
    if (req->limit() < 0 || req->limit() > kMaxMatches) {
      return Status::InvalidArgument(
          "limit", fmt::format("must be between 1 and {} (got {})", kMaxMatches, req->limit()));
    }
    const int limit = req->limit() == 0 ? kDefaultMatches : req->limit();
    return rt_.db.Read("MatchChecks", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(Authorize(tx, req->workspace_id(), call, domain::Action::kRead).status());
      const std::vector<store::ScoredCheck> ranked =
          matcher_.Match(tx, req->workspace_id(), req->text(), static_cast<std::size_t>(limit));
      for (v1::CheckMatch& m : store::MatchesOf(tx, ranked)) *resp->add_matches() = std::move(m);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* ArchiveService::ListClaimMatches(grpc::CallbackServerContext* ctx,
                                                           const v1::ListClaimMatchesRequest* req,
                                                           v1::ListClaimMatchesResponse* resp) {
  return Unary(rt_, ctx, "ListClaimMatches", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("claim_id", req->claim_id()));
    return rt_.db.Read("ListClaimMatches", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeClaim(tx, call, domain::Action::kRead, req->claim_id()).status());
      const store::ClaimMatchList found = store::ClaimMatches(tx, req->claim_id());
      resp->set_matched(found.matched);
      for (v1::CheckMatch& m : store::MatchesOf(tx, found.matches)) {
        *resp->add_matches() = std::move(m);
      }
      return Status::Ok();
    });
  });
}

}  // namespace factdesk::rpc
