#pragma once

#include "factdesk/v1/note.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class NoteService final : public v1::NoteService::CallbackService {
 public:
  explicit NoteService(Runtime& rt);
  ~NoteService() override;

  grpc::ServerUnaryReactor* AddNote(grpc::CallbackServerContext* ctx, const v1::AddNoteRequest* req,
                                    v1::Note* resp) override;
  grpc::ServerUnaryReactor* ListNotes(grpc::CallbackServerContext* ctx,
                                      const v1::ListNotesRequest* req,
                                      v1::ListNotesResponse* resp) override;
  grpc::ServerUnaryReactor* EditNote(grpc::CallbackServerContext* ctx,
                                     const v1::EditNoteRequest* req, v1::Note* resp) override;
  grpc::ServerUnaryReactor* RemoveNote(grpc::CallbackServerContext* ctx,
                                       const v1::RemoveNoteRequest* req, v1::Note* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
