#pragma once

#include <string_view>

#include "factdesk/v1/live.pb.h"

// protoc gives every proto3 enum two sentinel values. A switch over EventKind has no
// `default:` (so the compiler names each kind it lacks) and lists these with it.
#define FD_EVENT_KIND_SENTINELS                                \
  case ::factdesk::v1::EventKind_INT_MIN_SENTINEL_DO_NOT_USE_: \
  case ::factdesk::v1::EventKind_INT_MAX_SENTINEL_DO_NOT_USE_

namespace factdesk::events {

// The stable name of `kind`, "<record>.<what happened>" ("source.added"): what the events
// table stores, `factdesk watch --json` prints and Event.kind_name carries. Empty for
// EVENT_KIND_UNSPECIFIED.
std::string_view KindName(v1::EventKind kind);

// The kind called `name`; EVENT_KIND_UNSPECIFIED for a name this build does not know
// (written by a newer server).
v1::EventKind KindFromName(std::string_view name);

// An event read back from the events table: `kind` from the stored name, and the name
// itself in the deprecated kind_name, which clients built before EventKind read.
void SetKindFromStoredName(v1::Event* event, std::string_view name);

// The event's kind name: KindName(kind), or for a kind this build does not know, the
// name the server sent.
std::string_view KindNameOf(const v1::Event& event);

}  // namespace factdesk::events
