#pragma once

#include "factdesk/v1/workspace.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class WorkspaceService final : public v1::WorkspaceService::CallbackService {
 public:
  explicit WorkspaceService(Runtime& rt);
  ~WorkspaceService() override;

  grpc::ServerUnaryReactor* WhoAmI(grpc::CallbackServerContext* ctx, const v1::WhoAmIRequest* req,
                                   v1::WhoAmIResponse* resp) override;
  grpc::ServerUnaryReactor* ListWorkspaces(grpc::CallbackServerContext* ctx,
                                           const v1::ListWorkspacesRequest* req,
                                           v1::ListWorkspacesResponse* resp) override;
  grpc::ServerUnaryReactor* GetWorkspace(grpc::CallbackServerContext* ctx,
                                         const v1::GetWorkspaceRequest* req,
                                         v1::Workspace* resp) override;
  grpc::ServerUnaryReactor* ListMembers(grpc::CallbackServerContext* ctx,
                                        const v1::ListMembersRequest* req,
                                        v1::ListMembersResponse* resp) override;
  grpc::ServerUnaryReactor* SetMember(grpc::CallbackServerContext* ctx,
                                      const v1::SetMemberRequest* req, v1::Member* resp) override;
  grpc::ServerUnaryReactor* RemoveMember(grpc::CallbackServerContext* ctx,
                                         const v1::RemoveMemberRequest* req,
                                         v1::RemoveMemberResponse* resp) override;
  grpc::ServerUnaryReactor* UpdatePolicy(grpc::CallbackServerContext* ctx,
                                         const v1::UpdatePolicyRequest* req,
                                         v1::Workspace* resp) override;
  grpc::ServerUnaryReactor* SetRatingScale(grpc::CallbackServerContext* ctx,
                                           const v1::SetRatingScaleRequest* req,
                                           v1::Workspace* resp) override;
  grpc::ServerUnaryReactor* UpdatePublisher(grpc::CallbackServerContext* ctx,
                                            const v1::UpdatePublisherRequest* req,
                                            v1::Workspace* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
