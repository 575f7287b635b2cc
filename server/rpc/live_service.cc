#include "server/rpc/live_service.h"

#include <fmt/format.h>
#include <google/protobuf/util/time_util.h>

#include "proto/enum_text.h"
#include "server/live/hub.h"
#include "server/live/presence.h"
#include "server/live/subscription_stream.h"
#include "server/rpc/authorize.h"
#include "server/rpc/blind_view.h"
#include "server/rpc/call.h"
#include "server/rpc/request_checks.h"
#include "server/store/event_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

}  // namespace

LiveService::LiveService(Runtime& rt) : rt_(rt) {}
LiveService::~LiveService() = default;

grpc::ServerWriteReactor<grpc::ByteBuffer>* LiveService::Subscribe(grpc::CallbackServerContext* ctx,
                                                                   const grpc::ByteBuffer* req) {
  // Everything from ctx and the request is read now: setup runs later, on a worker thread.
  v1::SubscribeRequest request;
  grpc::ByteBuffer bytes(*req);  // Deserialize consumes its buffer; this copy shares the slices
  const bool parsed =
      grpc::SerializationTraits<v1::SubscribeRequest>::Deserialize(&bytes, &request).ok();
  auto setup = [this, request, parsed, credentials = ReadCredentials(ctx),
                request_id = TakeRequestId(ctx)]() -> Result<live::StreamConfig> {
    FD_ASSIGN_OR_RETURN(const Call call, AuthenticateCall(rt_, credentials, request_id));
    if (!parsed) {
      return Status::InvalidArgument("request", "not a SubscribeRequest message");
    }
    FD_RETURN_IF_ERROR(CheckRequest(request));
    live::StreamConfig config;
    config.workspace_id = request.workspace_id();
    config.after_seq = request.after_seq();
    config.user = call.user().handle();
    config.request_id = request_id;
    config.token_id = call.token().id();
    config.token_expires = ExpiryOf(call.token());
    domain::BlindReader::Standing standing;
    // Membership, role and the blind rule are judged as of this transaction, for the
    // whole history the stream replays (domain/blind_reader.h).
    FD_RETURN_IF_ERROR(rt_.db.Read("Subscribe", [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const domain::Role role,
                          Authorize(tx, request.workspace_id(), call, domain::Action::kRead));
      FD_ASSIGN_OR_RETURN(config.last_seq, store::LastSeq(tx, request.workspace_id()));
      standing = ReadStanding(tx, request.workspace_id(), call.user_id(), role, config.last_seq);
      return Status::Ok();
    }));
    if (request.after_seq() > config.last_seq) {
      return Status(Code::kOutOfRange,
                    fmt::format("after_seq {} is past the workspace's newest event ({}); "
                                "subscribe from 0 to rebuild your copy",
                                request.after_seq(), config.last_seq));
    }
    config.view = StreamView(call.user_id(), std::move(standing));
    return config;
  };
  return live::SubscriptionStream::Create(*rt_.hub, ctx, std::move(setup));
}

grpc::ServerUnaryReactor* LiveService::UpdatePresence(grpc::CallbackServerContext* ctx,
                                                      const v1::UpdatePresenceRequest* req,
                                                      v1::UpdatePresenceResponse* /*resp*/) {
  return Unary(rt_, ctx, "UpdatePresence", [this, req](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    // Each update is a NOTIFY to every replica and a message to every subscriber.
    auto& limiter = rt_.hub->presence_limiter();
    if (const auto wait = limiter.Take(call.user_id(), live::RateLimiter::Clock::now())) {
      return Status::ResourceExhausted(
          fmt::format("presence updates are limited to {:g} per second per user; retry in {} ms",
                      limiter.options().per_second, wait->count()));
    }
    v1::Presence presence;
    *presence.mutable_user() = call.user();
    presence.set_session_id(req->session_id());
    presence.set_transcript_id(req->transcript_id());
    presence.set_segment_id(req->segment_id());
    presence.set_claim_id(req->claim_id());
    presence.set_activity(req->activity() == v1::ACTIVITY_UNSPECIFIED ? v1::ACTIVITY_IDLE
                                                                      : req->activity());
    presence.set_online(!req->leaving());
    *presence.mutable_updated_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
    // Unsequenced: it goes to every replica on its own channel, not into the event log.
    return rt_.db.Write("UpdatePresence", call.writer(), [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(Authorize(tx, req->workspace_id(), call, domain::Action::kRead).status());
      tx.Exec("live.notify_presence", live::EncodePresence(req->workspace_id(), presence));
      return Status::Ok();
    });
  });
}

}  // namespace factdesk::rpc
