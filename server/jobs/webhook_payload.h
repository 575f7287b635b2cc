#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "factdesk/v1/live.pb.h"
#include "factdesk/v1/webhook.pb.h"
#include "server/store/db.h"

// What a delivery's body says. Built once, when the delivery is queued, and stored: every
// attempt sends the same bytes, so a receiver sees one event one way however often it
// arrives. The README's Webhooks section shows an example.
namespace factdesk::jobs {

// {"id", "event", "kind", "seq", "occurred_at", "workspace", "actor", "claim",
//  "claim_review"}: the claim as the event left it (ProtoJSON, snake_case) and its
// schema.org ClaimReview from the export code (null unless the claim is PUBLISHED and the
// workspace has a publisher).
Result<std::string> EventBody(store::Tx& tx, const v1::Event& event, std::string_view name,
                              const std::string& uid);

// The body of a test delivery: {"id", "event": "ping", "webhook", "workspace", "sent_by"}.
Result<std::string> PingBody(store::Tx& tx, const v1::Webhook& hook, const v1::User& by,
                             const std::string& uid);

}  // namespace factdesk::jobs
