#pragma once

#include "factdesk/v1/archive.pb.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/note.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/source.pb.h"
#include "factdesk/v1/suggestion.pb.h"
#include "factdesk/v1/token.pb.h"
#include "factdesk/v1/transcript.pb.h"
#include "factdesk/v1/workspace.pb.h"

namespace factdesk::client {

// The requests of the RPCs that change something: each call of one carries a fresh
// idempotency key (v1::kIdempotencyKey), sent again by its retries, so a retry after a
// lost answer cannot apply the change twice. (UpdatePresence is a heartbeat, not a change.)
template <typename Req>
inline constexpr bool kIsMutation = false;

template <>
inline constexpr bool kIsMutation<v1::CreateClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::UpdateClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::AssignClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::TakeClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::TagClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::UntagClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::DismissClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::ReopenClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::PublishClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::CorrectClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::AddNoteRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::EditNoteRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::RemoveNoteRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::SubmitReviewRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::DecideDisputeRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::AddSourceRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::RemoveSourceRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::RevokeTokenRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::ImportTranscriptRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::SetMemberRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::RemoveMemberRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::UpdatePolicyRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::SetRatingScaleRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::UpdatePublisherRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::LinkClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::UnlinkClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::ReanchorClaimRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::ImportArchiveRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::RemoveArchivedCheckRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::AcceptSuggestionRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::DismissSuggestionRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::OpenLiveTranscriptRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::AppendSegmentsRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::CloseTranscriptRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::CorrectSegmentRequest> = true;
template <>
inline constexpr bool kIsMutation<v1::RescoreTranscriptRequest> = true;

}  // namespace factdesk::client
