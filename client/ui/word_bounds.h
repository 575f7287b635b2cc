#pragma once

#include <cstddef>
#include <string_view>

namespace factdesk::ui {

// Where words and sentences begin and end in a segment's text (UTF-8 byte offsets on
// code point boundaries), for selecting with the mouse: a double-click takes a word, a
// triple-click a sentence, a drag snaps to word edges. A word is a run of letters, digits
// and symbols; an apostrophe, hyphen or full stop between two of them stays inside it
// ("It’s", "well-known", "U.S."); spaces (no-break ones too), quotes, brackets, dashes and
// other punctuation (CJK's included) are not part of a word.
struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;

  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

// The word containing the code point at `pos`; the code point alone when it is not part
// of a word (a space, a quote); empty at the end of the text.
ByteRange WordAt(std::string_view text, std::size_t pos);
// `pos`, moved back to the start of the word it is inside (unchanged at a word's edge).
std::size_t WordStartAt(std::string_view text, std::size_t pos);
// `pos`, moved on to the end of the word it is inside (unchanged at a word's edge).
std::size_t WordEndAt(std::string_view text, std::size_t pos);
// The sentence containing `pos` (checkworthy's splitter: the same sentences suggestions
// use), or the whole text's trimmed span when it has no sentence there.
ByteRange SentenceAt(std::string_view text, std::size_t pos);
// Whether [begin, end) starts or ends inside a word ("rity risk. It’s a big security ris").
bool CutsAWord(std::string_view text, std::size_t begin, std::size_t end);

}  // namespace factdesk::ui
