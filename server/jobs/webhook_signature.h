#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

// How a webhook body is signed, the scheme GitHub and Stripe use: HMAC-SHA256 with the
// hook's secret over "TIMESTAMP.BODY", sent as "t=TIMESTAMP,v1=HEX". The timestamp is
// inside the signature, so a receiver that refuses old timestamps refuses replays.
namespace factdesk::jobs {

inline constexpr char kSignatureHeader[] = "Factdesk-Signature";
inline constexpr char kTimestampHeader[] = "Factdesk-Timestamp";
inline constexpr char kDeliveryHeader[] = "Factdesk-Delivery";
inline constexpr char kEventHeader[] = "Factdesk-Event";

// Lowercase hex HMAC-SHA256 of `timestamp` "." `body` under `secret`.
std::string WebhookSignature(std::string_view secret, std::int64_t timestamp,
                             std::string_view body);
// The Factdesk-Signature header's value: "t=1767225600,v1=5f0c...".
std::string SignatureHeaderValue(std::string_view secret, std::int64_t timestamp,
                                 std::string_view body);
// A new secret: "whsec_" and 64 hex digits (256 random bits).
Result<std::string> NewWebhookSecret();

}  // namespace factdesk::jobs
