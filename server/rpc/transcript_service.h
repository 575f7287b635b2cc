#pragma once

#include "factdesk/v1/transcript.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class TranscriptService final : public v1::TranscriptService::CallbackService {
 public:
  explicit TranscriptService(Runtime& rt);
  ~TranscriptService() override;

  grpc::ServerUnaryReactor* ImportTranscript(grpc::CallbackServerContext* ctx,
                                             const v1::ImportTranscriptRequest* req,
                                             v1::ImportTranscriptResponse* resp) override;
  grpc::ServerUnaryReactor* ListTranscripts(grpc::CallbackServerContext* ctx,
                                            const v1::ListTranscriptsRequest* req,
                                            v1::ListTranscriptsResponse* resp) override;
  grpc::ServerUnaryReactor* GetTranscript(grpc::CallbackServerContext* ctx,
                                          const v1::GetTranscriptRequest* req,
                                          v1::Transcript* resp) override;
  grpc::ServerUnaryReactor* ListSegments(grpc::CallbackServerContext* ctx,
                                         const v1::ListSegmentsRequest* req,
                                         v1::ListSegmentsResponse* resp) override;
  grpc::ServerUnaryReactor* SearchSegments(grpc::CallbackServerContext* ctx,
                                           const v1::SearchSegmentsRequest* req,
                                           v1::SearchSegmentsResponse* resp) override;

  // Live transcripts (live_transcript_handlers.cc, segment_correction_handlers.cc).
  grpc::ServerUnaryReactor* OpenLiveTranscript(grpc::CallbackServerContext* ctx,
                                               const v1::OpenLiveTranscriptRequest* req,
                                               v1::Transcript* resp) override;
  grpc::ServerUnaryReactor* AppendSegments(grpc::CallbackServerContext* ctx,
                                           const v1::AppendSegmentsRequest* req,
                                           v1::AppendSegmentsResponse* resp) override;
  grpc::ServerUnaryReactor* CloseTranscript(grpc::CallbackServerContext* ctx,
                                            const v1::CloseTranscriptRequest* req,
                                            v1::Transcript* resp) override;
  grpc::ServerUnaryReactor* CorrectSegment(grpc::CallbackServerContext* ctx,
                                           const v1::CorrectSegmentRequest* req,
                                           v1::CorrectSegmentResponse* resp) override;
  grpc::ServerUnaryReactor* GetSegmentHistory(grpc::CallbackServerContext* ctx,
                                              const v1::GetSegmentHistoryRequest* req,
                                              v1::GetSegmentHistoryResponse* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
