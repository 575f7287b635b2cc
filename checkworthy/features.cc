#include "checkworthy/features.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

#include "checkworthy/lexicon.h"
#include "common/utf8.h"

namespace factdesk::checkworthy {
namespace {

using namespace lexicon;  // NOLINT(google-build-using-namespace): the word classes

// The named features, in the order they are emitted.
enum CueId {
  kNumber,
  kPercentage,
  kMoneyCue,
  kLargeNumberCue,
  kYear,
  kComparison,
  kComparativeCue,
  kChangeCue,
  kSuperlativeCue,
  kCausalCue,
  kStatisticCue,
  kTimeSpan,
  kNamedEntity,
  kAcronym,
  kPastAction,
  kReportCue,
  kLawCue,
  kDenialCue,
  kQuestion,
  kOpinionCue,
  kFutureCue,
  kModalCue,
  kCourtesyCue,
  kNegationCue,
  kLength1To3,
  kLength4To7,
  kLength8To15,
  kLength16To30,
  kLength31Up,
  kCueCount
};

constexpr std::array<Cue, kCueCount> kCues = {{
    {"number", "a number"},
    {"percentage", "a percentage"},
    {"money", "an amount of money"},
    {"large_number", "a large number (thousands, millions)"},
    {"year", "a year or a date"},
    {"comparison", "compares two quantities"},
    {"comparative", "more or less, higher or lower"},
    {"change", "a rise or a fall"},
    {"superlative", "a superlative or a record"},
    {"causal", "says what caused what"},
    {"statistic", "a named statistic (jobs, taxes, crime, ...)"},
    {"time_span", "a quantity over time"},
    {"named_entity", "names a person, place or institution"},
    {"acronym", "an acronym (NAFTA, ISIS)"},
    {"past_action", "says what someone did"},
    {"report", "reports what someone said"},
    {"law", "a law, a vote or a deal"},
    {"denial", "disputes a fact"},
    {"question", "a question"},
    {"opinion", "an opinion or a belief"},
    {"future", "a prediction or a promise"},
    {"modal", "says what should be done"},
    {"courtesy", "courtesy or a stage direction"},
    {"negation", "a negation"},
    {"length_1_3", "a very short sentence"},
    {"length_4_7", "a short sentence"},
    {"length_8_15", "a sentence of 8 to 15 words"},
    {"length_16_30", "a long sentence"},
    {"length_31_up", "a very long sentence"},
}};

using CueFlags = std::array<bool, kCueCount>;

// A number token's digits.
std::size_t DigitCount(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

// 1900..2099, "1990s", "90s".
bool IsYear(std::string_view text) {
  std::string_view digits = text;
  if (digits.ends_with('s')) digits.remove_suffix(1);
  if (digits.size() == 2) return DigitCount(digits) == 2 && text.size() == 3;
  int value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size() && digits.size() == 4 &&
         value >= 1900 && value <= 2099;
}

// What one sentence holds, token by token.
class CueReader {
 public:
  explicit CueReader(const TokenizedSentence& s) : tokens_(s.tokens), classes_(s.tokens.size()) {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      if (tokens_[i].kind == Token::Kind::kWord) classes_[i] = ClassesOf(tokens_[i].text);
      all_ |= classes_[i];
    }
    all_caps_ = std::all_of(tokens_.begin(), tokens_.end(), [](const Token& t) {
      return t.kind != Token::Kind::kWord || t.all_caps || t.text.size() == 1;
    });
    flags_[kQuestion] = s.question;
  }

  CueFlags Read() {
    ReadWordClasses();
    for (std::size_t i = 0; i < tokens_.size(); ++i) ReadToken(i);
    ReadLength();
    return flags_;
  }

 private:
  bool Has(std::uint32_t cls) const { return (all_ & cls) != 0; }
  bool Is(std::size_t i, std::uint32_t cls) const {
    return i < tokens_.size() && (classes_[i] & cls) != 0;
  }
  bool Word(std::size_t i, std::string_view text) const {
    return i < tokens_.size() && tokens_[i].text == text;
  }
  bool Numeric(std::size_t i) const {
    return i < tokens_.size() && (tokens_[i].kind == Token::Kind::kNumber || Is(i, kNumberWord));
  }

  // Features that one word shows by itself.
  void ReadWordClasses() {
    flags_[kNumber] = Has(kNumberWord);
    flags_[kPercentage] = Has(kPercent);
    flags_[kMoneyCue] = Has(kMoney);
    flags_[kLargeNumberCue] = Has(kLargeNumber);
    flags_[kYear] = Has(kMonth);
    flags_[kComparison] = Has(kCompare);
    flags_[kComparativeCue] = Has(kComparative);
    flags_[kChangeCue] = Has(kChange);
    flags_[kSuperlativeCue] = Has(kSuperlative);
    flags_[kCausalCue] = Has(kCausal);
    flags_[kStatisticCue] = Has(kStatistic);
    flags_[kReportCue] = Has(kReport);
    flags_[kLawCue] = Has(kLaw);
    flags_[kDenialCue] = Has(kDenial);
    flags_[kFutureCue] = Has(kFuture);
    flags_[kModalCue] = Has(kModal);
    flags_[kCourtesyCue] = Has(kCourtesy);
    flags_[kNegationCue] = Has(kNegation);
  }

  void ReadToken(std::size_t i) {
    const Token& t = tokens_[i];
    if (t.kind == Token::Kind::kNumber) ReadNumber(t.text);
    if (t.kind == Token::Kind::kSymbol) {
      flags_[kPercentage] |= t.text == "%";
      flags_[kMoneyCue] |= t.text != "%";
      return;
    }
    if (t.kind == Token::Kind::kWord && i > 0 && t.capitalized && t.text != "i") {
      flags_[kNamedEntity] = true;
    }
    // "NAFTA", but not a word in a line set all in capitals ("(APPLAUSE)").
    flags_[kAcronym] |= t.all_caps && t.text.size() <= 6 && !all_caps_;
    ReadPhrases(i);
  }

  void ReadNumber(std::string_view text) {
    flags_[kNumber] = true;
    const bool year = IsYear(text);
    flags_[kYear] |= year;
    flags_[kLargeNumberCue] |= !year && DigitCount(text) >= 4;
  }

  // Features that take two or three words: "per cent", "due to", "last year", "I think".
  void ReadPhrases(std::size_t i) {
    const std::string_view w = tokens_[i].text;
    flags_[kPercentage] |= w == "per" && Word(i + 1, "cent");
    flags_[kComparison] |= w == "as" && Is(i + 1, kComparative | kNumberWord) && Word(i + 2, "as");
    // "went up", "are down", "way up"
    flags_[kChangeCue] |=
        (w == "went" || w == "gone" || w == "go" || w == "goes" || w == "is" || w == "are" ||
         w == "was" || w == "were" || w == "'s" || w == "'re" || w == "way") &&
        (Word(i + 1, "up") || Word(i + 1, "down"));
    flags_[kSuperlativeCue] |= w == "number" && Word(i + 1, "one");
    flags_[kCausalCue] |=
        (w == "due" || w == "led" || w == "leads" || w == "thanks") && Word(i + 1, "to");
    flags_[kCausalCue] |= w == "result" && (Word(i + 1, "of") || Word(i + 1, "in"));
    flags_[kReportCue] |= w == "according" && Word(i + 1, "to");
    flags_[kDenialCue] |= w == "not" && Word(i + 1, "true");
    flags_[kFutureCue] |= w == "going" && Word(i + 1, "to") && !Numeric(i + 2);
    flags_[kModalCue] |=
        (w == "need" || w == "needs" || w == "have" || w == "has") && Word(i + 1, "to");
    flags_[kCourtesyCue] |= w == "good" && (Word(i + 1, "evening") || Word(i + 1, "morning") ||
                                            Word(i + 1, "night") || Word(i + 1, "afternoon"));
    flags_[kOpinionCue] |= Is(i, kSubject) && Is(i + 1, kOpinion);
    flags_[kOpinionCue] |= w == "in" && Word(i + 1, "my") && Word(i + 2, "opinion");
    ReadTimeSpan(i);
    ReadPastAction(i);
  }

  // "since 2001", "30 years", "last year", "a year", "ten years ago", "annually".
  void ReadTimeSpan(std::size_t i) {
    const std::string_view w = tokens_[i].text;
    bool span = w == "ago" || w == "annually" || (w == "since" && Numeric(i + 1));
    if (Is(i, kTimeUnit) && i > 0) {
      span |= Numeric(i - 1) || Is(i - 1, kTimeAnchor) || Word(i - 1, "a") || Word(i - 1, "this") ||
              Word(i - 1, "next");
    }
    flags_[kTimeSpan] |= span;
  }

  // "I voted", "we have lost", "he never paid", "they didn't build": a subject, up to two
  // auxiliaries or adverbs, then a verb in the past.
  void ReadPastAction(std::size_t i) {
    if (!Is(i, kSubject)) return;
    for (std::size_t k = i + 1; k < tokens_.size() && k <= i + 3; ++k) {
      if (Is(k, kPastVerb)) {
        flags_[kPastAction] = true;
        return;
      }
      const std::string_view w = tokens_[k].text;
      const bool auxiliary = w == "have" || w == "'ve" || w == "has" || w == "had" || w == "'d" ||
                             w == "never" || w == "n't" || w == "also" || w == "already" ||
                             w == "just" || w == "actually" || w == "all";
      if (!auxiliary) return;
    }
  }

  void ReadLength() {
    const auto words = std::count_if(tokens_.begin(), tokens_.end(),
                                     [](const Token& t) { return t.kind != Token::Kind::kSymbol; });
    const CueId bucket = words <= 3    ? kLength1To3
                         : words <= 7  ? kLength4To7
                         : words <= 15 ? kLength8To15
                         : words <= 30 ? kLength16To30
                                       : kLength31Up;
    flags_[bucket] = true;
  }

  const std::vector<Token>& tokens_;
  std::vector<std::uint32_t> classes_;
  std::uint32_t all_ = 0;
  bool all_caps_ = false;  // every word in capitals
  CueFlags flags_{};
};

// The word as the n-gram features see it: digits shown as 0 ("2,008" -> "0,000").
void Shape(const Token& token, std::string& out) {
  out = token.text;
  if (token.kind != Token::Kind::kNumber) return;
  for (char& c : out) {
    if (c >= '0' && c <= '9') c = '0';
  }
}

void AddCharGrams(const std::string& shape, const FeatureSet& set, FeatureSink& sink,
                  std::vector<std::size_t>& starts) {
  const std::string padded = "<" + shape + ">";
  starts.clear();
  for (std::size_t i = 0; i < padded.size(); ++i) {
    if (utf8::IsBoundary(padded, i)) starts.push_back(i);
  }
  starts.push_back(padded.size());
  const std::size_t points = starts.size() - 1;
  for (std::size_t n = static_cast<std::size_t>(set.char_min);
       n <= static_cast<std::size_t>(set.char_max) && n <= points; ++n) {
    for (std::size_t first = 0; first + n <= points; ++first) {
      sink.Add(kCharFamily,
               std::string_view(padded).substr(starts[first], starts[first + n] - starts[first]),
               1.0);
    }
  }
}

void AddNgrams(const TokenizedSentence& sentence, const FeatureSet& set, FeatureSink& sink) {
  std::string previous, shape, pair;
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < sentence.tokens.size(); ++i) {
    const Token& token = sentence.tokens[i];
    Shape(token, shape);
    if (set.words) sink.Add(kWordFamily, shape, 1.0);
    if (set.bigrams && i > 0) {
      pair.assign(previous).append(" ").append(shape);
      sink.Add(kBigramFamily, pair, 1.0);
    }
    if (set.char_max > 0 && token.kind != Token::Kind::kSymbol) {
      AddCharGrams(shape, set, sink, starts);
    }
    previous.swap(shape);
  }
}

}  // namespace

std::span<const Cue> Cues() {
  return kCues;
}

std::optional<std::string_view> CueDescription(std::string_view name) {
  for (const Cue& cue : kCues) {
    if (cue.name == name) return cue.description;
  }
  return std::nullopt;
}

void ExtractFeatures(const TokenizedSentence& sentence, const FeatureSet& set, FeatureSink& sink) {
  if (set.cues) {
    const CueFlags flags = CueReader(sentence).Read();
    for (std::size_t i = 0; i < kCueCount; ++i) {
      if (flags[i]) sink.Add(kCueFamily, kCues[i].name, 1.0);
    }
  }
  AddNgrams(sentence, set, sink);
}

}  // namespace factdesk::checkworthy
