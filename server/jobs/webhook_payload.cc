#include "server/jobs/webhook_payload.h"

#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include "events/event_kind.h"
#include "export/exporter.h"
#include "export/formatting.h"
#include "server/store/account_store.h"
#include "server/store/claim_store.h"
#include "server/store/export_store.h"
#include "server/store/review_store.h"
#include "server/store/source_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::jobs {
namespace {

using json = nlohmann::json;

json ProtoJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string text;
  if (!google::protobuf::util::MessageToJsonString(message, &text, options).ok()) return nullptr;
  return json::parse(text, nullptr, /*allow_exceptions=*/false);
}

json WorkspaceJson(const v1::Workspace& ws) {
  return {{"id", ws.id()}, {"slug", ws.slug()}, {"name", ws.name()}};
}

json UserJson(const v1::User& user) {
  return {{"id", user.id()}, {"handle", user.handle()}, {"display_name", user.display_name()}};
}

// The claim's record as the exports read it (segment, transcript, sources, reviews,
// corrections, the editor's decision).
Result<exporting::ClaimRecord> LoadRecord(store::Tx& tx, const v1::Claim& claim) {
  const std::vector<std::int64_t> ids = {claim.id()};
  FD_ASSIGN_OR_RETURN(auto segments, store::SegmentsById(tx, {claim.segment_id()}));
  FD_ASSIGN_OR_RETURN(auto sources, store::ActiveSourcesOf(tx, ids));
  FD_ASSIGN_OR_RETURN(auto reviews, store::ReviewsOf(tx, ids));
  FD_ASSIGN_OR_RETURN(auto corrections, store::CorrectionsOf(tx, ids));
  FD_ASSIGN_OR_RETURN(auto decisions, store::DecisionsOf(tx, ids));
  exporting::ClaimRecord record;
  FD_ASSIGN_OR_RETURN(record.transcript, store::GetTranscript(tx, claim.transcript_id()));
  record.transcript.clear_speakers();
  record.segment = segments[claim.segment_id()];
  record.sources = std::move(sources[claim.id()]);
  record.reviews = std::move(reviews[claim.id()]);
  record.corrections = std::move(corrections[claim.id()]);
  record.decision_reasoning = std::move(decisions[claim.id()]);
  record.claim = claim;
  return record;
}

// The claim's ClaimReview, by the exporter `factdesk export claimreview` uses; null when
// that export would leave it out (not published) or refuse (no publisher).
Result<json> ClaimReviewJson(store::Tx& tx, const v1::Workspace& ws, const v1::Claim& claim) {
  if (ws.publisher().name().empty() || ws.publisher().claim_url_prefix().empty() ||
      !exporting::IsPublished(claim)) {
    return json(nullptr);
  }
  FD_ASSIGN_OR_RETURN(const exporting::ClaimRecord record, LoadRecord(tx, claim));
  FD_ASSIGN_OR_RETURN(auto exporter, exporting::MakeClaimExporter(v1::EXPORT_FORMAT_CLAIMREVIEW));
  exporting::ExportContext context;
  context.workspace = ws;
  std::string text;
  const exporting::Sink sink = [&](std::string_view bytes) { text.append(bytes); };
  exporter->Begin(context, sink);
  exporter->Add(record, sink);
  exporter->End(sink);
  const json all = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!all.is_array() || all.empty()) return json(nullptr);
  return all[0];
}

}  // namespace

Result<std::string> EventBody(store::Tx& tx, const v1::Event& event, std::string_view name,
                              const std::string& uid) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, store::GetWorkspace(tx, event.workspace_id(), 0));
  v1::Claim claim = event.claim();
  if (!event.has_claim() && event.claim_id() != 0) {
    FD_ASSIGN_OR_RETURN(claim, store::GetClaim(tx, event.claim_id()));
  }
  FD_ASSIGN_OR_RETURN(json review, ClaimReviewJson(tx, ws, claim));
  // A verdict leaves the desk only with publication (a resolved claim reopened keeps its
  // internal verdict out of the body).
  if (!exporting::IsPublished(claim)) claim.clear_final_verdict();
  json body = {{"id", uid},
               {"event", name},
               {"kind", events::KindNameOf(event)},
               {"seq", event.seq()},
               {"occurred_at", exporting::IsoDateTime(event.time())},
               {"workspace", WorkspaceJson(ws)},
               {"actor", UserJson(event.actor())},
               {"claim", ProtoJson(claim)},
               {"claim_review", std::move(review)}};
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::string> PingBody(store::Tx& tx, const v1::Webhook& hook, const v1::User& by,
                             const std::string& uid) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, store::GetWorkspace(tx, hook.workspace_id(), 0));
  json body = {{"id", uid},
               {"event", "ping"},
               {"webhook",
                {{"id", hook.id()},
                 {"url", hook.url()},
                 {"events", std::vector<std::string>(hook.events().begin(), hook.events().end())}}},
               {"workspace", WorkspaceJson(ws)},
               {"sent_by", UserJson(by)}};
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace factdesk::jobs
