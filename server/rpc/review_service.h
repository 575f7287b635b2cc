#pragma once

#include "factdesk/v1/review.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class ReviewService final : public v1::ReviewService::CallbackService {
 public:
  explicit ReviewService(Runtime& rt);
  ~ReviewService() override;

  grpc::ServerUnaryReactor* SubmitReview(grpc::CallbackServerContext* ctx,
                                         const v1::SubmitReviewRequest* req,
                                         v1::SubmitReviewResponse* resp) override;
  grpc::ServerUnaryReactor* ListReviews(grpc::CallbackServerContext* ctx,
                                        const v1::ListReviewsRequest* req,
                                        v1::ListReviewsResponse* resp) override;
  grpc::ServerUnaryReactor* GetDispute(grpc::CallbackServerContext* ctx,
                                       const v1::GetDisputeRequest* req,
                                       v1::Dispute* resp) override;
  grpc::ServerUnaryReactor* ListDisputes(grpc::CallbackServerContext* ctx,
                                         const v1::ListDisputesRequest* req,
                                         v1::ListDisputesResponse* resp) override;
  grpc::ServerUnaryReactor* DecideDispute(grpc::CallbackServerContext* ctx,
                                          const v1::DecideDisputeRequest* req,
                                          v1::Dispute* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
