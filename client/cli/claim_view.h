#pragma once

#include <string>

#include "client/cli/command_client.h"
#include "common/result.h"

namespace factdesk::cli {

class Table;  // output.h

// "12 IN_REVIEW v3" style one-liner used after claim mutations.
std::string ClaimLine(const v1::Claim& claim);
// "IN_REVIEW", or "RESOLVED: Mostly false" when a final verdict is set.
std::string ClaimTag(const v1::Claim& claim);

// " QUOTE CHANGED" when a segment correction took the claim's quote out of its text.
std::string QuoteChangedFlag(const v1::Claim& claim);
// The quote change's rows for `claim show`: the old quote, the text before and after.
void AddQuoteChange(const v1::Claim& claim, Table& fields);

// "economy, tax", or "(none)".
std::string TagList(const v1::Claim& claim);

// What the claim waits for now ("waiting for 1 more independent review", "an editor must
// publish it"; domain::WaitingFor), from its reviews, its workspace's policy and its open
// dispute as the server has them. Empty when nothing is left to do.
Result<std::string> WaitingForNow(CommandClient& api, const v1::Claim& claim);

// An ABORTED status with what the record looks like now, from the serialized current
// record (the v1::kCurrentRecordKey trailer). Other statuses pass through.
Status WithCurrentClaim(const Status& status, const std::string& current_bin);
Status WithCurrentNote(const Status& status, const std::string& current_bin);
Status WithCurrentReview(const Status& status, const std::string& current_bin);

// Notes as a thread: top-level notes oldest first, each followed by its replies,
// indented two spaces per level.
void PrintNotes(const google::protobuf::RepeatedPtrField<v1::Note>& notes, int indent);
// One review, with "hidden until you submit your own" for blind ones.
void PrintReviews(const google::protobuf::RepeatedPtrField<v1::Review>& reviews, int indent);
void PrintSources(const google::protobuf::RepeatedPtrField<v1::Source>& sources, int indent);

}  // namespace factdesk::cli
