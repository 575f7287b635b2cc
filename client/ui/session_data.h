#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "client/model/change.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/dashboard.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/transcript.pb.h"
#include "factdesk/v1/workspace.pb.h"

namespace factdesk::ui {

// What the views show besides the workspace replica: the connection, lists fetched on
// demand (dashboard, disputes, history, search), conflicts and notices. Written by the
// controller on the UI thread, read by the views.

struct ConnectionInfo {
  enum class Phase {
    kSignedOut,     // the connect screen
    kConnecting,    // WhoAmI + ListWorkspaces in flight
    kPicking,       // signed in, choosing a workspace
    kLoading,       // loading the workspace
    kLive,          // following the stream
    kReconnecting,  // the stream dropped; retrying
    kFailed,        // the stream gave up (error says why)
  };
  Phase phase = Phase::kSignedOut;
  std::string address;
  // The connection uses TLS (asked for, or found out for a bare host:port).
  bool tls = false;
  v1::User user;
  // Failed stream attempts since the last good one.
  int attempts = 0;
  std::string error;
  // Last event seq applied, and the newest the server reported.
  std::int64_t last_seq = 0;
  std::int64_t server_seq = 0;
  // Round trip of the last WhoAmI ping; negative before the first.
  double rtt_ms = -1;
  bool live() const { return phase == Phase::kLive || phase == Phase::kReconnecting; }
};

// The importer's preview of a file, made locally before anything is sent.
struct ImportPreview {
  bool open = false;
  bool parsing = false;
  bool sending = false;
  std::string path;
  std::string title;
  // Empty when the file parsed; else the importer's message (with byte offset or line).
  std::string error;
  // Why the server refused the last Import (the file can be sent again once fixed).
  std::string send_error;
  std::string format;
  std::vector<std::string> speakers;
  int segment_count = 0;
  std::int64_t byte_size = 0;
  // Speech nobody is named as saying, what the importer says of it, and whether the
  // server refuses the file until a speaker is named (import/attribution.h).
  int unattributed = 0;
  std::string unattributed_note;
  bool needs_speaker = false;
  // The importer's guess of the text's language (import/transcript_language.h) and why.
  std::string language;
  std::string language_why;
  struct Row {
    std::string speaker;
    std::string kind;
    std::string text;
    std::optional<std::int64_t> start_ms;
  };
  std::vector<Row> first_segments;
};

// A summary edit the server refused as stale (ABORTED): the other person's text and
// the version to retry against.
struct SummaryConflict {
  std::string their_text;
  std::string their_author;
  std::string my_text;
  std::int64_t current_version = 0;
};

struct SearchResults {
  std::string query;
  bool loading = false;
  std::string error;
  std::vector<v1::SearchHit> hits;
  int total = 0;
};

// The Claims tab's search: the hits of the last search, best first, page after page.
struct ClaimSearchResults {
  // Bumped by each new search: pages of an older one are dropped.
  std::uint64_t serial = 0;
  bool loading = false;
  // The server's refusal as it words it (a bad query, an unknown verdict, ...).
  std::string error;
  std::vector<v1::ClaimSearchHit> hits;
  int total = 0;
  // Non-empty when the server has another page.
  std::string next_page_token;
  // The request the hits answer (its query is empty before the first search), for
  // "more".
  v1::SearchClaimsRequest request;

  // A new search, or another workspace: nothing yet, and pages of the one before are
  // dropped when they come.
  void Restart() {
    const std::uint64_t next = serial + 1;
    *this = {};
    serial = next;
  }
};

struct Notice {
  enum class Level { kInfo, kError };
  std::uint64_t id = 0;
  Level level = Level::kInfo;
  std::string text;
  std::chrono::steady_clock::time_point at;
};

struct SessionData {
  ConnectionInfo connection;
  std::string connect_error;
  std::vector<v1::Workspace> workspaces;
  // The open transcript and how far its segments are fetched.
  std::int64_t transcript_id = 0;
  bool segments_complete = false;

  std::optional<v1::Dashboard> dashboard;
  bool dashboard_loading = false;
  std::vector<v1::Dispute> disputes;
  bool disputes_loading = false;
  std::map<std::int64_t, v1::Dispute> dispute_details;            // by claim id
  std::map<std::int64_t, std::vector<v1::HistoryEntry>> history;  // by claim id
  std::map<std::int64_t, SummaryConflict> conflicts;              // by claim id
  SearchResults search;
  ClaimSearchResults claim_search;
  ImportPreview import;

  // Remote changes, newest last (the badge's list).
  std::deque<model::Change> recent_changes;
  std::deque<Notice> notices;
  // RPCs in flight (a spinner in the status bar).
  int pending = 0;
  // Where the controller asks the views to go (the claim just marked, the transcript
  // just imported): the main view follows each request once (by serial).
  std::uint64_t navigate_serial = 0;
  std::int64_t navigate_claim = 0;
  std::int64_t navigate_transcript = 0;
};

}  // namespace factdesk::ui
