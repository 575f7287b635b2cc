#pragma once

#include <string>

#include "client/ui/colors.h"
#include "factdesk/v1/archive.pb.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/workspace.pb.h"
#include "proto/labels.h"

namespace factdesk::ui {

// How a claim looks: its colour follows its state, and once it has a final verdict,
// the verdict (true-ish green, false-ish red, middling amber, off-scale violet).
Rgba StatusColor(v1::ClaimStatus status);
// A verdict's colour from where its value sits between worst and best.
Rgba VerdictColor(const v1::Verdict& verdict);
// An archived check's verdict: by its numbers when it has all three, else off the scale.
Rgba CheckVerdictColor(const v1::ArchivedCheck& check);
// A scale label's colour (for the verdict charts, which only have labels).
Rgba LabelColor(const std::string& label, const v1::RatingScale& scale);
Rgba ClaimColor(const v1::Claim& claim);
// The opaque fill behind a claim's text in the reader; a claim nested in another one
// (depth > 1) is drawn stronger.
Rgba HighlightFill(const v1::Claim& claim, int depth = 1);
Rgba HighlightFillFor(Rgba claim_color, int depth = 1);
// A source's stance: supports green, refutes red, context dim.
Rgba StanceColor(v1::Stance stance);

}  // namespace factdesk::ui
