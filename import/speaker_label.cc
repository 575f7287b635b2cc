#include "import/speaker_label.h"

#include <cstddef>
#include <vector>

#include "import/scan.h"

namespace factdesk::import {
namespace {

constexpr std::size_t kMaxLabelBytes = 80;
constexpr std::size_t kMaxNameBytes = 60;
constexpr std::size_t kMaxNameWords = 5;
constexpr std::size_t kMaxCaptionNameBytes = 40;
constexpr std::size_t kMaxCaptionNameWords = 4;
constexpr std::size_t kMaxVoiceWords = 4;
constexpr std::string_view kEnDash = "\xE2\x80\x93";

// Words that open notes, headings, stage directions and sentences, never a speaker's name:
// "Note: ...", "Episode 5: ...", "(Laughter)", "Today: ...". Compared ignoring case.
constexpr std::string_view kNotNames =
    "Also And Answer Applause At Background Bottom But Caption Captioning Captions Chapter "
    "Cheering Cheers Chuckles Clarification Contact Contents Correction Credit Credits Crosstalk "
    "Date Disclaimer Editor's Editor\xE2\x80\x99s Email Episode Example For From Fwd Here Image In "
    "Inaudible Intro It Its Keywords Laughs Laughter Links Listen Location More Music NB No Note "
    "Notes Now OK Okay On Or Outro P.S. PS Part Pause Photo Produced Question Re Read Related "
    "Remember Season Section See Silence So Sound Sounds Source Sources Step Subject Subscribe "
    "Subtitle Subtitles Summary Sync Synced Tags That The Then There These This Those Tip Title "
    "Today Topics Transcribed Transcript Transcription Translated Translation Update Updated "
    "Warning Watch Website Well With Yes";

// Abbreviations that look like initials but open notes: "NB: ...", "PS: ...".
constexpr std::string_view kNotInitials = "AKA FAQ FYI FWD NB NOTE OK PPS PS RE TBA TBD";

// Lower-case words inside names: "Ursula von der Leyen", "Osama bin Laden".
constexpr std::string_view kParticles =
    "al bin da das de del della den der di do dos du el ibn la le ter van von y zu";

// Nouns that describe an unnamed speaker: "Male voice", "Unidentified voice", "Woman in crowd".
constexpr std::string_view kVoiceNouns =
    "announcer anchor audience boy caller child chorus crowd girl host interpreter interviewer man "
    "moderator narrator participant reporter singer speaker student translator voice voices woman";

// Words that make a description about someone rather than a label: "A woman told me: ...".
constexpr std::string_view kDeterminers =
    "a an another every her his my one our some that the their this your";

// The code point at `pos` and its length; malformed bytes read as U+FFFD, one byte long.
char32_t DecodeAt(std::string_view s, std::size_t pos, std::size_t& len) {
  const auto c = static_cast<unsigned char>(s[pos]);
  len = c < 0x80U ? 1 : c < 0xE0U ? 2 : c < 0xF0U ? 3 : 4;
  if (c >= 0x80U && (c < 0xC2U || c > 0xF4U || pos + len > s.size())) {
    len = 1;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1FU) : len == 3 ? (c & 0x0FU) : (c & 0x07U);
  for (std::size_t i = 1; i < len; ++i) {
    cp = (cp << 6U) | (static_cast<unsigned char>(s[pos + i]) & 0x3FU);
  }
  return cp;
}

// Letters as far as names need them: ASCII letters and non-ASCII code points outside the
// punctuation and symbol blocks.
bool IsLetter(char32_t cp) {
  if (cp < 0x80) return IsAsciiUpper(static_cast<char>(cp)) || IsAsciiLower(static_cast<char>(cp));
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, arrows, symbols
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFE6F) return false;  // compatibility punctuation
  if (cp >= 0xFF00 && cp <= 0xFF20) return false;  // full-width punctuation
  return true;
}

// Upper case where it is cheap to tell (ASCII, Latin-1); other letters may start a name.
bool IsCapital(char32_t cp) {
  if (cp < 0x80) return IsAsciiUpper(static_cast<char>(cp));
  if (cp <= 0xFF) return cp >= 0xC0 && cp <= 0xDE && cp != 0xD7;
  return IsLetter(cp);
}

bool IsApostrophe(char32_t cp) {
  return cp == '\'' || cp == 0x2019;
}

// Letters with '.', '-' and apostrophes inside; with `capital`, the first is upper case.
bool IsNameWord(std::string_view word, bool capital) {
  bool letters = false;
  for (std::size_t i = 0, len = 0; i < word.size(); i += len) {
    const char32_t cp = DecodeAt(word, i, len);
    if (i == 0 && !(capital ? IsCapital(cp) : IsLetter(cp))) return false;
    if (IsLetter(cp)) {
      letters = true;
    } else if (cp != '.' && cp != '-' && !IsApostrophe(cp)) {
      return false;
    }
  }
  return letters;
}

// Splits at single spaces; false if there are more than `max` words or empty ones.
bool SplitWords(std::string_view text, std::size_t max, std::vector<std::string_view>& words) {
  words.clear();
  while (true) {
    const std::size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    if (word.empty() || words.size() == max) return false;
    words.push_back(word);
    if (space == std::string_view::npos) return true;
    text.remove_prefix(space + 1);
  }
}

bool IsInitials(std::string_view name) {
  std::size_t letters = 0;
  for (const char c : name) {
    if (IsAsciiUpper(c)) {
      ++letters;
    } else if (c != '.') {
      return false;
    }
  }
  return letters >= 2 && letters <= 4 && !IsListedWord(kNotInitials, name);
}

std::string_view WithoutTrailingComma(std::string_view word) {
  if (word.ends_with(',')) word.remove_suffix(1);
  return word;
}

// "Male voice, rapping", "Unidentified voice": a voice noun as first or second word.
bool IsVoiceDescription(std::string_view label) {
  std::vector<std::string_view> words;
  if (label.size() > kMaxLabelBytes || !SplitWords(label, kMaxVoiceWords, words)) return false;
  std::size_t len = 0;
  if (!IsCapital(DecodeAt(words[0], 0, len)) || IsListedWord(kDeterminers, words[0]) ||
      IsListedWord(kNotNames, WithoutTrailingComma(words[0]))) {
    return false;
  }
  bool noun = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = WithoutTrailingComma(words[i]);
    if (word.empty() || !IsNameWord(word, false)) return false;
    if (i < 2 && IsListedWord(kVoiceNouns, word)) noun = true;
  }
  return noun;
}

