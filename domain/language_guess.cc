#include "domain/language_guess.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string_view>

#include "common/utf8.h"
#include "domain/language_tag.h"
#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

constexpr std::size_t kMaxWords = 5000;
constexpr std::size_t kMinWords = 20;
constexpr std::size_t kMinLetters = 20;
// A Latin-alphabet language's function words make 30-45% of its running text and under
// 5% of the others' (English's 48 are the scorer's original list).
constexpr double kMinWordShare = 0.15;

enum Script {
  kLatin,
  kHan,
  kKana,
  kHangul,
  kCyrillic,
  kGreek,
  kArabic,
  kHebrew,
  kDevanagari,
  kThai,
  kArmenian,
  kGeorgian,
  kTamil,
  kScriptCount,
  kNotALetter = kScriptCount
};

struct ScriptInfo {
  std::string_view tag;
  std::string_view letters;  // for the reason
};
constexpr std::array<ScriptInfo, kScriptCount> kScripts = {{
    {"", "Latin letters"},
    {"zh", "Han characters"},
    {"ja", "kana"},
    {"ko", "Hangul"},
    {"ru", "Cyrillic letters"},
    {"el", "Greek letters"},
    {"ar", "Arabic letters"},
    {"he", "Hebrew letters"},
    {"hi", "Devanagari letters"},
    {"th", "Thai letters"},
    {"hy", "Armenian letters"},
    {"ka", "Georgian letters"},
    {"ta", "Tamil letters"},
}};

struct Range {
  char32_t first, last;
  Script script;
};
constexpr std::array<Range, 27> kRanges = {{
    {0x00C0, 0x00D6, kLatin},      {0x00D8, 0x00F6, kLatin},    {0x00F8, 0x024F, kLatin},
    {0x0370, 0x03FF, kGreek},      {0x0400, 0x052F, kCyrillic}, {0x0530, 0x058F, kArmenian},
    {0x0590, 0x05FF, kHebrew},     {0x0600, 0x06FF, kArabic},   {0x0750, 0x077F, kArabic},
    {0x0900, 0x097F, kDevanagari}, {0x0B80, 0x0BFF, kTamil},    {0x0E00, 0x0E7F, kThai},
    {0x10A0, 0x10FF, kGeorgian},   {0x1100, 0x11FF, kHangul},   {0x1E00, 0x1EFF, kLatin},
    {0x1F00, 0x1FFF, kGreek},      {0x3040, 0x30FF, kKana},     {0x3130, 0x318F, kHangul},
    {0x31F0, 0x31FF, kKana},       {0x3400, 0x4DBF, kHan},      {0x4E00, 0x9FFF, kHan},
    {0xAC00, 0xD7AF, kHangul},     {0xF900, 0xFAFF, kHan},      {0xFB50, 0xFDFF, kArabic},
    {0xFE70, 0xFEFC, kArabic},     {0xFF66, 0xFF9F, kKana},     {0x20000, 0x2FFFF, kHan},
}};

std::string Percent(double share) {
  return std::to_string(std::lround(share * 100)) + "%";
}

Script ScriptOf(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return kLatin;
  if (c < 0xC0) return kNotALetter;
  for (const Range& r : kRanges) {
    if (c >= r.first && c <= r.last) return r.script;
  }
  return kNotALetter;
}

// Letters that tell a Cyrillic or Arabic-script text's language apart from the default.
bool IsUkrainianLetter(char32_t c) {
  return c == 0x0404 || c == 0x0406 || c == 0x0407 || c == 0x0454 || c == 0x0456 || c == 0x0457 ||
         c == 0x0490 || c == 0x0491;
}
bool IsSerbianLetter(char32_t c) {
  return c == 0x0452 || c == 0x0458 || c == 0x0459 || c == 0x045A || c == 0x045B || c == 0x045F;
}
bool IsPersianLetter(char32_t c) {
  return c == 0x067E || c == 0x0686 || c == 0x0698 || c == 0x06AF || c == 0x06A9 || c == 0x06CC;
}

// Each language's commonest words, lower case; a word common to several counts for each.
// English's are the scorer's original 48.
constexpr std::array<std::string_view, 48> kEnglishWords = {
    "about", "all", "and",  "are",  "be",   "because", "been",  "but",   "by",   "can",
    "could", "did", "do",   "for",  "from", "had",     "has",   "have",  "he",   "her",
    "his",   "i",   "if",   "is",   "it",   "just",    "more",  "not",   "of",   "on",
    "or",    "our", "said", "she",  "that", "the",     "their", "there", "they", "this",
    "to",    "was", "we",   "were", "what", "which",   "with",  "you"};
