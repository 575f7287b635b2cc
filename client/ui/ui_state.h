#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "client/ui/claim_filter.h"
#include "client/ui/claim_search_request.h"
#include "client/ui/glyph_coverage.h"
#include "client/ui/scroll_anchor.h"
#include "client/ui/text_layout.h"

namespace factdesk::ui {

// The views' own state: what is selected and open, scroll positions, and the drafts of
// everything the user is typing. It lives on the UI thread beside the model; remote
// changes never write here, which is how they never overwrite what someone is typing.

enum class Tab { kReader, kDashboard, kDisputes, kSuggested, kClaims };

// A text selection inside one segment (byte offsets on code point boundaries).
struct TextSelection {
  std::int64_t segment_id = 0;
  std::size_t anchor = 0;
  std::size_t caret = 0;
  bool dragging = false;
  std::size_t start() const { return std::min(anchor, caret); }
  std::size_t end() const { return std::max(anchor, caret); }
  bool empty() const { return segment_id == 0 || anchor == caret; }
  void Clear() { *this = {}; }
};

// Everything typed for one claim, kept until sent (or discarded).
struct ClaimDraft {
  // The summary as being edited; `summary_dirty` once the user changed it, and the
  // claim version it was based on.
  std::string summary;
  bool summary_dirty = false;
  std::int64_t summary_base_version = 0;
  std::string claimant;
  bool claimant_dirty = false;
  std::int64_t claimant_base_version = 0;
  std::string note;
  // A tag being typed in the inspector's tag row.
  std::string tag;
  std::int64_t reply_to = 0;
  std::string reply;
  // Review: index into the rating scale (-1: none chosen), rationale, confidence 1..3.
  int verdict_index = -1;
  std::string rationale;
  int confidence = 2;
  bool review_seeded = false;
  // Add-source form.
  std::string source_url;
  std::string source_title;
  std::string source_publisher;
  std::string source_excerpt;
  int source_stance = 1;
  bool source_primary = false;
  // Reason for dismissing, reopening or correcting.
  std::string reason;
  int dismiss_reason = 3;
  // A duplicate's original: one of the claim's matches (an archived check) or a claim id.
  std::int64_t duplicate_check_id = 0;
  int duplicate_claim_id = 0;
  // A correction: the new summary (empty keeps it) and verdict (-1 keeps it).
  std::string correction_summary;
  int correction_verdict = -1;
};

// Screen rectangles of a few controls as drawn last frame: for the floating "Mark
// claim" button's placement and for tests that click them.
enum class Control {
  kMarkButton,
  kSummaryInput,
  kNoteInput,
  kNoteSubmit,
  kSearchInput,
  kFilterButton,
  kFilterMine,
  kFilterText,
  kFirstDispute,
  kDecideReasoning,
  kDecideButton,
  kFirstUnsourcedClaim,
  kChangesBadge,
  kReviewSubmit,
  kMarkWholeWords,
  kMarkAsSelected,
  kSameClaimButton,  // the inspector's first "checked before" match
  kTagInput,
  kTagAdd,
  kFilterTag,
  kFirstTagRow,
  kSuggestionsToggle,
  kFirstSuggestion,    // the Suggested queue's first row
  kOnlyCheckedBefore,  // the Suggested queue's "only checked before" filter
  kSuggestionAccept,   // the open suggestion card's buttons (queue row or reader popup)
  kSuggestionDismiss,  // "Dismiss..." (opens the reason popup)
  kSuggestionReason,
  kSuggestionDismissConfirm,
  kNewSegmentsPill,
  kReanchorButton,
  kClaimsTab,
  kClaimSearchInput,
  kClaimSearchOpenState,  // the Claims tab's "Open" state checkbox
  kClaimSearchTag,
  kFirstClaimHit,
  kClaimSearchMore,
  kHelpButton,  // the top bar's last control
  kCount
};

// A reader row laid out last frame (only visible rows).
struct VisibleRow {
  std::int64_t segment_id = 0;
  std::int32_t ordinal = 0;
  // Screen position of the text's top-left corner.
  float text_x = 0;
  float text_y = 0;
  TextLayout layout;
};

struct ConnectForm {
  std::string address = "127.0.0.1:7420";
  std::string token;
  bool tls = false;
  std::string ca_file;
};

struct UiState {
  Tab tab = Tab::kReader;
  bool help_open = false;
  bool changes_open = false;
  std::int64_t transcript_id = 0;
  // The claim open in the inspector (0: closed).
  std::int64_t claim_id = 0;
  TextSelection selection;
  // The selection asked to be marked starts or ends inside a word: ask before marking.
  bool confirm_mark = false;
  // Scroll position per transcript.
  std::map<std::int64_t, ScrollAnchor> anchors;
  // Bring this row into view on the next frame (J/K, search hits, dashboard rows).
  std::optional<std::int32_t> scroll_to_ordinal;

  bool search_open = false;
  bool focus_search = false;
  std::string search_query;
  int search_index = -1;
  // The Claims tab: what it searches for, and a request to focus its field.
  ClaimSearchSpec claim_search;
  bool focus_claim_search = false;
  // Which claims the reader highlights and J/K visits; the bar that edits it.
  ClaimFilterSpec filter;
  bool filter_open = false;

  std::map<std::int64_t, ClaimDraft> drafts;

  // Suggestions: the reader's faint underline (S), the one picked (queue, click,
  // Shift+J/K), whether its card is open over the reader, and a dismissal's reason.
  bool show_suggestions = false;
  // The Suggested queue shows only sentences an earlier check may answer.
  bool only_checked_before = false;
  std::int64_t suggestion_id = 0;
  bool suggestion_card = false;
  std::string suggestion_reason;

  std::int64_t dispute_claim_id = 0;
  std::string decide_verdict;
  std::string decide_reasoning;

  ConnectForm connect;
  std::string import_path;
  std::string import_title;
  std::string import_speaker;
  std::string import_title_for;
  // Seeded with the importer's guess once the file parsed, then the user's.
  std::string import_language;
  std::string import_language_for;

  // What the reader showed last frame, for presence ("reading segment S").
  std::int64_t top_segment_id = 0;
  std::int32_t top_ordinal = 0;
  // The last controller navigation request followed.
  std::uint64_t navigate_seen = 0;
  // Whether a text field has keyboard focus (letter shortcuts are off then).
  bool typing = false;
  // A view moves by itself (drag auto-scroll): the next frame should come soon, not
  // when the next event does. Set during the frame, cleared at its start.
  bool animating = false;
  std::vector<VisibleRow> visible_rows;
  // The characters the views showed that the font atlas may lack (the desktop grows it).
  GlyphCoverage glyphs;
  std::array<std::optional<Rect>, static_cast<std::size_t>(Control::kCount)> controls{};

  ClaimDraft& DraftFor(std::int64_t claim_id) { return drafts[claim_id]; }
  std::optional<Rect> ControlRect(Control c) const { return controls[static_cast<std::size_t>(c)]; }
  void SetControlRect(Control c, const Rect& r) { controls[static_cast<std::size_t>(c)] = r; }
};

}  // namespace factdesk::ui
