#pragma once

#include <cstdint>

#include "common/result.h"
#include "domain/rating_scale.h"
#include "factdesk/v1/workspace.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> ScaleStatements();

// The workspace's current rating scale; the default scale (id 0) until an admin sets one.
Result<v1::RatingScale> CurrentScale(Tx& tx, std::int64_t workspace_id);
// A scale as stored: `labels` (JSON) under `id`; the default scale when `id` is 0.
v1::RatingScale StoredScale(std::int64_t id, const std::string& labels);
// Adds a new version of the scale and makes it current. Past verdicts are untouched.
Result<v1::RatingScale> ReplaceScale(Tx& tx, std::int64_t workspace_id,
                                     const domain::RatingScale& scale, std::int64_t created_by);

// The verdict `label` as given now: the label with the scale's current numbers.
// The caller checked the label is on the scale (domain::CheckVerdict).
v1::Verdict MakeVerdict(const v1::RatingScale& scale, const std::string& label);

domain::RatingScale ToDomainScale(const v1::RatingScale& scale);
v1::RatingScale ToProtoScale(const domain::RatingScale& scale, std::int64_t id);

}  // namespace factdesk::store
