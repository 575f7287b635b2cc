#include "client/ui/reader_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <unordered_map>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/claim_style.h"
#include "client/ui/filter_bar.h"
#include "client/ui/highlight_legend.h"
#include "client/ui/highlight_spans.h"
#include "client/ui/imgui_text_measure.h"
#include "client/ui/keys.h"
#include "client/ui/mark_confirm.h"
#include "client/ui/selection_actions.h"
#include "client/ui/suggestion_card.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "client/ui/word_bounds.h"
#include "proto/labels.h"

namespace factdesk::ui {

// One frame of the reader, shared by the phases of Draw: the font, the view's geometry,
// where it scrolls to, the mouse over it and the overlays by segment.
struct ReaderFrame {
  ReaderFrame(const UiState& st, const v1::Transcript& t, ImFont* f, float size)
      : transcript_id(t.id()),
        font(f),
        fs(size),
        measure(f, size),
        rows(static_cast<std::size_t>(std::max(0, t.segment_count()))),
        selected_claim(st.claim_id),
        no_filter(st.filter.empty()) {}

  std::int64_t transcript_id;
  ImFont* font;
  float fs;
  ImGuiTextMeasure measure;
  std::size_t rows;
  std::int64_t selected_claim;
  bool no_filter;
  // The view: its top-left corner on screen, its size, where text starts and wraps.
  ImVec2 win;
  float view_w = 0;
  float view_h = 0;
  float text_x0 = 0;
  float wrap = 0;
  // Where the view is: the anchor, ImGui's scroll as the frame began, the scroll the
  // frame draws at, its largest value, and the content height.
  ScrollAnchor* anchor = nullptr;
  double current = 0;
  double scroll = 0;
  double max_scroll = 0;
  double total = 0;
  // The user (wheel, scrollbar) or a jump (J/K, a search hit) moved the view this frame.
  bool moved = false;
  // The mouse, through the invisible button that covers the view.
  bool pressed = false;
  int clicks = 0;      // 2 on a double-click, 3 on a triple-click
  bool exact = false;  // Alt: a drag selects exactly, without snapping to words
  bool held = false;
  bool released = false;
  bool hovered = false;
  ImVec2 mouse;
  // Others' presence and this transcript's search hits, by segment.
  std::unordered_multimap<std::int64_t, const v1::Presence*> present;
  std::unordered_map<std::int64_t, const v1::SearchHit*> hits;
  std::int64_t current_hit = 0;
  // The bottom-right corner of the selection as painted (where the Mark button goes).
  std::optional<ImVec2> selection_end;
};

// One segment's row as it is drawn this frame.
struct ReaderRow {
  ReaderRow(const v1::Segment& segment, float top) : seg(segment), y(top) {}

  const v1::Segment& seg;
  VisibleRow visible;
  float y = 0;       // top of the row on screen
  float height = 0;  // laid out this frame
  float text_x = 0;  // left edge of the text (the header starts at the frame's text_x0)
  // Claim highlights, so a click on one opens the claim.
  std::vector<HighlightSpan> spans;
  // Where "corrected" is drawn (its hover shows the segment's history).
  std::optional<Rect> corrected_tag;

  const std::string& text() const { return seg.text(); }
  ImVec2 TextOrigin() const { return {text_x, visible.text_y}; }
};

namespace {

// Row geometry, in multiples of the font size.
constexpr float kPadTop = 0.35F;
constexpr float kPadBottom = 0.45F;
constexpr float kHeader = 1.2F;
constexpr float kGutter = 2.2F;
constexpr float kRightMargin = 1.0F;
// The "cue" and "caption" tags beside such segments, at this fraction of the text size.
constexpr float kTagScale = 0.75F;
// Unmeasured rows measured per frame in the background, so the scrollbar settles.
constexpr int kMeasureBudget = 200;

bool HasHeader(const v1::Segment& s) {
  return s.kind() == v1::SEGMENT_KIND_SPEECH && (!s.speaker().empty() || s.has_start_ms());
}

const char* TagOf(const v1::Segment& s) {
  return s.kind() == v1::SEGMENT_KIND_CUE ? "cue" : "caption";
}

// Cues and captions start past their tag (measured, so no tag is drawn over the text).
float TextIndent(const v1::Segment& s, const ReaderFrame& f) {
  if (s.kind() == v1::SEGMENT_KIND_SPEECH) return 0.0F;
  return f.font->CalcTextSizeA(f.fs * kTagScale, FLT_MAX, 0, "caption").x + f.fs * 0.6F;
}

std::uint64_t Fingerprint(const v1::Segment& s) {
  return Fnv1a(s.text()) ^ (static_cast<std::uint64_t>(s.kind()) << 56U);
}

// A row's height; with `layout`, also where its lines break.
float MeasureRow(const v1::Segment& segment, const ReaderFrame& f, TextLayout* layout) {
  const float text_wrap = std::max(f.fs * 4, f.wrap - TextIndent(segment, f));
  float lines = 0;
  if (layout != nullptr) {
    *layout = LayoutText(segment.text(), text_wrap, f.measure);
    lines = static_cast<float>(layout->lines.size());
  } else {
    lines = static_cast<float>(CountLines(segment.text(), text_wrap, f.measure));
  }
  return std::floor(f.fs * (kPadTop + kPadBottom + (HasHeader(segment) ? kHeader : 0.0F)) +
                    lines * f.measure.LineHeight());
}

// Measures row `r` unless its measurement still holds for this segment and text.
void EnsureMeasured(HeightCache& heights, std::size_t r, const v1::Segment& s,
                    const ReaderFrame& f) {
  const std::uint64_t fingerprint = Fingerprint(s);
  if (!heights.IsMeasured(r, s.id(), fingerprint)) {
    heights.SetMeasured(r, s.id(), fingerprint, MeasureRow(s, f, nullptr));
  }
}

// The next (delta 1) or previous (-1) search hit, brought into view.
void StepSearchHit(UiState& st, const SearchResults& sr, int delta) {
  if (sr.hits.empty()) return;
  const int n = static_cast<int>(sr.hits.size());
  st.search_index =
      ((st.search_index < 0 ? (delta > 0 ? -1 : 0) : st.search_index) + delta + n) % n;
  st.scroll_to_ordinal = sr.hits[static_cast<std::size_t>(st.search_index)].segment().ordinal();
}

// "searching...", the error, "no matches" or "3 of 12".
void SearchStatus(const UiState& st, const SearchResults& sr) {
  if (sr.loading) {
    ImGui::TextDisabled("searching...");
  } else if (!sr.error.empty()) {
    ColoredText(palette::kBad, sr.error);
  } else if (sr.query.empty()) {
    return;
  } else if (sr.hits.empty()) {
    ImGui::TextDisabled("no matches");
  } else {
    ImGui::TextDisabled("%d of %d%s", st.search_index + 1, static_cast<int>(sr.hits.size()),
                        sr.total > static_cast<int>(sr.hits.size()) ? "+" : "");
  }
}

void DrawNoTranscript(const model::WorkspaceModel& model, ImVec2 size) {
  ImGui::BeginChild("##reader-empty", size);
  ImGui::TextDisabled(model.Transcripts().empty()
                          ? "No transcripts yet. Drop a file on the window to import one."
                          : "Pick a transcript above.");
  ImGui::EndChild();
}

// The reader's scrolling child window, and the frame's geometry inside it.
void BeginView(ReaderFrame& f, ImVec2 size) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ToVec4(palette::kReaderBg));
  ImGui::BeginChild("##reader", size, false,
                    ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoMove);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  f.win = ImGui::GetWindowPos();
  f.view_w = ImGui::GetWindowContentRegionMax().x;
  f.view_h = ImGui::GetWindowHeight();
  f.text_x0 = kGutter * f.fs;
  f.wrap = std::max(f.fs * 6, f.view_w - f.text_x0 - kRightMargin * f.fs);
}

