#include "import/cue_merger.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "import/assemble.h"

namespace factdesk::import {
namespace {

struct Words {
  std::vector<std::string> words;
  std::vector<std::string> speakers;  // the speaker of each word
};

// Span texts are trimmed with white space collapsed, so splitting at ' ' gives the words.
Words SplitWords(const std::vector<CueSpan>& spans) {
  Words out;
  for (const CueSpan& span : spans) {
    std::string_view text = span.text;
    while (!text.empty()) {
      const std::size_t space = std::min(text.find(' '), text.size());
      if (space > 0) {
        out.words.emplace_back(text.substr(0, space));
        out.speakers.push_back(span.speaker);
      }
      text.remove_prefix(std::min(space + 1, text.size()));
    }
  }
  return out;
}

// How many of the cue's first words repeat the previous cue's last words (0 when it does
// not roll up). One shared word is a coincidence unless it was the whole previous cue.
std::size_t RepeatedWords(const std::vector<std::string>& previous, const Words& cue) {
  if (cue.words.empty()) return 0;
  const std::size_t most = std::min(previous.size(), cue.words.size() - 1);
  for (std::size_t k = most; k >= 1; --k) {
    if (k < 2 && k != previous.size()) break;
    if (std::equal(previous.end() - static_cast<std::ptrdiff_t>(k), previous.end(),
                   cue.words.begin())) {
      return k;
    }
  }
  return 0;
}

// True when `text` ends a sentence: . ? ! or … perhaps followed by closing quotes or brackets.
bool EndsSentence(std::string_view text) {
  while (!text.empty()) {
    if (text.ends_with("\xE2\x80\x9D") || text.ends_with("\xE2\x80\x99")) {  // ” ’
      text.remove_suffix(3);
    } else if (text.back() == '"' || text.back() == '\'' || text.back() == ')' ||
               text.back() == ']') {
      text.remove_suffix(1);
    } else {
      break;
    }
  }
  return text.ends_with('.') || text.ends_with('?') || text.ends_with('!') ||
         text.ends_with("\xE2\x80\xA6");
}

// The end of the last sentence in `text` that more text follows (after its punctuation and
// before a space), or 0 when there is none.
std::size_t LastInnerSentenceEnd(std::string_view text) {
  for (std::size_t space = text.rfind(' '); space != std::string_view::npos && space > 0;
       space = text.rfind(' ', space - 1)) {
    if (EndsSentence(text.substr(0, space))) return space;
  }
  return 0;
}

void Emit(Segment segment, std::vector<Segment>& out) {
  if (FinishSegment(segment)) out.push_back(std::move(segment));
}

}  // namespace

void CueMerger::AddCue(const std::vector<CueSpan>& spans, std::int64_t start_ms,
                       std::int64_t end_ms, std::vector<Segment>& out) {
  const Words cue = SplitWords(spans);
  if (cue.words.empty()) return;
  const std::size_t repeated = RepeatedWords(previous_words_, cue);
  // A cue that does not roll up starts afresh: what was held can no longer grow.
  if (repeated == 0) Flush(out);
  std::size_t i = repeated;
  while (i < cue.words.size()) {
    // The new words of one speaker, from i to j.
    std::size_t j = i;
    std::string text;
    while (j < cue.words.size() && cue.speakers[j] == cue.speakers[i]) {
      if (!text.empty()) text.push_back(' ');
      text.append(cue.words[j]);
      ++j;
    }
    Hold(cue.speakers[i], text, start_ms, end_ms, out);
    i = j;
  }
  EmitFinishedSentences(out);
  previous_words_ = cue.words;
}

void CueMerger::Hold(const std::string& speaker, const std::string& text, std::int64_t start_ms,
                     std::int64_t end_ms, std::vector<Segment>& out) {
  if (held_ && held_->speaker == speaker) {
    held_->text.append(" ").append(text);
    held_->end_ms = end_ms;
    return;
  }
  Flush(out);
  Segment segment;
  segment.speaker = speaker;
  segment.text = text;
  segment.start_ms = start_ms;
  segment.end_ms = end_ms;
  held_ = std::move(segment);
}

void CueMerger::EmitFinishedSentences(std::vector<Segment>& out) {
  if (!held_) return;
  if (EndsSentence(held_->text)) {
    Flush(out);
    return;
  }
  if (held_->text.size() <= kMaxHeldBytes) return;
  const std::size_t end = LastInnerSentenceEnd(held_->text);
  if (end == 0) {
    Flush(out);
    return;
  }
  Segment done = *held_;
  done.text.resize(end);
  held_->text.erase(0, end + 1);
  Emit(std::move(done), out);
}

void CueMerger::Flush(std::vector<Segment>& out) {
  if (held_) Emit(std::move(*held_), out);
  held_.reset();
}

}  // namespace factdesk::import
