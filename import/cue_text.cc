#include "import/cue_text.h"

#include <array>
#include <cstdint>
#include <utility>

#include "common/utf8.h"
#include "import/scan.h"
#include "import/speaker_label.h"

namespace factdesk::import {
namespace {

constexpr std::size_t kMaxEntityBytes = 10;  // "&#x10FFFF;"

struct NamedEntity {
  std::string_view name;
  char32_t code_point;
};

constexpr std::array<NamedEntity, 8> kEntities = {{
    {"amp", U'&'},
    {"lt", U'<'},
    {"gt", U'>'},
    {"quot", U'"'},
    {"apos", U'\''},
    {"lrm", U'\u200E'},
    {"rlm", U'\u200F'},
    {"nbsp", U'\u00A0'},
}};

bool IsHexDigit(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::uint32_t HexDigitValue(char c) {
  if (IsAsciiDigit(c)) return static_cast<std::uint32_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<std::uint32_t>(c - 'a' + 10);
  return static_cast<std::uint32_t>(c - 'A' + 10);
}

// The code point of "38" or "x26" (what follows '#'); 0 when it is not a number.
char32_t NumericReference(std::string_view number) {
  const bool hex = number[0] == 'x' || number[0] == 'X';
  const std::string_view digits = number.substr(hex ? 1 : 0);
  if (digits.empty()) return 0;
  std::uint32_t value = 0;
  for (const char c : digits) {
    if (hex ? !IsHexDigit(c) : !IsAsciiDigit(c)) return 0;
    value = value * (hex ? 16 : 10) + HexDigitValue(c);
    if (value > 0x10FFFF) return 0xFFFD;
  }
  // NUL and surrogates become U+FFFD, as HTML does.
  return (value == 0 || (value >= 0xD800 && value <= 0xDFFF)) ? 0xFFFD : value;
}

// The code point of "#38", "#x26" or a named entity; 0 when it is none of these.
char32_t EntityCodePoint(std::string_view name) {
  if (name.size() >= 2 && name[0] == '#') return NumericReference(name.substr(1));
  for (const NamedEntity& entity : kEntities) {
    if (entity.name == name) return entity.code_point;
  }
  return 0;
}

// `text` with character references decoded; unknown ones stay as written.
std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t amp = text.find('&', pos);
    out.append(text.substr(pos, amp - pos));
    if (amp == std::string_view::npos) break;
    const std::size_t semi = text.find(';', amp + 1);
    const char32_t cp = (semi != std::string_view::npos && semi - amp <= kMaxEntityBytes)
                            ? EntityCodePoint(text.substr(amp + 1, semi - amp - 1))
                            : 0;
    if (cp == 0) {
      out.push_back('&');
      pos = amp + 1;
    } else {
      utf8::Append(out, cp);
      pos = semi + 1;
    }
  }
  return out;
}

// A tag opens with a letter, '/' or a digit (a timestamp) and closes on the same line, so
// a stray "<" in "a < b" stays text.
std::size_t TagEnd(std::string_view line, std::size_t pos) {
  if (pos + 1 >= line.size()) return std::string_view::npos;
  const char c = line[pos + 1];
  if (!(IsAsciiUpper(c) || IsAsciiLower(c) || IsAsciiDigit(c) || c == '/')) {
    return std::string_view::npos;
  }
  return line.find('>', pos + 2);
}

// For "v Name" or "v.loud Name", sets `name` to the annotation and returns true.
bool IsVoiceTag(std::string_view tag, std::string& name) {
  if (tag.empty() || tag[0] != 'v') return false;
  const std::size_t ws = tag.find_first_of(" \t\f");
  const std::string_view tag_name = tag.substr(0, ws);
  if (tag_name != "v" && !tag_name.starts_with("v.")) return false;
  name.clear();
  if (ws != std::string_view::npos) {
    AppendCollapsingSpaces(name, DecodeEntities(TrimSpace(tag.substr(ws))));
  }
  return true;
}

class SpanBuilder {
 public:
  SpanBuilder(std::string& speaker, std::vector<CueSpan>& out) : speaker_(speaker), out_(out) {}
  void SetSpeaker(std::string_view speaker) {
    if (speaker == speaker_) return;
    Flush();
    speaker_ = speaker;
  }
  void AppendText(std::string_view decoded) { AppendCollapsingSpaces(text_, decoded); }
  void EndLine() {
    if (!text_.empty()) text_.push_back(' ');
  }
  // Ends the current span.
  void Flush() {
    const std::string_view trimmed = TrimSpace(text_);
    if (!trimmed.empty()) out_.push_back(CueSpan{speaker_, std::string(trimmed)});
    text_.clear();
  }