// The content height, for the scrollbar.
void EndView(const ReaderFrame& f) {
  ImGui::SetCursorPos(ImVec2(0, static_cast<float>(f.total)));
  ImGui::Dummy(ImVec2(0, 0));
  ImGui::EndChild();
}

// The whole view is one invisible button: press, drag and release select text.
void ReadMouse(ReaderFrame& f) {
  ImGui::SetCursorPos(ImVec2(0, static_cast<float>(f.current)));
  ImGui::InvisibleButton("##text", ImVec2(std::max(1.0F, f.view_w), std::max(1.0F, f.view_h)));
  ImGui::SetItemAllowOverlap();
  f.pressed = ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  f.clicks = f.pressed ? ImGui::GetMouseClickedCount(ImGuiMouseButton_Left) : 0;
  f.exact = ImGui::GetIO().KeyAlt;
  f.held = ImGui::IsItemActive();
  f.released = ImGui::IsItemDeactivated();
  f.hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  f.mouse = ImGui::GetIO().MousePos;
}

// Others' presence for the gutter, and the search hits to tint.
void CollectOverlays(const ViewContext& ctx, ReaderFrame& f) {
  for (const v1::Presence* p : ctx.model.PresentInTranscript(f.transcript_id)) {
    if (p->segment_id() != 0) f.present.emplace(p->segment_id(), p);
  }
  const auto& hits = ctx.session.search.hits;
  for (const auto& hit : hits) f.hits.emplace(hit.segment().id(), &hit);
  const int index = ctx.state.search_index;
  f.current_hit = index >= 0 && index < static_cast<int>(hits.size())
                      ? hits[static_cast<std::size_t>(index)].segment().id()
                      : 0;
}

// --- Painting a row, back to front ---------------------------------------------------

void FillRects(ImDrawList* draw, const std::vector<Rect>& rects, ImVec2 origin, ImU32 color) {
  for (const Rect& rc : rects) {
    draw->AddRectFilled(ImVec2(origin.x + rc.x0, origin.y + rc.y0),
                        ImVec2(origin.x + rc.x1, origin.y + rc.y1), color);
  }
}

std::vector<Rect> RowRects(const ReaderFrame& f, const ReaderRow& row, std::size_t start,
                           std::size_t end) {
  return RangeRects(row.text(), row.visible.layout, start, end, f.measure);
}

void PaintLoading(ImDrawList* draw, const ReaderFrame& f, float y) {
  draw->AddText(ImVec2(f.win.x + f.text_x0, y + f.fs * kPadTop), ToU32(palette::kDimText),
                "loading...");
}

// The search hit stepped to is tinted across the whole row.
void PaintCurrentHit(ImDrawList* draw, const ReaderFrame& f, const ReaderRow& row) {
  if (row.seg.id() != f.current_hit) return;
  draw->AddRectFilled(ImVec2(f.win.x + f.text_x0 - f.fs * 0.4F, row.y),
                      ImVec2(f.win.x + f.view_w, row.y + row.height),
                      ToU32(Mix(palette::kSearchHit, palette::kReaderBg, 0.35F)));
}

