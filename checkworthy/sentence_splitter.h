#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace factdesk::checkworthy {

// A sentence's place in its segment: UTF-8 byte offsets [begin, end), on code point
// boundaries, without the whitespace around it.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  friend bool operator==(const Span&, const Span&) = default;
};

// Splits a segment's text into sentences. A sentence ends at . ! ? or … (closing quotes
// and brackets stay with it, straight or curly) when a space follows and the next word
// does not start in lower case; after "Mr.", "Dr.", an initial or "U.S." it goes on. A
// blank line ends a sentence too. Every Unicode space counts (a no-break space included),
// and text with no end mark is one sentence. Whitespace-only text has none.
std::vector<Span> SplitSentences(std::string_view text);

}  // namespace factdesk::checkworthy