constexpr std::array<std::string_view, 40> kGermanWords = {
    "der",  "die",  "das", "und", "ist",  "nicht", "zu",     "den",   "von",   "mit",
    "sich", "des",  "auf", "für", "im",   "dem",   "ein",    "eine",  "einen", "auch",
    "wir",  "ich",  "sie", "er",  "wird", "sind",  "hat",    "aber",  "oder",  "wie",
    "noch", "nach", "bei", "aus", "um",   "dass",  "werden", "wurde", "haben", "über"};
constexpr std::array<std::string_view, 36> kFrenchWords = {
    "le",   "la",  "les",  "et",  "des",   "est", "une", "un",   "du",   "que",  "qui",  "dans",
    "pour", "pas", "sur",  "au",  "avec",  "ce",  "il",  "elle", "nous", "vous", "sont", "été",
    "mais", "ou",  "plus", "par", "cette", "aux", "ont", "ne",   "se",   "son",  "sa",   "ces"};
constexpr std::array<std::string_view, 32> kSpanishWords = {
    "el",  "la",  "los", "las",     "y",    "en",   "del",  "que", "por", "con",  "una",
    "es",  "se",  "lo",  "más",     "pero", "como", "para", "su",  "al",  "este", "esta",
    "son", "fue", "muy", "también", "ya",   "hay",  "sus",  "le",  "un",  "ha"};
constexpr std::array<std::string_view, 31> kItalianWords = {
    "il", "la",   "le",     "di",  "che", "è",     "e",     "del",    "della", "per",   "non",
    "un", "una",  "sono",   "con", "si",  "lo",    "gli",   "nel",    "alla",  "anche", "più",
    "ma", "come", "questo", "ha",  "dei", "delle", "nella", "essere", "stato"};
constexpr std::array<std::string_view, 32> kPortugueseWords = {
    "o",   "a",   "os",  "as",   "e",   "em",     "do",   "da",   "dos", "das", "que",
    "não", "um",  "uma", "para", "com", "no",     "na",   "é",    "se",  "por", "mais",
    "ao",  "foi", "são", "como", "mas", "também", "pelo", "pela", "seu", "sua"};
constexpr std::array<std::string_view, 30> kDutchWords = {
    "de",   "het", "een",  "en", "van", "is",  "dat",   "op",   "te",   "zijn",
    "niet", "met", "voor", "er", "aan", "ook", "als",   "maar", "bij",  "nog",
    "wel",  "dit", "die",  "we", "ze",  "hij", "wordt", "werd", "naar", "heeft"};
constexpr std::array<std::string_view, 30> kSwedishWords = {
    "och",  "att", "det",  "som", "en",  "på",   "är",    "för",   "med", "av",
    "inte", "den", "till", "har", "jag", "de",   "om",    "var",   "så",  "men",
    "ett",  "vi",  "kan",  "han", "hon", "från", "också", "efter", "vad", "mig"};
constexpr std::array<std::string_view, 34> kDanishWords = {
    "og",  "at",  "det",  "som",   "en",   "på",  "er",   "for", "med",   "af",   "ikke", "den",
    "til", "har", "jeg",  "de",    "om",   "var", "så",   "men", "et",    "vi",   "kan",  "han",
    "hun", "fra", "også", "efter", "hvad", "mig", "blev", "nu",  "nogen", "meget"};
constexpr std::array<std::string_view, 34> kNorwegianWords = {
    "og",  "at",  "det",  "som",   "en",  "på",  "er",  "for", "med",  "av", "ikke", "den",
    "til", "har", "jeg",  "de",    "om",  "var", "så",  "men", "et",   "vi", "kan",  "han",
    "hun", "fra", "også", "etter", "hva", "meg", "ble", "nå",  "noen", "mye"};
constexpr std::array<std::string_view, 28> kFinnishWords = {
    "ja",    "on",   "ei",  "se",  "että", "oli", "hän",   "ovat", "mutta", "kun",
    "niin",  "myös", "tai", "jos", "sen",  "ole", "olla",  "joka", "mitä",  "vain",
    "hänen", "tämä", "ne",  "me",  "kuin", "nyt", "siitä", "sitä"};

struct Language {
  std::string_view tag;
  std::span<const std::string_view> words;
};
constexpr std::array<Language, 11> kLatinLanguages = {{
    {"en", kEnglishWords},
    {"de", kGermanWords},
    {"fr", kFrenchWords},
    {"es", kSpanishWords},
    {"it", kItalianWords},
    {"pt", kPortugueseWords},
    {"nl", kDutchWords},
    {"sv", kSwedishWords},
    {"da", kDanishWords},
    {"no", kNorwegianWords},
    {"fi", kFinnishWords},
}};