// Speaker and start time above a speech segment.
void PaintHeader(ImDrawList* draw, const ReaderFrame& f, const ReaderRow& row) {
  if (!HasHeader(row.seg)) return;
  const float y = row.y + f.fs * kPadTop;
  float x = f.win.x + f.text_x0;
  const std::string& speaker = row.seg.speaker();
  if (!speaker.empty()) {
    draw->AddText(ImVec2(x, y), ToU32(SpeakerColor(speaker)), speaker.c_str());
    x += f.font->CalcTextSizeA(f.fs, 1e9F, 0, speaker.c_str()).x + f.fs * 0.8F;
  }
  if (row.seg.has_start_ms()) {
    const std::string t = FormatTimestamp(row.seg.start_ms());
    draw->AddText(ImVec2(x, y), ToU32(palette::kDimText), t.c_str());
  }
}

// The terms a search hit matched in this segment.
void PaintSearchTerms(ImDrawList* draw, const ReaderFrame& f, const ReaderRow& row) {
  const auto h = f.hits.find(row.seg.id());
  if (h == f.hits.end()) return;
  for (const auto& [a, b] : FindTerms(row.text(), MatchedTerms(h->second->snippet()))) {
    FillRects(draw, RowRects(f, row, a, b), row.TextOrigin(), ToU32(palette::kSearchHit));
  }
}

// The byte ranges of the claims the filter lets through.
std::vector<ClaimRange> ClaimRanges(const std::vector<const v1::Claim*>& claims,
                                    const ClaimFilterSpec& filter, bool no_filter) {
  std::vector<ClaimRange> ranges;
  ranges.reserve(claims.size());
  for (const v1::Claim* c : claims) {
    // Filtered out: not highlighted (the open claim keeps its outline).
    if (!no_filter && !MatchesFilter(filter, *c)) continue;
    ranges.push_back({c->id(), static_cast<std::size_t>(std::max(0, c->start_byte())),
                      static_cast<std::size_t>(std::max(0, c->end_byte()))});
  }
  return ranges;
}

// Claims filled by state and verdict (the shortest on top where they overlap), then the
// open claim's outline.
void PaintClaims(const ViewContext& ctx, ImDrawList* draw, const ReaderFrame& f, ReaderRow& row) {
  const auto claims = ctx.model.ClaimsOfSegment(row.seg.id());
  if (claims.empty()) return;
  row.spans = ComputeHighlightSpans(row.text(), ClaimRanges(claims, ctx.state.filter, f.no_filter));
  for (const HighlightSpan& span : row.spans) {
    const v1::Claim* c = ctx.model.FindClaim(span.top_claim);
    if (c == nullptr) continue;
    FillRects(draw, RowRects(f, row, span.start, span.end), row.TextOrigin(),
              ToU32(HighlightFill(*c, span.depth)));
  }
  for (const v1::Claim* c : claims) {
    // A correction took the quote out of the text: outlined in red until marked again.
    if (c->has_quote_change() && (f.no_filter || MatchesFilter(ctx.state.filter, *c))) {
      const ImVec2 o = row.TextOrigin();
      for (const Rect& rc : RowRects(f, row, static_cast<std::size_t>(c->start_byte()),
                                     static_cast<std::size_t>(c->end_byte()))) {
        draw->AddRect(ImVec2(o.x + rc.x0 - 1, o.y + rc.y0), ImVec2(o.x + rc.x1 + 1, o.y + rc.y1),
                      ToU32(palette::kBad), 0.0F, 0, 1.5F);
      }
    }
  }
  for (const v1::Claim* c : claims) {
    if (c->id() != f.selected_claim) continue;
    const ImVec2 o = row.TextOrigin();
    for (const Rect& rc : RowRects(f, row, static_cast<std::size_t>(c->start_byte()),
                                   static_cast<std::size_t>(c->end_byte()))) {
      draw->AddRect(ImVec2(o.x + rc.x0 - 1, o.y + rc.y0), ImVec2(o.x + rc.x1 + 1, o.y + rc.y1),
                    ToU32(ClaimColor(*c)), 2.0F, 0, 2.0F);
    }
  }
}

// The text selection, remembering where it ends for the Mark button.
void PaintSelection(const TextSelection& sel, ImDrawList* draw, ReaderFrame& f,
                    const ReaderRow& row) {
  if (sel.segment_id != row.seg.id() || sel.empty()) return;
  const auto rects = RowRects(f, row, sel.start(), sel.end());
  const ImVec2 o = row.TextOrigin();
  FillRects(draw, rects, o, ToU32(palette::kSelection.WithAlpha(150)));
  if (!rects.empty()) f.selection_end = ImVec2(o.x + rects.back().x1, o.y + rects.back().y1);
}

// The caret, where Shift+arrows extend the selection from.
void PaintCaret(const TextSelection& sel, ImDrawList* draw, const ReaderFrame& f,
                const ReaderRow& row) {
  if (sel.segment_id != row.seg.id() || sel.dragging) return;
  const TextLayout& layout = row.visible.layout;
  const std::size_t caret = std::min(sel.caret, row.text().size());
  const std::size_t line = LineOfByte(layout, caret);
  const float x = row.text_x + XOfByte(row.text(), layout, line, caret, f.measure);
  const float y0 = row.visible.text_y + static_cast<float>(line) * layout.line_height;
  draw->AddLine(ImVec2(x, y0), ImVec2(x, y0 + layout.line_height), ToU32(palette::kText), 1.5F);
}

