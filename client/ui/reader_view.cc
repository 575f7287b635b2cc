#include "client/ui/reader_view.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/claim_style.h"
#include "client/ui/filter_bar.h"
#include "client/ui/highlight_spans.h"
#include "client/ui/imgui_text_measure.h"
#include "client/ui/keys.h"
#include "client/ui/selection_actions.h"
#include "client/ui/text_format.h"
#include "client/ui/widgets.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

// Row geometry, in multiples of the font size.
constexpr float kPadTop = 0.35F;
constexpr float kPadBottom = 0.45F;
constexpr float kHeader = 1.2F;
constexpr float kGutter = 2.2F;
constexpr float kRightMargin = 1.0F;
constexpr float kCueIndent = 1.5F;
// Unmeasured rows measured per frame in the background, so the scrollbar settles.
constexpr int kMeasureBudget = 200;

bool HasHeader(const v1::Segment& s) {
  return s.kind() == v1::SEGMENT_KIND_SPEECH && (!s.speaker().empty() || s.has_start_ms());
}

float TextIndent(const v1::Segment& s, float fs) {
  return s.kind() == v1::SEGMENT_KIND_SPEECH ? 0.0F : kCueIndent * fs;
}

std::uint64_t Fingerprint(const v1::Segment& s) {
  return Fnv1a(s.text()) ^ (static_cast<std::uint64_t>(s.kind()) << 56U);
}

}  // namespace

float ReaderView::MeasureRow(const v1::Segment& segment, float wrap, float fs, const TextMeasure& m,
                             TextLayout* layout) const {
  const float text_wrap = std::max(fs * 4, wrap - TextIndent(segment, fs));
  float lines = 0;
  if (layout != nullptr) {
    *layout = LayoutText(segment.text(), text_wrap, m);
    lines = static_cast<float>(layout->lines.size());
  } else {
    lines = static_cast<float>(CountLines(segment.text(), text_wrap, m));
  }
  return std::floor(fs * (kPadTop + kPadBottom + (HasHeader(segment) ? kHeader : 0.0F)) +
                    lines * m.LineHeight());
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
  auto jump = [&](int delta) {
    if (sr.hits.empty()) return;
    const int n = static_cast<int>(sr.hits.size());
    st.search_index =
        ((st.search_index < 0 ? (delta > 0 ? -1 : 0) : st.search_index) + delta + n) % n;
    st.scroll_to_ordinal = sr.hits[static_cast<std::size_t>(st.search_index)].segment().ordinal();
  };
  if (enter) {
    if (st.search_query == sr.query && !sr.hits.empty()) {
      jump(ImGui::GetIO().KeyShift ? -1 : 1);
    } else if (!st.search_query.empty()) {
      ctx.Emit(action::Search{st.search_query});
      st.search_index = -1;
    }
    st.focus_search = true;  // keep typing / Enter for the next hit
  }
  ImGui::SameLine();
  if (ImGui::ArrowButton("##prev", ImGuiDir_Up)) jump(-1);
  ImGui::SameLine();
  if (ImGui::ArrowButton("##next", ImGuiDir_Down)) jump(1);
  ImGui::SameLine();
  if (sr.loading) {
    ImGui::TextDisabled("searching...");
  } else if (!sr.error.empty()) {
    ColoredText(palette::kBad, sr.error);
  } else if (!sr.query.empty()) {
    if (sr.hits.empty()) {
      ImGui::TextDisabled("no matches");
    } else {
      ImGui::TextDisabled("%d of %d%s", st.search_index + 1, static_cast<int>(sr.hits.size()),
                          sr.total > static_cast<int>(sr.hits.size()) ? "+" : "");
    }
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("x")) st.search_open = false;
  if (!sr.loading && sr.query == st.search_query && st.search_index < 0 && !sr.hits.empty()) {
    jump(1);
  }
}