 private:
  std::string& speaker_;
  std::vector<CueSpan>& out_;
  std::string text_;
};

// Where the markup at `pos` (a WebVTT tag, or an SRT "{\\...}" code) ends, its last byte;
// npos when no markup starts there. A voice tag names the speaker.
std::size_t SkipMarkup(std::string_view line, std::size_t pos, CueDialect dialect,
                       SpanBuilder& spans) {
  if (line[pos] == '<') {
    const std::size_t end = TagEnd(line, pos);
    if (end != std::string_view::npos) {
      std::string voice;
      if (IsVoiceTag(line.substr(pos + 1, end - pos - 1), voice)) spans.SetSpeaker(voice);
      return end;
    }
  }
  if (dialect == CueDialect::kSrt && line.substr(pos).starts_with("{\\")) {
    return line.find('}', pos);
  }
  return std::string_view::npos;
}

// An SRT caption's "NAME:" label or turn mark at the start of a line names the speaker
// (or says someone else speaks); returns the text that follows it.
std::string_view TakeCaptionLabel(std::string_view shown, SpanBuilder& spans) {
  if (const auto label = FindCaptionLabel(shown)) {
    spans.SetSpeaker(label->name);
    return label->text;
  }
  if (StartsWithTurnMark(shown)) spans.SetSpeaker("");  // "- Hi." or ">> Hi.": someone else
  return shown;
}

void AppendLine(std::string_view line, CueDialect dialect, SpanBuilder& spans) {
  bool line_start = true;  // no text yet on this line: where a caption label may stand
  std::size_t pos = 0;
  while (pos < line.size()) {
    if (const std::size_t markup_end = SkipMarkup(line, pos, dialect, spans);
        markup_end != std::string_view::npos) {
      pos = markup_end + 1;
      continue;
    }
    // Text up to the next possible tag or code (a '<' or '{' that is not one is text).
    std::size_t end = line.find_first_of("<{", pos + 1);
    if (end == std::string_view::npos) end = line.size();
    const std::string text = DecodeEntities(line.substr(pos, end - pos));
    pos = end;
    std::string_view shown = text;
    if (dialect != CueDialect::kWebVtt && line_start && !IsBlank(shown)) {
      shown = TakeCaptionLabel(shown, spans);
    }
    if (!IsBlank(shown)) line_start = false;
    spans.AppendText(shown);
  }
  spans.EndLine();
}

}  // namespace

void AppendCueSpans(std::string_view raw, CueDialect dialect, std::string& speaker,
                    std::vector<CueSpan>& out) {
  SpanBuilder spans(speaker, out);
  LineReader lines(raw);
  std::string_view line;
  while (lines.Next(line)) AppendLine(line, dialect, spans);
  spans.Flush();
}

void AppendCueSegments(std::string_view raw, CueDialect dialect, std::string& speaker,
                       std::int64_t start_ms, std::int64_t end_ms, std::vector<Segment>& out) {
  std::vector<CueSpan> spans;
  AppendCueSpans(raw, dialect, speaker, spans);
  for (CueSpan& span : spans) {
    Segment segment;
    segment.speaker = std::move(span.speaker);
    segment.start_ms = start_ms;
    segment.end_ms = end_ms;
    segment.text = std::move(span.text);
    out.push_back(std::move(segment));
  }
}

}  // namespace factdesk::import
