#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <imgui.h>

#include "client/ui/height_cache.h"
#include "client/ui/view_context.h"

namespace factdesk::ui {

// One frame of the reader and one row of it, shared by the phases of Draw (defined in
// reader_view.cc).
struct ReaderFrame;
struct ReaderRow;

// The transcript reader: one virtualised list of segments. Only the rows in view are
// laid out and drawn (ImDrawList, so the reader knows where every byte lands); their
// heights live in a HeightCache and the scroll position is held as an anchor (top row +
// offset), so rows measured or changed above the viewport never move the text.
// Mouse drag (or Shift+arrows) selects text in a segment; Ctrl+M or the floating
// button marks it. Claims are highlighted by state and verdict; others' presence shows
// as dots in the gutter; search hits are tinted.
class ReaderView {
 public:
  void Draw(ViewContext& ctx, ImVec2 size);

  // The screen point in the middle of the code point starting at `byte` of a segment
  // drawn last frame (for tests driving the mouse and the floating button).
  static std::optional<ImVec2> PointOfByte(const UiState& state, const model::WorkspaceModel& model,
                                           std::int64_t segment_id, std::size_t byte);

  // Shift+arrows: place the caret, move it (Ctrl: by word) or extend the selection.
  static void KeyboardSelection(ViewContext& ctx);

  // Rows measured in the open transcript (for tests and the benchmark).
  std::size_t measured_rows() const;

 private:
  struct PerTranscript {
    HeightCache heights;
    // The scroll position ImGui should be at, as set last frame (a difference means the
    // user scrolled).
    double expected_scroll = -1;
    // Where background measuring continues.
    std::int32_t measure_cursor = 0;
    // Segments whose characters were reported to UiState::glyphs.
    std::unordered_set<std::int64_t> glyphs_noted;
    // Live transcripts: the rows drawn last frame, whether the view was at the bottom
    // then (it follows new rows), and the rows there were when it last was (the pill
    // counts the rest).
    bool drawn = false;
    std::size_t drawn_rows = 0;
    bool at_bottom = false;
    std::size_t rows_seen = 0;
  };

  // The phases of Draw (reader_view.cc): lay out the rows and the scroll position, then
  // per row lay out, paint each layer and handle the mouse, then the drag's end.
  static void LayOut(ViewContext& ctx, ReaderFrame& f, PerTranscript& pt);
  static void FollowScroll(ViewContext& ctx, ReaderFrame& f, PerTranscript& pt);
  static void MeasureRowsInView(const model::WorkspaceModel& model, const ReaderFrame& f,
                                PerTranscript& pt);
  static void MeasureInBackground(const model::WorkspaceModel& model, const ReaderFrame& f,
                                  PerTranscript& pt);
  static void SettleScroll(ReaderFrame& f, PerTranscript& pt);
  // A live transcript grew: at the bottom the view follows; scrolled up it stays put.
  static void FollowNewRows(const ViewContext& ctx, ReaderFrame& f, PerTranscript& pt);
  static void NoteBottom(const ReaderFrame& f, PerTranscript& pt);
  static void DrawNewRowsPill(ViewContext& ctx, const ReaderFrame& f, const PerTranscript& pt);
  // Tooltips: a suggestion's reasons, a corrected segment's history.
  static void HoverRow(ViewContext& ctx, const ReaderFrame& f, const ReaderRow& row);
  void DrawRows(ViewContext& ctx, ReaderFrame& f, PerTranscript& pt);
  static ReaderRow LayOutRow(const ReaderFrame& f, PerTranscript& pt, std::size_t r,
                             const v1::Segment& seg, float y);
  void HandleRowMouse(UiState& st, const ReaderFrame& f, const ReaderRow& row);
  void FinishDrag(ViewContext& ctx);
  static void DrawSearchBar(ViewContext& ctx);

  std::map<std::int64_t, PerTranscript> transcripts_;
  std::int64_t drawn_transcript_ = 0;
  std::int64_t press_claim_ = 0;
  // Where a click opened a suggestion's card.
  ImVec2 card_at_;
  // Where the mouse went down: a drag snaps to words from here.
  std::size_t press_byte_ = 0;
};

}  // namespace factdesk::ui