void ReaderView::Draw(ViewContext& ctx, ImVec2 size) {
  UiState& st = ctx.state;
  const model::WorkspaceModel& model = ctx.model;
  st.visible_rows.clear();
  st.controls[static_cast<std::size_t>(Control::kMarkButton)].reset();
  const v1::Transcript* transcript = model.FindTranscript(st.transcript_id);
  if (transcript == nullptr) {
    ImGui::BeginChild("##reader-empty", size);
    ImGui::TextDisabled(model.Transcripts().empty()
                            ? "No transcripts yet. Drop a file on the window to import one."
                            : "Pick a transcript above.");
    ImGui::EndChild();
    return;
  }
  const float top_y = ImGui::GetCursorPosY();
  if (st.search_open) DrawSearchBar(ctx);
  if (st.filter_open) DrawFilterBar(ctx);
  size.y -= ImGui::GetCursorPosY() - top_y;

  PerTranscript& pt = transcripts_[transcript->id()];
  drawn_transcript_ = transcript->id();
  ImFont* font = ImGui::GetFont();
  const float fs = ImGui::GetFontSize();
  const ImGuiTextMeasure measure(font, fs);
  const auto rows = static_cast<std::size_t>(std::max(0, transcript->segment_count()));

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ToVec4(palette::kReaderBg));
  ImGui::BeginChild("##reader", size, false,
                    ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoMove);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();

  const ImVec2 win = ImGui::GetWindowPos();
  const float view_w = ImGui::GetWindowContentRegionMax().x;
  const float view_h = ImGui::GetWindowHeight();
  const float text_x0 = kGutter * fs;
  const float wrap = std::max(fs * 6, view_w - text_x0 - kRightMargin * fs);

  // Heights: the key is wrap width and font size; unmeasured rows carry an estimate.
  const float estimate = std::floor(fs * (kPadTop + kPadBottom + kHeader) + 2 * fs);
  pt.heights.SetLayout(wrap, fs);
  pt.heights.Resize(rows, estimate);

  // Where to be: the user's scroll (wheel, scrollbar) moves the anchor; otherwise the
  // anchor holds, whatever changed in the rows above.
  ScrollAnchor& anchor = st.anchors[transcript->id()];
  const double current = ImGui::GetScrollY();
  if (pt.expected_scroll >= 0 && std::fabs(current - pt.expected_scroll) > 0.5) {
    anchor = AnchorAt(pt.heights, current);
  }
  if (st.scroll_to_ordinal && rows > 0) {
    const auto row = static_cast<std::size_t>(
        std::clamp<std::int32_t>(*st.scroll_to_ordinal, 0, static_cast<std::int32_t>(rows) - 1));
    // Measure the target and what is just above it, then put it a quarter down the view.
    for (std::size_t r = row >= 3 ? row - 3 : 0; r <= row; ++r) {
      if (const v1::Segment* s = model.SegmentAt(transcript->id(), static_cast<std::int32_t>(r))) {
        if (!pt.heights.IsMeasured(r, s->id(), Fingerprint(*s))) {
          pt.heights.SetMeasured(r, s->id(), Fingerprint(*s),
                                 MeasureRow(*s, wrap, fs, measure, nullptr));
        }
      }
    }
    anchor = AnchorAt(pt.heights, std::max(0.0, pt.heights.Top(row) - view_h * 0.25));
    st.scroll_to_ordinal.reset();
  }
  if (rows > 0 && anchor.row >= rows) anchor = {rows - 1, 0};

  // Measure the rows the view will show (from the anchor down), so layout is exact.
  {
    double y = -anchor.offset;
    for (std::size_t r = anchor.row; r < rows && y < view_h; ++r) {
      const v1::Segment* s = model.SegmentAt(transcript->id(), static_cast<std::int32_t>(r));
      if (s != nullptr && !pt.heights.IsMeasured(r, s->id(), Fingerprint(*s))) {
        pt.heights.SetMeasured(r, s->id(), Fingerprint(*s),
                               MeasureRow(*s, wrap, fs, measure, nullptr));
      }
      y += pt.heights.Height(r);
    }
  }
  // A few more in the background, so the scrollbar converges on the true length.
  for (int budget = kMeasureBudget; budget > 0 && rows > 0; --budget) {
    const auto r = static_cast<std::size_t>(pt.measure_cursor);
    if (r >= rows) break;
    const v1::Segment* s = model.SegmentAt(transcript->id(), pt.measure_cursor);
    if (s == nullptr) break;  // not fetched yet: resume here later
    if (!pt.heights.IsMeasured(r, s->id(), Fingerprint(*s))) {
      pt.heights.SetMeasured(r, s->id(), Fingerprint(*s),
                             MeasureRow(*s, wrap, fs, measure, nullptr));
    }
    ++pt.measure_cursor;
  }

  const double total = pt.heights.Total();
  double scroll = ScrollFor(pt.heights, anchor);
  const double max_scroll = std::max(0.0, total - view_h);
  if (scroll > max_scroll) {
    scroll = max_scroll;
    anchor = AnchorAt(pt.heights, scroll);
  }
  if (std::fabs(scroll - current) > 0.5) ImGui::SetScrollY(static_cast<float>(scroll));
  pt.expected_scroll = std::floor(scroll);

  // The whole view is one invisible button: press, drag and release select text.
  ImGui::SetCursorPos(ImVec2(0, static_cast<float>(current)));
  ImGui::InvisibleButton("##text", ImVec2(std::max(1.0F, view_w), std::max(1.0F, view_h)));
  ImGui::SetItemAllowOverlap();
  const bool pressed = ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  const bool held = ImGui::IsItemActive();
  const bool released = ImGui::IsItemDeactivated();
  const ImVec2 mouse = ImGui::GetIO().MousePos;

  // Others' presence, by segment, for the gutter.
  std::unordered_multimap<std::int64_t, const v1::Presence*> present;
  for (const v1::Presence* p : model.PresentInTranscript(transcript->id())) {
    if (p->segment_id() != 0) present.emplace(p->segment_id(), p);
  }
  // Search hits in this transcript.
  std::unordered_map<std::int64_t, const v1::SearchHit*> hits;
  for (const auto& hit : ctx.session.search.hits) hits.emplace(hit.segment().id(), &hit);
  const std::int64_t current_hit =
      st.search_index >= 0 && st.search_index < static_cast<int>(ctx.session.search.hits.size())
          ? ctx.session.search.hits[static_cast<std::size_t>(st.search_index)].segment().id()
          : 0;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::size_t first_row = rows > 0 ? pt.heights.RowAt(scroll) : 0;
  float y = win.y + static_cast<float>(pt.heights.Top(first_row) - scroll);
  st.top_segment_id = 0;
  st.top_ordinal = static_cast<std::int32_t>(first_row);
  const std::int64_t selected_claim = st.claim_id;
  const bool no_filter = st.filter.empty();
  std::optional<ImVec2> selection_end;

  for (std::size_t r = first_row; r < rows && y < win.y + view_h; ++r) {
    const v1::Segment* seg = model.SegmentAt(transcript->id(), static_cast<std::int32_t>(r));
    if (seg == nullptr) {
      draw->AddText(ImVec2(win.x + text_x0, y + fs * kPadTop), ToU32(palette::kDimText),
                    "loading...");
      y += pt.heights.Height(r);
      continue;
    }
    if (st.top_segment_id == 0 && y + pt.heights.Height(r) > win.y) st.top_segment_id = seg->id();
    if (pt.glyphs_noted.insert(seg->id()).second) {  // segments never change their text
      st.glyphs.Add(seg->speaker());
      st.glyphs.Add(seg->text());
    }
    VisibleRow vr;
    vr.segment_id = seg->id();
    vr.ordinal = seg->ordinal();
    const float row_h = MeasureRow(*seg, wrap, fs, measure, &vr.layout);
    if (!pt.heights.IsMeasured(r, seg->id(), Fingerprint(*seg))) {
      pt.heights.SetMeasured(r, seg->id(), Fingerprint(*seg), row_h);
    }
    const bool speech = seg->kind() == v1::SEGMENT_KIND_SPEECH;
    float cy = y + fs * kPadTop;
    if (seg->id() == current_hit) {
      draw->AddRectFilled(ImVec2(win.x + text_x0 - fs * 0.4F, y), ImVec2(win.x + view_w, y + row_h),
                          ToU32(Mix(palette::kSearchHit, palette::kReaderBg, 0.35F)));
    }
    if (HasHeader(*seg)) {
      float hx = win.x + text_x0;
      if (!seg->speaker().empty()) {
        draw->AddText(ImVec2(hx, cy), ToU32(SpeakerColor(seg->speaker())), seg->speaker().c_str());
        hx += font->CalcTextSizeA(fs, 1e9F, 0, seg->speaker().c_str()).x + fs * 0.8F;
      }
      if (seg->has_start_ms()) {
        const std::string t = FormatTimestamp(seg->start_ms());
        draw->AddText(ImVec2(hx, cy), ToU32(palette::kDimText), t.c_str());
      }
      cy += fs * kHeader;
    }
    const float tx = win.x + text_x0 + TextIndent(*seg, fs);
    vr.text_x = tx;
    vr.text_y = cy;
    const std::string& text = seg->text();

    // Search terms, then claims, then the selection, then the text on top.
    if (auto h = hits.find(seg->id()); h != hits.end()) {
      for (const auto& [a, b] : FindTerms(text, MatchedTerms(h->second->snippet()))) {
        for (const Rect& rc : RangeRects(text, vr.layout, a, b, measure)) {
          draw->AddRectFilled(ImVec2(tx + rc.x0, cy + rc.y0), ImVec2(tx + rc.x1, cy + rc.y1),
                              ToU32(palette::kSearchHit));
        }
      }
    }
    const auto claims = model.ClaimsOfSegment(seg->id());
    std::vector<HighlightSpan> spans;
    if (!claims.empty()) {
      std::vector<ClaimRange> ranges;
      ranges.reserve(claims.size());
      for (const v1::Claim* c : claims) {
        // Filtered out: not highlighted (the open claim keeps its outline below).
        if (!no_filter && !MatchesFilter(st.filter, *c)) continue;
        ranges.push_back({c->id(), static_cast<std::size_t>(std::max(0, c->start_byte())),
                          static_cast<std::size_t>(std::max(0, c->end_byte()))});
      }
      spans = ComputeHighlightSpans(text, ranges);
      for (const HighlightSpan& span : spans) {
        const v1::Claim* c = model.FindClaim(span.top_claim);
        if (c == nullptr) continue;
        const ImU32 fill = ToU32(HighlightFill(*c, span.depth));
        for (const Rect& rc : RangeRects(text, vr.layout, span.start, span.end, measure)) {
          draw->AddRectFilled(ImVec2(tx + rc.x0, cy + rc.y0), ImVec2(tx + rc.x1, cy + rc.y1), fill);
        }
      }
      for (const v1::Claim* c : claims) {
        if (c->id() != selected_claim) continue;
        for (const Rect& rc : RangeRects(text, vr.layout, static_cast<std::size_t>(c->start_byte()),
                                         static_cast<std::size_t>(c->end_byte()), measure)) {
          draw->AddRect(ImVec2(tx + rc.x0 - 1, cy + rc.y0), ImVec2(tx + rc.x1 + 1, cy + rc.y1),
                        ToU32(ClaimColor(*c)), 2.0F, 0, 2.0F);
        }
      }
    }
    if (st.selection.segment_id == seg->id() && !st.selection.empty()) {
      const auto rects =
          RangeRects(text, vr.layout, st.selection.start(), st.selection.end(), measure);
      for (const Rect& rc : rects) {
        draw->AddRectFilled(ImVec2(tx + rc.x0, cy + rc.y0), ImVec2(tx + rc.x1, cy + rc.y1),
                            ToU32(palette::kSelection.WithAlpha(150)));
      }
      if (!rects.empty()) selection_end = ImVec2(tx + rects.back().x1, cy + rects.back().y1);
    }
    if (st.selection.segment_id == seg->id() && !st.selection.dragging) {
      // The caret, where Shift+arrows extend the selection from.
      const std::size_t caret = std::min(st.selection.caret, text.size());
      const std::size_t line = LineOfByte(vr.layout, caret);
      const float x = tx + XOfByte(text, vr.layout, line, caret, measure);
      const float y0 = cy + static_cast<float>(line) * vr.layout.line_height;
      draw->AddLine(ImVec2(x, y0), ImVec2(x, y0 + vr.layout.line_height), ToU32(palette::kText),
                    1.5F);
    }
    const ImU32 text_color = ToU32(speech ? palette::kText : palette::kCueText);
    for (const LineSpan& line : vr.layout.lines) {
      if (line.end > line.begin) {
        draw->AddText(font, fs, ImVec2(tx, cy), text_color, text.data() + line.begin,
                      text.data() + line.end);
      }
      cy += vr.layout.line_height;
    }
    if (!speech) {
      const char* tag = seg->kind() == v1::SEGMENT_KIND_CUE ? "cue" : "caption";
      draw->AddText(font, fs * 0.75F, ImVec2(win.x + text_x0, vr.text_y + fs * 0.15F),
                    ToU32(palette::kDimText), tag);
    }

    // Gutter: who else is reading here.
    float gx = win.x + fs * 0.75F;
    auto [pb, pe] = present.equal_range(seg->id());
    for (auto it = pb; it != pe && gx < win.x + text_x0; ++it) {
      const v1::User& u = it->second->user();
      PresenceDot(draw, ImVec2(gx, y + fs * (kPadTop + 0.5F)), fs * 0.5F, SpeakerColor(u.handle()),
                  Initials(v1::NameOf(u)));
      gx += fs * 0.6F;
    }

    // Mouse: press starts a selection here; dragging extends it within the segment.
    const bool over = mouse.y >= y && mouse.y < y + row_h;
    if (pressed && over) {
      const std::size_t b =
          ByteAtPoint(text, vr.layout, mouse.x - tx, mouse.y - vr.text_y, measure);
      st.selection = {seg->id(), b, b, true};
      press_claim_ = ClaimAtByte(spans, b);
    }
    if (held && st.selection.dragging && st.selection.segment_id == seg->id()) {
      st.selection.caret = ByteAtPoint(text, vr.layout, mouse.x - tx, mouse.y - vr.text_y, measure);
    }
    st.visible_rows.push_back(std::move(vr));
    y += row_h;
  }
  // Dragged beyond the rows on screen: clamp to the segment's start or end.
  if (held && st.selection.dragging) {
    const bool visible =
        std::any_of(st.visible_rows.begin(), st.visible_rows.end(),
                    [&](const VisibleRow& v) { return v.segment_id == st.selection.segment_id; });
    if (!visible) {
      if (const v1::Segment* s = model.FindSegment(st.selection.segment_id)) {
        st.selection.caret = mouse.y < win.y ? 0 : s->text().size();
      }
    }
    // Near or past the top or bottom edge, the view scrolls (faster the further out), so
    // a segment taller than the window can be selected in one drag. Only while the
    // segment is on screen: beyond it the selection cannot grow.
    const float edge = fs * 1.5F;
    const float beyond = mouse.y < win.y + edge            ? mouse.y - (win.y + edge)
                         : mouse.y > win.y + view_h - edge ? mouse.y - (win.y + view_h - edge)
                                                           : 0.0F;
    if (visible && beyond != 0.0F) {
      const double step = std::clamp(beyond * 0.5F, -fs * 3, fs * 3);
      anchor = AnchorAt(pt.heights, std::clamp(scroll + step, 0.0, max_scroll));
      st.animating = true;
    }
  }
  if (released && st.selection.dragging) {
    st.selection.dragging = false;
    if (st.selection.empty()) {
      if (press_claim_ != 0) {
        st.claim_id = press_claim_;
        ctx.Emit(action::OpenClaim{press_claim_});
      }
      st.selection.Clear();
    }
    press_claim_ = 0;
  }

  // The floating "Mark claim" button beside a finished selection.
  if (selection_end && !st.selection.dragging) {
    const v1::Segment* s = model.FindSegment(st.selection.segment_id);
    if (s != nullptr && MarkFromSelection(st.selection, *s) &&
        model.my_role() >= v1::ROLE_CHECKER) {
      ImGui::SetCursorScreenPos(
          ImVec2(std::min(selection_end->x + 4, win.x + view_w - fs * 8), selection_end->y + 2));
      if (ImGui::SmallButton("Mark claim (Ctrl+M)")) {
        if (auto mark = MarkFromSelection(st.selection, *s)) ctx.Emit(*mark);
        st.selection.Clear();
      }
      st.SetControlRect(Control::kMarkButton, ItemRect());
    }
  }

  // The content height, for the scrollbar.
  ImGui::SetCursorPos(ImVec2(0, static_cast<float>(total)));
  ImGui::Dummy(ImVec2(0, 0));
  ImGui::EndChild();
}

}  // namespace factdesk::ui
