#pragma once

#include "factdesk/v1/suggestion.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

// Suggestions of a transcript (issue 14): its own service rather than more ClaimService
// methods, because a suggestion is its own record with its own life (scored, accepted,
// dismissed, rescored) and the desktop's Suggested queue reads it on its own. Accepting
// marks the claim through the same code as CreateClaim (claim_marking.h).
class SuggestionService final : public v1::SuggestionService::CallbackService {
 public:
  explicit SuggestionService(Runtime& rt);
  ~SuggestionService() override;

  grpc::ServerUnaryReactor* ListSuggestions(grpc::CallbackServerContext* ctx,
                                            const v1::ListSuggestionsRequest* req,
                                            v1::ListSuggestionsResponse* resp) override;
  grpc::ServerUnaryReactor* AcceptSuggestion(grpc::CallbackServerContext* ctx,
                                             const v1::AcceptSuggestionRequest* req,
                                             v1::AcceptSuggestionResponse* resp) override;
  grpc::ServerUnaryReactor* DismissSuggestion(grpc::CallbackServerContext* ctx,
                                              const v1::DismissSuggestionRequest* req,
                                              v1::Suggestion* resp) override;
  grpc::ServerUnaryReactor* RescoreTranscript(grpc::CallbackServerContext* ctx,
                                              const v1::RescoreTranscriptRequest* req,
                                              v1::ScoringStatus* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
