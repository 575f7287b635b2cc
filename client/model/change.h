#pragma once

#include <cstdint>
#include <string>

#include "factdesk/v1/live.pb.h"

namespace factdesk::model {

// What one applied event changed, described for the views (toasts, badges, highlights).
struct Change {
  // The record the event is about.
  enum class Subject {
    kOther,
    kWorkspace,
    kMember,
    kTranscript,
    kClaim,
    kSource,
    kNote,
    kReview,
    kDispute
  };
  enum class What { kCreated, kUpdated, kRemoved };

  Subject subject = Subject::kOther;
  What what = What::kUpdated;
  v1::EventKind kind = v1::EVENT_KIND_UNSPECIFIED;
  // What happened in people's words, actor first: "Ben Okafor added a source: Police
  // annual report (refutes)" (events::DescribeEvent, as the event reached this client).
  std::string description;
  std::int64_t seq = 0;
  // The id of the subject record (the user id for members).
  std::int64_t record_id = 0;
  // Where it happened, when known (0 otherwise).
  std::int64_t claim_id = 0;
  std::int64_t transcript_id = 0;
  std::int64_t segment_id = 0;
  std::int64_t actor_id = 0;
  std::string actor_handle;
  // Made by the local user (any of their sessions).
  bool by_self = false;
  // Part of the history the client already had when it loaded the workspace
  // (seq <= the loaded workspace's last_seq): not counted as unseen.
  bool replayed = false;
};

const char* SubjectName(Change::Subject subject);
const char* WhatName(Change::What what);

}  // namespace factdesk::model