// The lines of text on top, and a tag beside a cue or caption.
void PaintText(ImDrawList* draw, const ReaderFrame& f, const ReaderRow& row) {
  const bool speech = row.seg.kind() == v1::SEGMENT_KIND_SPEECH;
  const ImU32 color = ToU32(speech ? palette::kText : palette::kCueText);
  const std::string& text = row.text();
  float y = row.visible.text_y;
  for (const LineSpan& line : row.visible.layout.lines) {
    if (line.end > line.begin) {
      draw->AddText(f.font, f.fs, ImVec2(row.text_x, y), color, text.data() + line.begin,
                    text.data() + line.end);
    }
    y += row.visible.layout.line_height;
  }
  if (speech) return;
  draw->AddText(f.font, f.fs * kTagScale,
                ImVec2(f.win.x + f.text_x0, row.visible.text_y + f.fs * 0.15F),
                ToU32(palette::kDimText), TagOf(row.seg));
}

// The gutter: who else is reading here.
void PaintPresence(ImDrawList* draw, const ReaderFrame& f, const ReaderRow& row) {
  float x = f.win.x + f.fs * 0.75F;
  const auto [begin, end] = f.present.equal_range(row.seg.id());
  for (auto it = begin; it != end && x < f.win.x + f.text_x0; ++it) {
    const v1::User& u = it->second->user();
    PresenceDot(draw, ImVec2(x, row.y + f.fs * (kPadTop + 0.5F)), f.fs * 0.5F,
                SpeakerColor(u.handle()), Initials(v1::NameOf(u)));
    x += f.fs * 0.6F;
  }
}

// The scorer's suggestions as a faint underline (the picked one stronger and tinted).
void PaintSuggestions(const ViewContext& ctx, ImDrawList* draw, const ReaderFrame& f,
                      const ReaderRow& row) {
  if (!ctx.state.show_suggestions) return;
  const ImVec2 o = row.TextOrigin();
  for (const v1::Suggestion* s : ctx.model.suggestions().OfSegment(row.seg.id())) {
    const bool picked = s->id() == ctx.state.suggestion_id;
    const auto rects = RowRects(f, row, static_cast<std::size_t>(std::max(0, s->start_byte())),
                                static_cast<std::size_t>(std::max(0, s->end_byte())));
    if (picked) FillRects(draw, rects, o, ToU32(palette::kWarn.WithAlpha(40)));
    // Fainter for the sentences the scorer ranks low, so the worth-checking ones stand out.
    const auto alpha = static_cast<std::uint8_t>(picked ? 230 : 50 + 150 * s->score());
    for (const Rect& rc : rects) {
      draw->AddLine(ImVec2(o.x + rc.x0, o.y + rc.y1 - 1), ImVec2(o.x + rc.x1, o.y + rc.y1 - 1),
                    ToU32(palette::kWarn.WithAlpha(alpha)), picked ? 2.0F : 1.0F);
    }
  }
}

// "corrected" at the row's top right, for a segment whose text a correction changed;
// where it is drawn, for the hover.
std::optional<Rect> PaintCorrected(ImDrawList* draw, const ReaderFrame& f, const ReaderRow& row) {
  if (row.seg.revision() <= 0) return std::nullopt;
  const char* tag = "corrected";
  const ImVec2 size = f.font->CalcTextSizeA(f.fs * kTagScale, FLT_MAX, 0, tag);
  const float x = f.win.x + f.view_w - size.x - f.fs * kRightMargin;
  const float y = row.y + f.fs * kPadTop * 0.5F;
  draw->AddText(f.font, f.fs * kTagScale, ImVec2(x, y), ToU32(palette::kWarn), tag);
  return Rect{x, y, x + size.x, y + size.y};
}

void PaintRow(const ViewContext& ctx, ImDrawList* draw, ReaderFrame& f, ReaderRow& row) {
  const TextSelection& sel = ctx.state.selection;
  PaintCurrentHit(draw, f, row);
  PaintHeader(draw, f, row);
  row.corrected_tag = PaintCorrected(draw, f, row);
  PaintSearchTerms(draw, f, row);
  PaintSuggestions(ctx, draw, f, row);
  PaintClaims(ctx, draw, f, row);
  PaintSelection(sel, draw, f, row);
  PaintCaret(sel, draw, f, row);
  PaintText(draw, f, row);
  PaintPresence(draw, f, row);
}

// --- Input after the rows --------------------------------------------------------------

// Near or past the top or bottom edge, the view scrolls (faster the further out), so a
// segment taller than the window can be selected in one drag.
void EdgeScroll(UiState& st, const ReaderFrame& f, const HeightCache& heights) {
  const float edge = f.fs * 1.5F;
  const float top = f.win.y + edge;
  const float bottom = f.win.y + f.view_h - edge;
  const float beyond = f.mouse.y < top      ? f.mouse.y - top
                       : f.mouse.y > bottom ? f.mouse.y - bottom
                                            : 0.0F;
  if (beyond == 0.0F) return;
  const double step = std::clamp(beyond * 0.5F, -f.fs * 3, f.fs * 3);
  *f.anchor = AnchorAt(heights, std::clamp(f.scroll + step, 0.0, f.max_scroll));
  st.animating = true;
}

// A drag beyond the rows on screen clamps the caret to its segment's start or end; the
// view scrolls only while the segment is on screen (beyond it the selection cannot grow).
void DragOutsideRows(ViewContext& ctx, const ReaderFrame& f, const HeightCache& heights) {
  UiState& st = ctx.state;
  const bool visible =
      std::any_of(st.visible_rows.begin(), st.visible_rows.end(),
                  [&](const VisibleRow& v) { return v.segment_id == st.selection.segment_id; });
  if (visible) {
    EdgeScroll(st, f, heights);
  } else if (const v1::Segment* s = ctx.model.FindSegment(st.selection.segment_id)) {
    st.selection.caret = f.mouse.y < f.win.y ? 0 : s->text().size();
  }
}