// Upper-case ASCII or Latin-1 letters, spaces, '.', '-' and apostrophes; counts the letters.
bool IsCaptionName(std::string_view name, std::size_t& letters) {
  letters = 0;
  for (std::size_t i = 0, len = 0; i < name.size(); i += len) {
    const char32_t cp = DecodeAt(name, i, len);
    if (cp <= 0xFF && IsCapital(cp)) {
      ++letters;
    } else if (cp != ' ' && cp != '.' && cp != '-' && !IsApostrophe(cp)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsPersonName(std::string_view text) {
  std::vector<std::string_view> words;
  if (text.size() > kMaxNameBytes || !SplitWords(text, kMaxNameWords, words)) return false;
  if (IsListedWord(kNotNames, words.front())) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool inner = i > 0 && i + 1 < words.size();
    if (!IsNameWord(words[i], true) && !(inner && IsListedWord(kParticles, words[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view LeadingPersonName(std::string_view text) {
  // Word ends, without the punctuation that closes the name ("Magistad," "Magistad.").
  std::vector<std::size_t> ends;
  std::size_t pos = 0;
  while (ends.size() < kMaxNameWords && pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    bool last = false;
    while (!word.empty() &&
           std::string_view(",;:!?)").find(word.back()) != std::string_view::npos) {
      word.remove_suffix(1);
      last = true;
    }
    // A full stop ends the name unless the word is an initial ("J.").
    if (word.size() > 2 && word.ends_with('.')) {
      word.remove_suffix(1);
      last = true;
    }
    if (word.empty()) break;
    ends.push_back(pos + word.size());
    if (last) break;
    pos = end + 1;
  }
  for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
    if (IsPersonName(text.substr(0, *it))) return text.substr(0, *it);
  }
  return {};
}

std::string Initials(std::string_view name, bool split_hyphens) {
  std::string initials;
  bool word_start = true;
  for (std::size_t i = 0, len = 0; i < name.size(); i += len) {
    const char32_t cp = DecodeAt(name, i, len);
    if (cp == ' ' || (split_hyphens && cp == '-')) {
      word_start = true;
      continue;
    }
    // Lower-case particles ("van", "de") are not initialled.
    if (word_start && IsCapital(cp)) initials.append(name.substr(i, len));
    word_start = false;
  }
  return initials;
}

std::optional<SpeakerLabel> FindSpeakerLabel(std::string_view paragraph) {
  const std::size_t colon = paragraph.substr(0, kMaxLabelBytes + 1).find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  if (SpaceAt(paragraph, colon + 1) == 0) return std::nullopt;  // "10:30", "http://"
  SpeakerLabel label;
  label.name = TrimSpace(paragraph.substr(0, colon));
  label.text = TrimSpace(paragraph.substr(colon + 1));
  if (label.text.empty()) return std::nullopt;  // "This is Felix Mueller:" introduces a quote
  if (IsInitials(label.name)) {
    label.initials = true;
    return label;
  }
  if (IsPersonName(label.name) || IsVoiceDescription(label.name)) return label;
  return std::nullopt;
}

std::optional<SpeakerLabel> FindCaptionLabel(std::string_view line) {
  std::string_view rest = TrimSpace(line);
  if (rest.starts_with(">>")) {
    rest = TrimSpace(rest.substr(2));
  } else if (rest.starts_with('-')) {
    rest = TrimSpace(rest.substr(1));
  } else if (rest.starts_with(kEnDash)) {
    rest = TrimSpace(rest.substr(kEnDash.size()));
  }
  const std::size_t colon = rest.substr(0, kMaxCaptionNameBytes + 1).find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  if (colon + 1 < rest.size() && SpaceAt(rest, colon + 1) == 0) return std::nullopt;
  const std::string_view name = TrimSpace(rest.substr(0, colon));
  std::size_t letters = 0;
  std::vector<std::string_view> words;
  if (!IsCaptionName(name, letters) || letters < 2 ||
      !SplitWords(name, kMaxCaptionNameWords, words) || IsListedWord(kNotNames, words.front())) {
    return std::nullopt;
  }
  return SpeakerLabel{name, TrimSpace(rest.substr(colon + 1)), false};
}

bool StartsWithTurnMark(std::string_view line) {
  line = TrimSpace(line);
  if (line.starts_with(">>") || line.starts_with(kEnDash)) return true;
  return line.starts_with('-') && !(line.size() > 1 && IsAsciiDigit(line[1]));
}

}  // namespace factdesk::import
