#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// How text is compared when people search it or quote it. Transcripts carry typography
// (no-break spaces, curly quotes, dashes) that people do not type, so matching folds each
// of those code points to the ASCII character typed for it. Only matching folds: stored
// text stays exactly as imported, so byte offsets into it stay true.
namespace factdesk::domain {

struct MatchFold {
  char32_t from = 0;
  char to = ' ';
};

// Every non-ASCII code point matching folds: the Unicode whitespace unicode::IsWhitespace
// knows to ' ', single quote marks and primes to '\'', double ones and guillemets to '"',
// hyphens and dashes to '-'. PostgreSQL's fd_match_text() (migrations/0002) folds the same
// table for full-text search; a test holds the two together.
std::span<const MatchFold> MatchFolds();

// The ASCII character `code_point` folds to, or `code_point` itself.
char32_t FoldForMatching(char32_t code_point);

// `text` with every code point folded (invalid bytes kept as they are).
std::string FoldForMatching(std::string_view text);

// A byte range [start, end) in a segment's text.
struct TextRange {
  std::int64_t start = 0;
  std::int64_t end = 0;
  friend bool operator==(const TextRange&, const TextRange&) = default;
};

// Every occurrence of what a person typed as `quote` in `segment_text`, as byte ranges of
// the stored text, to anchor a claim on (domain/anchor.h). Matching folds typography as
// above (' matches ’, a space matches a no-break space), any run of whitespace in the
// quote matches any run in the text, and the quote's own leading and trailing whitespace
// is ignored; everything else matches byte for byte. Empty for a quote of only whitespace.
std::vector<TextRange> FindQuote(std::string_view segment_text, std::string_view quote);

}  // namespace factdesk::domain