// The floating "Mark claim" button beside a finished selection.
void DrawMarkButton(ViewContext& ctx, const ReaderFrame& f) {
  UiState& st = ctx.state;
  if (!f.selection_end || st.selection.dragging) return;
  const v1::Segment* s = ctx.model.FindSegment(st.selection.segment_id);
  if (s == nullptr || !MarkFromSelection(st.selection, *s) ||
      ctx.model.my_role() < v1::ROLE_CHECKER) {
    return;
  }
  ImGui::SetCursorScreenPos(ImVec2(std::min(f.selection_end->x + 4, f.win.x + f.view_w - f.fs * 8),
                                   f.selection_end->y + 2));
  if (ImGui::SmallButton("Mark claim (Ctrl+M)")) RequestMark(ctx);
  st.SetControlRect(Control::kMarkButton, ItemRect());
}

// No caret yet: one at the start of the open claim's segment, or else of the first
// speech segment on screen. Whether one was placed.
bool PlaceCaret(ViewContext& ctx) {
  UiState& st = ctx.state;
  std::int64_t start = 0;
  if (const v1::Claim* c = ctx.model.FindClaim(st.claim_id)) start = c->segment_id();
  for (const VisibleRow& row : st.visible_rows) {
    if (start != 0) break;
    const v1::Segment* s = ctx.model.FindSegment(row.segment_id);
    if (s != nullptr && s->kind() == v1::SEGMENT_KIND_SPEECH) start = s->id();
  }
  if (start == 0) return false;
  st.selection = CaretAt(start);
  return true;
}

// Claims live inside one segment: Shift+Down/Up carry the caret to the next or previous
// speech segment rather than across segments.
void CaretToSpeech(ViewContext& ctx, const v1::Segment& from, bool down) {
  UiState& st = ctx.state;
  const std::int32_t step = down ? 1 : -1;
  for (const v1::Segment* n = ctx.model.SegmentAt(from.transcript_id(), from.ordinal() + step);
       n != nullptr; n = ctx.model.SegmentAt(from.transcript_id(), n->ordinal() + step)) {
    if (n->kind() != v1::SEGMENT_KIND_SPEECH) continue;
    st.selection = CaretAt(n->id());
    const bool visible =
        std::any_of(st.visible_rows.begin(), st.visible_rows.end(),
                    [&](const VisibleRow& row) { return row.segment_id == n->id(); });
    if (!visible) st.scroll_to_ordinal = n->ordinal();
    return;
  }
}

// The suggestion under `byte` of a segment (0 when none), while they are shown.
std::int64_t SuggestionAtByte(const ViewContext& ctx, std::int64_t segment_id, std::size_t byte) {
  if (!ctx.state.show_suggestions || segment_id == 0) return 0;
  for (const v1::Suggestion* s : ctx.model.suggestions().OfSegment(segment_id)) {
    if (byte >= static_cast<std::size_t>(std::max(0, s->start_byte())) &&
        byte < static_cast<std::size_t>(std::max(0, s->end_byte()))) {
      return s->id();
    }
  }
  return 0;
}

void SuggestionTooltip(const v1::Suggestion& s) {
  ImGui::BeginTooltip();
  SuggestionScore(s);
  ImGui::SameLine();
  ImGui::TextDisabled("worth checking? Click: accept or dismiss");
  SuggestionReasons(s);
  ImGui::EndTooltip();
}

