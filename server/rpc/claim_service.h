#pragma once

#include <functional>

#include "factdesk/v1/claim.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class ClaimService final : public v1::ClaimService::CallbackService {
 public:
  // `claim_queued` is called after a claim was queued for matching against the archive (a
  // new claim, a changed summary), to wake the match worker.
  explicit ClaimService(Runtime& rt, std::function<void()> claim_queued = {});
  ~ClaimService() override;

  grpc::ServerUnaryReactor* CreateClaim(grpc::CallbackServerContext* ctx,
                                        const v1::CreateClaimRequest* req,
                                        v1::Claim* resp) override;
  grpc::ServerUnaryReactor* GetClaim(grpc::CallbackServerContext* ctx,
                                     const v1::GetClaimRequest* req, v1::Claim* resp) override;
  grpc::ServerUnaryReactor* ListClaims(grpc::CallbackServerContext* ctx,
                                       const v1::ListClaimsRequest* req,
                                       v1::ListClaimsResponse* resp) override;
  grpc::ServerUnaryReactor* UpdateClaim(grpc::CallbackServerContext* ctx,
                                        const v1::UpdateClaimRequest* req,
                                        v1::Claim* resp) override;
  grpc::ServerUnaryReactor* AssignClaim(grpc::CallbackServerContext* ctx,
                                        const v1::AssignClaimRequest* req,
                                        v1::Claim* resp) override;
  grpc::ServerUnaryReactor* TakeClaim(grpc::CallbackServerContext* ctx,
                                      const v1::TakeClaimRequest* req, v1::Claim* resp) override;
  grpc::ServerUnaryReactor* DismissClaim(grpc::CallbackServerContext* ctx,
                                         const v1::DismissClaimRequest* req,
                                         v1::Claim* resp) override;
  grpc::ServerUnaryReactor* ReopenClaim(grpc::CallbackServerContext* ctx,
                                        const v1::ReopenClaimRequest* req,
                                        v1::Claim* resp) override;
  grpc::ServerUnaryReactor* PublishClaim(grpc::CallbackServerContext* ctx,
                                         const v1::PublishClaimRequest* req,
                                         v1::Claim* resp) override;
  grpc::ServerUnaryReactor* CorrectClaim(grpc::CallbackServerContext* ctx,
                                         const v1::CorrectClaimRequest* req,
                                         v1::Claim* resp) override;
  grpc::ServerUnaryReactor* GetClaimHistory(grpc::CallbackServerContext* ctx,
                                            const v1::GetClaimHistoryRequest* req,
                                            v1::GetClaimHistoryResponse* resp) override;
  grpc::ServerUnaryReactor* TagClaim(grpc::CallbackServerContext* ctx,
                                     const v1::TagClaimRequest* req, v1::Claim* resp) override;
  grpc::ServerUnaryReactor* UntagClaim(grpc::CallbackServerContext* ctx,
                                       const v1::UntagClaimRequest* req, v1::Claim* resp) override;
  grpc::ServerUnaryReactor* SearchClaims(grpc::CallbackServerContext* ctx,
                                         const v1::SearchClaimsRequest* req,
                                         v1::SearchClaimsResponse* resp) override;
  // claim_link_handlers.cc
  grpc::ServerUnaryReactor* LinkClaim(grpc::CallbackServerContext* ctx,
                                      const v1::LinkClaimRequest* req, v1::Claim* resp) override;
  grpc::ServerUnaryReactor* UnlinkClaim(grpc::CallbackServerContext* ctx,
                                        const v1::UnlinkClaimRequest* req,
                                        v1::Claim* resp) override;
  // claim_reanchor_handler.cc
  grpc::ServerUnaryReactor* ReanchorClaim(grpc::CallbackServerContext* ctx,
                                          const v1::ReanchorClaimRequest* req,
                                          v1::Claim* resp) override;

 private:
  void ClaimQueued() const {
    if (claim_queued_) claim_queued_();
  }

  Runtime& rt_;
  const std::function<void()> claim_queued_;
};

}  // namespace factdesk::rpc
