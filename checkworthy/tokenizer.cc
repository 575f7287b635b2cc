#include "checkworthy/tokenizer.h"

#include "checkworthy/characters.h"

namespace factdesk::checkworthy {
namespace {

char Lower(char c) {
  return domain::unicode::AsciiLower(c);
}

// The symbol tokens, by code point: "" for anything else.
std::string_view SymbolText(char32_t c) {
  switch (c) {
    case '$':
      return "$";
    case '%':
      return "%";
    case 0x00A3:  // £
      return "£";
    case 0x20AC:  // €
      return "€";
    case 0xFF05:  // ％
      return "%";
    default:
      return "";
  }
}

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  TokenizedSentence Read() {
    while (i_ < text_.size()) {
      const auto cp = chars::DecodeAt(text_, i_);
      if (cp.valid && chars::IsAsciiDigit(cp.value)) {
        ReadNumber();
      } else if (cp.valid && chars::IsWordChar(cp.value)) {
        ReadWord();
      } else {
        if (cp.valid) NoteMark(cp.value);
        const std::string_view symbol = cp.valid ? SymbolText(cp.value) : "";
        if (!symbol.empty()) out_.tokens.push_back({Token::Kind::kSymbol, std::string(symbol)});
        i_ += cp.size;
      }
    }
    return std::move(out_);
  }

 private:
  void NoteMark(char32_t c) {
    if (chars::IsSentenceEnd(c)) out_.question = c == '?' || c == 0xFF1F;
  }

  bool DigitAt(std::size_t k) const {
    return k < text_.size() && chars::IsAsciiDigit(static_cast<unsigned char>(text_[k]));
  }

  // 1,000  3.5  1990s  5th  (a "'" before the digits was skipped as punctuation).
  void ReadNumber() {
    Token token{Token::Kind::kNumber, {}};
    while (i_ < text_.size()) {
      const char c = text_[i_];
      const bool inner = (c == ',' || c == '.') && DigitAt(i_ + 1);
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!chars::IsAsciiDigit(static_cast<unsigned char>(c)) && !inner && !letter) break;
      token.text.push_back(Lower(c));
      ++i_;
    }
    out_.tokens.push_back(std::move(token));
  }

  // Letters (any script), digits after the first letter, inner apostrophes ("don't"),
  // and dotted initials ("U.S.").
  void ReadWord() {
    Token token{Token::Kind::kWord, {}};
    std::size_t letters = 0, upper = 0;
    token.capitalized = chars::IsAsciiUpper(static_cast<unsigned char>(text_[i_]));
    std::size_t apostrophe = std::string::npos;
    while (i_ < text_.size()) {
      const auto cp = chars::DecodeAt(text_, i_);
      if (cp.valid && chars::IsWordChar(cp.value)) {
        letters += chars::IsAsciiDigit(cp.value) ? 0 : 1;
        upper += chars::IsAsciiUpper(cp.value) ? 1 : 0;
        AppendLower(token.text, cp.size);
        continue;
      }
      const bool next_is_word = WordCharAt(i_ + cp.size);
      if (cp.valid && chars::IsApostrophe(cp.value) && next_is_word && !token.text.empty()) {
        apostrophe = token.text.size();
        token.text.push_back('\'');
        i_ += cp.size;
      } else if (cp.valid && cp.value == '.' && next_is_word && IsInitialsSoFar(token.text)) {
        token.text.push_back('.');
        ++i_;
      } else {
        break;
      }
    }
    token.all_caps = letters >= 2 && upper == letters;
    SplitClitic(std::move(token), apostrophe);
  }

  bool WordCharAt(std::size_t k) const {
    if (k >= text_.size()) return false;
    const auto cp = chars::DecodeAt(text_, k);
    return cp.valid && chars::IsWordChar(cp.value);
  }

  // "u", "u.s": one letter, then dot and letter pairs.
  static bool IsInitialsSoFar(const std::string& word) {
    for (std::size_t k = 0; k < word.size(); ++k) {
      if ((k % 2 == 1) != (word[k] == '.')) return false;
    }
    return word.size() % 2 == 1;
  }

  void AppendLower(std::string& out, std::size_t size) {
    for (std::size_t k = 0; k < size; ++k) out.push_back(Lower(text_[i_ + k]));
    i_ += size;
  }

  // "do" "n't", "we" "'ve", "china" "'s".
  void SplitClitic(Token token, std::size_t apostrophe) {
    std::string& w = token.text;
    if (apostrophe == std::string::npos) {
      out_.tokens.push_back(std::move(token));
      return;
    }
    std::size_t cut = apostrophe;
    if (w.ends_with("n't") && w.size() > 3 && apostrophe == w.size() - 2) cut = w.size() - 3;
    Token clitic{Token::Kind::kWord, w.substr(cut)};
    w.resize(cut);
    out_.tokens.push_back(std::move(token));
    out_.tokens.push_back(std::move(clitic));
  }

  std::string_view text_;
  std::size_t i_ = 0;
  TokenizedSentence out_;
};

}  // namespace

TokenizedSentence Tokenize(std::string_view sentence) {
  return Reader(sentence).Read();
}

}  // namespace factdesk::checkworthy
