#include "domain/match_text.h"

#include <algorithm>
#include <array>

#include "common/utf8.h"
#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

// Sorted by code point (FoldForMatching searches it).
constexpr std::array kFolds = {
    MatchFold{0x85, ' '},     // NEXT LINE
    MatchFold{0xA0, ' '},     // NO-BREAK SPACE
    MatchFold{0xAB, '"'},     // « LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    MatchFold{0xBB, '"'},     // » RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
    MatchFold{0x1680, ' '},   // OGHAM SPACE MARK
    MatchFold{0x2000, ' '},   // EN QUAD .. HAIR SPACE
    MatchFold{0x2001, ' '},   //
    MatchFold{0x2002, ' '},   //
    MatchFold{0x2003, ' '},   //
    MatchFold{0x2004, ' '},   //
    MatchFold{0x2005, ' '},   //
    MatchFold{0x2006, ' '},   //
    MatchFold{0x2007, ' '},   //
    MatchFold{0x2008, ' '},   //
    MatchFold{0x2009, ' '},   //
    MatchFold{0x200A, ' '},   //
    MatchFold{0x200B, ' '},   // ZERO WIDTH SPACE
    MatchFold{0x2010, '-'},   // HYPHEN
    MatchFold{0x2011, '-'},   // NON-BREAKING HYPHEN
    MatchFold{0x2012, '-'},   // FIGURE DASH
    MatchFold{0x2013, '-'},   // EN DASH
    MatchFold{0x2014, '-'},   // EM DASH
    MatchFold{0x2015, '-'},   // HORIZONTAL BAR
    MatchFold{0x2018, '\''},  // ‘ LEFT SINGLE QUOTATION MARK
    MatchFold{0x2019, '\''},  // ’ RIGHT SINGLE QUOTATION MARK
    MatchFold{0x201A, '\''},  // ‚ SINGLE LOW-9 QUOTATION MARK
    MatchFold{0x201B, '\''},  // ‛ SINGLE HIGH-REVERSED-9 QUOTATION MARK
    MatchFold{0x201C, '"'},   // “ LEFT DOUBLE QUOTATION MARK
    MatchFold{0x201D, '"'},   // ” RIGHT DOUBLE QUOTATION MARK
    MatchFold{0x201E, '"'},   // „ DOUBLE LOW-9 QUOTATION MARK
    MatchFold{0x201F, '"'},   // ‟ DOUBLE HIGH-REVERSED-9 QUOTATION MARK
    MatchFold{0x2028, ' '},   // LINE SEPARATOR
    MatchFold{0x2029, ' '},   // PARAGRAPH SEPARATOR
    MatchFold{0x202F, ' '},   // NARROW NO-BREAK SPACE
    MatchFold{0x2032, '\''},  // ′ PRIME
    MatchFold{0x2033, '"'},   // ″ DOUBLE PRIME
    MatchFold{0x2039, '\''},  // ‹ SINGLE LEFT-POINTING ANGLE QUOTATION MARK
    MatchFold{0x203A, '\''},  // › SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
    MatchFold{0x205F, ' '},   // MEDIUM MATHEMATICAL SPACE
    MatchFold{0x2212, '-'},   // MINUS SIGN
    MatchFold{0x3000, ' '},   // IDEOGRAPHIC SPACE
    MatchFold{0xFEFF, ' '},   // BYTE ORDER MARK
    MatchFold{0xFF02, '"'},   // ＂ FULLWIDTH QUOTATION MARK
    MatchFold{0xFF07, '\''},  // ＇ FULLWIDTH APOSTROPHE
};

// The quote as code points to match: folded, whitespace runs as one ' ', trimmed. An
// invalid byte becomes a value past Unicode, so it matches only itself.
std::u32string QuotePattern(std::string_view quote) {
  std::u32string pattern;
  for (std::size_t i = 0; i < quote.size();) {
    const unicode::CodePoint cp = unicode::DecodeAt(quote, i);
    if (cp.valid && unicode::IsWhitespace(cp.value)) {
      if (!pattern.empty() && pattern.back() != U' ') pattern += U' ';
    } else {
      pattern +=
          cp.valid ? FoldForMatching(cp.value) : 0x110000 + static_cast<unsigned char>(quote[i]);
    }
    i += cp.size;
  }
  if (!pattern.empty() && pattern.back() == U' ') pattern.pop_back();
  return pattern;
}

// The end of the match of `pattern` at `start` in `text`, or npos.
std::size_t MatchAt(std::string_view text, std::size_t start, std::u32string_view pattern) {
  std::size_t pos = start;
  for (const char32_t want : pattern) {
    if (pos >= text.size()) return std::string_view::npos;
    if (want == U' ') {
      const std::size_t before = pos;
      while (pos < text.size()) {
        const unicode::CodePoint cp = unicode::DecodeAt(text, pos);
        if (!cp.valid || !unicode::IsWhitespace(cp.value)) break;
        pos += cp.size;
      }
      if (pos == before) return std::string_view::npos;
      continue;
    }
    const unicode::CodePoint cp = unicode::DecodeAt(text, pos);
    const char32_t got =
        cp.valid ? FoldForMatching(cp.value) : 0x110000 + static_cast<unsigned char>(text[pos]);
    if (got != want) return std::string_view::npos;
    pos += cp.size;
  }
  return pos;
}

}  // namespace

std::span<const MatchFold> MatchFolds() {
  return kFolds;
}

char32_t FoldForMatching(char32_t code_point) {
  if (code_point < 0x80) return code_point;
  const auto* it =
      std::lower_bound(kFolds.begin(), kFolds.end(), code_point,
                       [](const MatchFold& fold, char32_t value) { return fold.from < value; });
  return it != kFolds.end() && it->from == code_point ? static_cast<char32_t>(it->to) : code_point;
}

std::string FoldForMatching(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const unicode::CodePoint cp = unicode::DecodeAt(text, i);
    const char32_t folded = cp.valid ? FoldForMatching(cp.value) : cp.value;
    if (cp.valid && folded != cp.value) {
      out += static_cast<char>(folded);
    } else {
      out.append(text.substr(i, cp.size));
    }
    i += cp.size;
  }
  return out;
}

std::vector<TextRange> FindQuote(std::string_view segment_text, std::string_view quote) {
  std::vector<TextRange> found;
  const std::u32string pattern = QuotePattern(quote);
  if (pattern.empty()) return found;
  for (std::size_t start = 0; start < segment_text.size(); ++start) {
    if (!utf8::IsBoundary(segment_text, start)) continue;
    const std::size_t end = MatchAt(segment_text, start, pattern);
    if (end != std::string_view::npos) {
      found.push_back({static_cast<std::int64_t>(start), static_cast<std::int64_t>(end)});
    }
  }
  return found;
}

}  // namespace factdesk::domain