// A corrected segment's texts, oldest first, fetched the first time it is hovered.
void HistoryTooltip(ViewContext& ctx, const v1::Segment& seg) {
  if (!ctx.model.SegmentHistoryLoaded(seg.id())) ctx.Emit(action::FetchSegmentHistory{seg.id()});
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  ImGui::Text("Corrected %d time%s", seg.revision(), seg.revision() == 1 ? "" : "s");
  const auto history = ctx.model.SegmentHistory(seg.id());
  for (const v1::SegmentRevision* r : history) {
    const std::string who =
        r->has_corrected_by() ? v1::NameOf(r->corrected_by()) : std::string("the feed");
    const std::string why = r->reason().empty() ? "" : ": " + r->reason();
    ImGui::Separator();
    ImGui::TextDisabled("revision %d by %s%s", r->revision(), who.c_str(), why.c_str());
    ColoredText(palette::kDimText, "was: " + r->old_text());
    ImGui::TextUnformatted(("now: " + r->new_text()).c_str());
  }
  if (history.empty()) ImGui::TextDisabled("loading the history...");
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

void ReaderView::HoverRow(ViewContext& ctx, const ReaderFrame& f, const ReaderRow& row) {
  if (!f.hovered || f.held || f.mouse.y < row.y || f.mouse.y >= row.y + row.height) return;
  if (row.corrected_tag && row.corrected_tag->Contains(f.mouse.x, f.mouse.y)) {
    HistoryTooltip(ctx, row.seg);
    return;
  }
  const std::size_t b = ByteAtPoint(row.text(), row.visible.layout, f.mouse.x - row.text_x,
                                    f.mouse.y - row.visible.text_y, f.measure);
  if (const std::int64_t id = SuggestionAtByte(ctx, row.seg.id(), b)) {
    SuggestionTooltip(*ctx.model.suggestions().Find(id));
  }
}

std::size_t ReaderView::measured_rows() const {
  auto it = transcripts_.find(drawn_transcript_);
  return it == transcripts_.end() ? 0 : it->second.heights.measured_count();
}

std::optional<ImVec2> ReaderView::PointOfByte(const UiState& state,
                                              const model::WorkspaceModel& model,
                                              std::int64_t segment_id, std::size_t byte) {
  const v1::Segment* segment = model.FindSegment(segment_id);
  if (segment == nullptr) return std::nullopt;
  for (const VisibleRow& row : state.visible_rows) {
    if (row.segment_id != segment_id) continue;
    const ImGuiTextMeasure m(ImGui::GetFont(), ImGui::GetFontSize());
    const std::size_t line = LineOfByte(row.layout, byte);
    const float x = XOfByte(segment->text(), row.layout, line, byte, m);
    return ImVec2(row.text_x + x + 1.0F,
                  row.text_y + (static_cast<float>(line) + 0.5F) * row.layout.line_height);
  }
  return std::nullopt;
}

void ReaderView::KeyboardSelection(ViewContext& ctx) {
  UiState& st = ctx.state;
  if (st.selection.dragging) return;
  const bool left = ImGui::IsKeyPressed(key::kLeft, true);
  const bool right = ImGui::IsKeyPressed(key::kRight, true);
  const bool home = ImGui::IsKeyPressed(key::kHome, false);
  const bool end = ImGui::IsKeyPressed(key::kEnd, false);
  const bool down = ImGui::IsKeyPressed(key::kDown, false);
  const bool up = ImGui::IsKeyPressed(key::kUp, false);
  if (!(left || right || home || end || down || up)) return;
  if (st.selection.segment_id == 0) {
    if (!PlaceCaret(ctx) || down || up) return;  // placed; the next Shift+arrow selects
  }
  const v1::Segment* s = ctx.model.FindSegment(st.selection.segment_id);
  if (s == nullptr) return;
  if (down || up) {
    CaretToSpeech(ctx, *s, down);
    return;
  }
  const CaretStep step = home || end              ? CaretStep::kSegment
                         : ImGui::GetIO().KeyCtrl ? CaretStep::kWord
                                                  : CaretStep::kCodePoint;
  MoveCaret(st.selection, s->text(), left || home ? -1 : +1, step);
}

void ReaderView::DrawSearchBar(ViewContext& ctx) {
  UiState& st = ctx.state;
  const SearchResults& sr = ctx.session.search;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
  if (st.focus_search) {
    ImGui::SetKeyboardFocusHere();
    st.focus_search = false;
  }
  const bool enter =
      ImGui::InputTextWithHint("##search", "Search the transcript (Enter)", &st.search_query,
                               ImGuiInputTextFlags_EnterReturnsTrue);
  st.SetControlRect(Control::kSearchInput, ItemRect());
  if (enter) {
    if (st.search_query == sr.query && !sr.hits.empty()) {
      StepSearchHit(st, sr, ImGui::GetIO().KeyShift ? -1 : 1);
    } else if (!st.search_query.empty()) {
      ctx.Emit(action::Search{st.search_query});
      st.search_index = -1;
    }
    st.focus_search = true;  // keep typing / Enter for the next hit
  }
  ImGui::SameLine();
  if (ImGui::ArrowButton("##prev", ImGuiDir_Up)) StepSearchHit(st, sr, -1);
  ImGui::SameLine();
  if (ImGui::ArrowButton("##next", ImGuiDir_Down)) StepSearchHit(st, sr, 1);
  ImGui::SameLine();
  SearchStatus(st, sr);
  ImGui::SameLine();
  if (ImGui::SmallButton("x")) st.search_open = false;
  // New results: go to the first hit.
  if (!sr.loading && sr.query == st.search_query && st.search_index < 0 && !sr.hits.empty()) {
    StepSearchHit(st, sr, 1);
  }
}

void ReaderView::Draw(ViewContext& ctx, ImVec2 size) {
  UiState& st = ctx.state;
  st.visible_rows.clear();
  st.controls[static_cast<std::size_t>(Control::kMarkButton)].reset();
  const v1::Transcript* transcript = ctx.model.FindTranscript(st.transcript_id);
  if (transcript == nullptr) {
    DrawNoTranscript(ctx.model, size);
    return;
  }
  const float top_y = ImGui::GetCursorPosY();
  if (st.search_open) DrawSearchBar(ctx);
  if (st.filter_open) DrawFilterBar(ctx);
  DrawHighlightLegend(ctx.model.workspace().rating_scale(), size.x);
  size.y -= ImGui::GetCursorPosY() - top_y;

  PerTranscript& pt = transcripts_[transcript->id()];
  drawn_transcript_ = transcript->id();
  ReaderFrame f(st, *transcript, ImGui::GetFont(), ImGui::GetFontSize());
  f.anchor = &st.anchors[transcript->id()];
  BeginView(f, size);
  LayOut(ctx, f, pt);
  ReadMouse(f);
  CollectOverlays(ctx, f);
  DrawRows(ctx, f, pt);
  if (f.held && st.selection.dragging) DragOutsideRows(ctx, f, pt.heights);
  if (f.released && st.selection.dragging) FinishDrag(ctx);
  DrawMarkButton(ctx, f);
  DrawNewRowsPill(ctx, f, pt);
  EndView(f);
  DrawSuggestionWindow(ctx, card_at_);
}

// Row heights (exact for the rows in view, estimated elsewhere) and the scroll position.
void ReaderView::LayOut(ViewContext& ctx, ReaderFrame& f, PerTranscript& pt) {
  // The key is wrap width and font size; unmeasured rows carry an estimate.
  const float estimate = std::floor(f.fs * (kPadTop + kPadBottom + kHeader) + 2 * f.fs);
  pt.heights.SetLayout(f.wrap, f.fs);
  pt.heights.Resize(f.rows, estimate);
  FollowScroll(ctx, f, pt);
  FollowNewRows(ctx, f, pt);
  MeasureRowsInView(ctx.model, f, pt);
  MeasureInBackground(ctx.model, f, pt);
  SettleScroll(f, pt);
  NoteBottom(f, pt);
}

void ReaderView::FollowNewRows(const ViewContext& ctx, ReaderFrame& f, PerTranscript& pt) {
  const std::size_t before = pt.drawn_rows;
  pt.drawn_rows = f.rows;
  if (!pt.drawn) {  // opened: what is there now counts as seen
    pt.drawn = true;
    pt.rows_seen = f.rows;
    return;
  }
  if (f.rows <= before) return;
  // A drag in progress keeps its text under the pointer, and a move this frame wins; the
  // pill offers the rest.
  if (!pt.at_bottom || f.moved || ctx.state.selection.dragging) return;
  // The new rows are measured now, so the bottom is exactly the bottom.
  for (std::size_t r = before; r < f.rows; ++r) {
    if (const v1::Segment* s = ctx.model.SegmentAt(f.transcript_id, static_cast<std::int32_t>(r))) {
      EnsureMeasured(pt.heights, r, *s, f);
    }
  }
  *f.anchor = AnchorAt(pt.heights, std::max(0.0, pt.heights.Total() - f.view_h));
}

void ReaderView::NoteBottom(const ReaderFrame& f, PerTranscript& pt) {
  pt.at_bottom = f.scroll >= f.max_scroll - 1.0;
  if (pt.at_bottom) pt.rows_seen = f.rows;
}

// "N new segments below" over the bottom of a view scrolled up; it takes the view down.
void ReaderView::DrawNewRowsPill(ViewContext& ctx, const ReaderFrame& f, const PerTranscript& pt) {
  if (pt.at_bottom || f.rows <= pt.rows_seen) return;
  const std::size_t fresh = f.rows - pt.rows_seen;
  const std::string label =
      std::to_string(fresh) + (fresh == 1 ? " new segment" : " new segments") + " below###new-rows";
  const ImVec2 size = ImGui::CalcTextSize(label.c_str(), nullptr, true);
  ImGui::SetCursorScreenPos(
      ImVec2(f.win.x + (f.view_w - size.x) / 2, f.win.y + f.view_h - size.y - f.fs * 1.2F));
  ImGui::PushStyleColor(ImGuiCol_Button, ToVec4(palette::kSelection));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, f.fs);
  if (ImGui::Button(label.c_str()))
    ctx.state.scroll_to_ordinal = static_cast<std::int32_t>(f.rows - 1);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ctx.state.SetControlRect(Control::kNewSegmentsPill, ItemRect());
}