struct Counts {
  std::array<std::size_t, kScriptCount> letters{};
  std::size_t ukrainian = 0, serbian = 0, persian = 0;
  std::size_t words = 0;
  std::array<std::size_t, kLatinLanguages.size()> language_words{};
};

void CountWord(const std::string& word, Counts& c) {
  ++c.words;
  for (std::size_t i = 0; i < kLatinLanguages.size(); ++i) {
    const auto& words = kLatinLanguages[i].words;
    if (std::find(words.begin(), words.end(), word) != words.end()) ++c.language_words[i];
  }
}

char32_t LatinLower(char32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
  return c;
}

void CountText(std::string_view text, Counts& c) {
  std::string word;
  for (std::size_t i = 0; i < text.size() && c.words < kMaxWords;) {
    const unicode::CodePoint cp = unicode::DecodeAt(text, i);
    i += cp.size;
    const Script script = cp.valid ? ScriptOf(cp.value) : kNotALetter;
    if (script != kNotALetter) ++c.letters[script];
    if (script == kLatin) {
      utf8::Append(word, LatinLower(cp.value));
      continue;
    }
    c.ukrainian += IsUkrainianLetter(cp.value) ? 1 : 0;
    c.serbian += IsSerbianLetter(cp.value) ? 1 : 0;
    c.persian += IsPersianLetter(cp.value) ? 1 : 0;
    // "don't" is one word, "dont", not "don"
    if ((cp.value == '\'' || cp.value == 0x2019) && !word.empty()) continue;
    if (!word.empty()) CountWord(word, c);
    word.clear();
  }
  if (!word.empty() && c.words < kMaxWords) CountWord(word, c);
}

std::string_view ScriptTag(Script script, const Counts& c) {
  const std::size_t n = c.letters[script];
  if (script == kHan && c.letters[kKana] * 10 >= n) return "ja";
  if (script == kCyrillic && c.ukrainian * 100 >= n) return "uk";
  if (script == kCyrillic && c.serbian * 100 >= n) return "sr";
  if (script == kArabic && c.persian * 50 >= n) return "fa";
  return kScripts[script].tag;
}

void GuessScript(const Counts& c, std::size_t letters, LanguageGuess& g) {
  Script top = kHan;
  for (int s = kHan; s < kScriptCount; ++s) {
    if (c.letters[s] > c.letters[top]) top = static_cast<Script>(s);
  }
  // Japanese mixes kanji and kana: kana decide it even when kanji are more.
  if (top == kKana) top = c.letters[kHan] > 0 ? kHan : kKana;
  g.tag = std::string(ScriptTag(top, c));
  const std::size_t n = c.letters[top] + (top == kHan ? c.letters[kKana] : 0);
  g.why = Percent(static_cast<double>(n) / static_cast<double>(letters)) + " of its letters are " +
          std::string(g.tag == "ja" ? "kanji and kana" : kScripts[top].letters) + " (" +
          LanguageName(g.tag) + ")";
}

void GuessLatin(const Counts& c, LanguageGuess& g) {
  const auto& languages = kLatinLanguages;
  std::size_t best = 0;
  for (std::size_t i = 1; i < languages.size(); ++i) {
    if (c.language_words[i] > c.language_words[best]) best = i;
  }
  g.best_share = static_cast<double>(c.language_words[best]) / static_cast<double>(c.words);
  if (g.best_share < kMinWordShare) {
    g.why = "no language's common words make 15% of its " + std::to_string(c.words) + " words";
    return;
  }
  g.tag = std::string(languages[best].tag);
  g.why = Percent(g.best_share) + " of its " + std::to_string(c.words) + " words are common " +
          LanguageName(g.tag) + " words";
}

}  // namespace

LanguageGuess GuessLanguage(const std::vector<std::string_view>& texts) {
  Counts c;
  for (const std::string_view text : texts) {
    if (c.words >= kMaxWords) break;
    CountText(text, c);
  }
  LanguageGuess g;
  std::size_t letters = 0;
  for (const std::size_t n : c.letters) letters += n;
  g.words = c.words;
  g.other_script_share = letters == 0 ? 0
                                      : static_cast<double>(letters - c.letters[kLatin]) /
                                            static_cast<double>(letters);
  g.english_share =
      c.words == 0 ? 0 : static_cast<double>(c.language_words[0]) / static_cast<double>(c.words);
  if (letters >= kMinLetters && g.other_script_share > kMaxOtherScriptShare) {
    g.enough_text = true;
    GuessScript(c, letters, g);
    return g;
  }
  if (c.words < kMinWords) {
    g.why = "too little text to tell (" + std::to_string(c.words) + " words)";
    return g;
  }
  g.enough_text = true;
  GuessLatin(c, g);
  return g;
}

}  // namespace factdesk::domain
