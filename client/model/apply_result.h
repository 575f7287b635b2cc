#pragma once

#include <cstdint>
#include <optional>

#include "client/model/change.h"

namespace factdesk::model {

// What WorkspaceModel::Apply did with an event.
struct ApplyResult {
  enum class Outcome {
    // seq == last applied + 1: applied; `change` describes it.
    kApplied,
    // seq <= last applied: already applied, ignored.
    kDuplicate,
    // seq > last applied + 1: events are missing, nothing applied; resubscribe from
    // WorkspaceModel::last_seq().
    kGap,
    // The event belongs to another workspace; ignored.
    kForeign,
  };

  Outcome outcome = Outcome::kDuplicate;
  // The seq the model needs next.
  std::int64_t expected_seq = 0;
  std::optional<Change> change;

  bool applied() const { return outcome == Outcome::kApplied; }
};

const char* OutcomeName(ApplyResult::Outcome outcome);

}  // namespace factdesk::model
