#pragma once

#include <chrono>
#include <string>

#include "server/store/webhook_store.h"

// One attempt at a delivery: a signed POST with libcurl, bounded by timeouts.
namespace factdesk::jobs {

struct WebhookHttpOptions {
  std::chrono::milliseconds connect_timeout{5000};
  // The whole attempt, connect to last byte; keep it well under the lease.
  std::chrono::milliseconds timeout{10000};
  // Refuse to connect to loopback and private addresses unless set: checked on the
  // address actually connected to, so a public name that resolves to one is refused too.
  bool allow_private = false;
};

// POSTs the delivery's body with its id, event, timestamp and signature headers.
// Redirects are not followed (a 3xx is a failure). Delivered on a 2xx.
store::AttemptOutcome PostDelivery(const store::DueDelivery& delivery,
                                   const WebhookHttpOptions& options);

// Once per process, before any thread sends.
void InitHttp();

}  // namespace factdesk::jobs