// Where to be: the user's scroll (wheel, scrollbar) moves the anchor; otherwise the
// anchor holds, whatever changed in the rows above. A row asked for (J/K, a search hit)
// goes a quarter down the view.
void ReaderView::FollowScroll(ViewContext& ctx, ReaderFrame& f, PerTranscript& pt) {
  UiState& st = ctx.state;
  ScrollAnchor& anchor = *f.anchor;
  f.current = ImGui::GetScrollY();
  if (pt.expected_scroll >= 0 && std::fabs(f.current - pt.expected_scroll) > 0.5) {
    anchor = AnchorAt(pt.heights, f.current);
    f.moved = true;
  }
  if (st.scroll_to_ordinal && f.rows > 0) {
    f.moved = true;
    const auto row = static_cast<std::size_t>(
        std::clamp<std::int32_t>(*st.scroll_to_ordinal, 0, static_cast<std::int32_t>(f.rows) - 1));
    // Measure the target and what is just above it, so it lands where it should.
    for (std::size_t r = row >= 3 ? row - 3 : 0; r <= row; ++r) {
      if (const v1::Segment* s =
              ctx.model.SegmentAt(f.transcript_id, static_cast<std::int32_t>(r))) {
        EnsureMeasured(pt.heights, r, *s, f);
      }
    }
    anchor = AnchorAt(pt.heights, std::max(0.0, pt.heights.Top(row) - f.view_h * 0.25));
    st.scroll_to_ordinal.reset();
  }
  if (f.rows > 0 && anchor.row >= f.rows) anchor = {f.rows - 1, 0};
}

// The rows the view will show (from the anchor down), so their layout is exact.
void ReaderView::MeasureRowsInView(const model::WorkspaceModel& model, const ReaderFrame& f,
                                   PerTranscript& pt) {
  double y = -f.anchor->offset;
  for (std::size_t r = f.anchor->row; r < f.rows && y < f.view_h; ++r) {
    if (const v1::Segment* s = model.SegmentAt(f.transcript_id, static_cast<std::int32_t>(r))) {
      EnsureMeasured(pt.heights, r, *s, f);
    }
    y += pt.heights.Height(r);
  }
}

// A few more rows each frame, so the scrollbar converges on the true length.
void ReaderView::MeasureInBackground(const model::WorkspaceModel& model, const ReaderFrame& f,
                                     PerTranscript& pt) {
  for (int budget = kMeasureBudget; budget > 0 && f.rows > 0; --budget) {
    const auto r = static_cast<std::size_t>(pt.measure_cursor);
    if (r >= f.rows) break;
    const v1::Segment* s = model.SegmentAt(f.transcript_id, pt.measure_cursor);
    if (s == nullptr) break;  // not fetched yet: resume here later
    EnsureMeasured(pt.heights, r, *s, f);
    ++pt.measure_cursor;
  }
}

// The scroll position the anchor gives under the current heights, within the content.
void ReaderView::SettleScroll(ReaderFrame& f, PerTranscript& pt) {
  f.total = pt.heights.Total();
  f.scroll = ScrollFor(pt.heights, *f.anchor);
  f.max_scroll = std::max(0.0, f.total - f.view_h);
  if (f.scroll > f.max_scroll) {
    f.scroll = f.max_scroll;
    *f.anchor = AnchorAt(pt.heights, f.scroll);
  }
  if (std::fabs(f.scroll - f.current) > 0.5) ImGui::SetScrollY(static_cast<float>(f.scroll));
  pt.expected_scroll = std::floor(f.scroll);
}

// Every row on screen: laid out, painted, then the mouse over it.
void ReaderView::DrawRows(ViewContext& ctx, ReaderFrame& f, PerTranscript& pt) {
  UiState& st = ctx.state;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::size_t first_row = f.rows > 0 ? pt.heights.RowAt(f.scroll) : 0;
  float y = f.win.y + static_cast<float>(pt.heights.Top(first_row) - f.scroll);
  st.top_segment_id = 0;
  st.top_ordinal = static_cast<std::int32_t>(first_row);
  for (std::size_t r = first_row; r < f.rows && y < f.win.y + f.view_h; ++r) {
    const v1::Segment* seg = ctx.model.SegmentAt(f.transcript_id, static_cast<std::int32_t>(r));
    if (seg == nullptr) {
      PaintLoading(draw, f, y);
      y += pt.heights.Height(r);
      continue;
    }
    if (st.top_segment_id == 0 && y + pt.heights.Height(r) > f.win.y) st.top_segment_id = seg->id();
    if (pt.glyphs_noted.insert(seg->id()).second) {  // segments never change their text
      st.glyphs.Add(seg->speaker());
      st.glyphs.Add(seg->text());
    }
    ReaderRow row = LayOutRow(f, pt, r, *seg, y);
    PaintRow(ctx, draw, f, row);
    HandleRowMouse(st, f, row);
    HoverRow(ctx, f, row);
    y += row.height;
    st.visible_rows.push_back(std::move(row.visible));
  }
}

// A row's lines and where its text goes (below the header, indented for a cue).
ReaderRow ReaderView::LayOutRow(const ReaderFrame& f, PerTranscript& pt, std::size_t r,
                                const v1::Segment& seg, float y) {
  ReaderRow row(seg, y);
  row.visible.segment_id = seg.id();
  row.visible.ordinal = seg.ordinal();
  row.height = MeasureRow(seg, f, &row.visible.layout);
  if (!pt.heights.IsMeasured(r, seg.id(), Fingerprint(seg))) {
    pt.heights.SetMeasured(r, seg.id(), Fingerprint(seg), row.height);
  }
  float text_y = y + f.fs * kPadTop;
  if (HasHeader(seg)) text_y += f.fs * kHeader;
  row.text_x = f.win.x + f.text_x0 + TextIndent(seg, f);
  row.visible.text_x = row.text_x;
  row.visible.text_y = text_y;
  return row;
}

namespace {

// A drag from `press` to `at`: whole words from the one pressed in to the one under the
// pointer, or exactly those bytes with Alt (a quick drag must not cut "security" to
// "rity"). No movement yet is an empty selection, so a click stays a click.
void DragTo(TextSelection& sel, std::string_view text, std::size_t press, std::size_t at,
            bool exact) {
  if (exact || at == press) {
    sel.anchor = press;
    sel.caret = at;
  } else if (at > press) {
    sel.anchor = WordStartAt(text, press);
    sel.caret = WordEndAt(text, at);
  } else {
    sel.anchor = WordEndAt(text, press);
    sel.caret = WordStartAt(text, at);
  }
}

}  // namespace

// Mouse: a press starts a selection in the row under it; dragging extends it within the
// segment.
void ReaderView::HandleRowMouse(UiState& st, const ReaderFrame& f, const ReaderRow& row) {
  const bool over = f.mouse.y >= row.y && f.mouse.y < row.y + row.height;
  const float x = f.mouse.x - row.text_x;
  const float y = f.mouse.y - row.visible.text_y;
  if (f.pressed && over) {
    const std::size_t b = ByteAtPoint(row.text(), row.visible.layout, x, y, f.measure);
    press_byte_ = b;
    press_claim_ = f.clicks >= 2 ? 0 : ClaimAtByte(row.spans, b);
    if (f.clicks >= 2) {
      // Double-click: the word; triple-click: the sentence. Done at once, no drag.
      const ByteRange r = f.clicks == 2 ? WordAt(row.text(), b) : SentenceAt(row.text(), b);
      st.selection = {row.seg.id(), r.begin, r.end, false};
    } else {
      st.selection = {row.seg.id(), b, b, true};
    }
  }
  if (f.held && st.selection.dragging && st.selection.segment_id == row.seg.id()) {
    const std::size_t b = ByteAtPoint(row.text(), row.visible.layout, x, y, f.measure);
    DragTo(st.selection, row.text(), press_byte_, b, f.exact);
  }
}

// Released: a selection stays; a click without one opens the claim under it.
void ReaderView::FinishDrag(ViewContext& ctx) {
  UiState& st = ctx.state;
  st.selection.dragging = false;
  if (st.selection.empty()) {
    if (press_claim_ != 0) {
      st.claim_id = press_claim_;
      ctx.Emit(action::OpenClaim{press_claim_});
    } else if (const std::int64_t s = SuggestionAtByte(ctx, st.selection.segment_id, press_byte_)) {
      // A click on an underlined sentence opens its card (accept, dismiss).
      st.suggestion_id = s;
      st.suggestion_card = true;
      card_at_ = ImGui::GetIO().MousePos;
    }
    st.selection.Clear();
  }
  press_claim_ = 0;
}

}  // namespace factdesk::ui
