#pragma once

#include <optional>
#include <string>
#include <string_view>

// Speaker labels: the "Name:" that opens a turn in a plain-text transcript and the
// "NAME:" that opens a line of closed captions.
namespace factdesk::import {

struct SpeakerLabel {
  std::string_view name;  // as written: "Eric Pan", "MKM", "Male voice, rapping", "HOLT"
  std::string_view text;  // what follows the colon, trimmed
  bool initials = false;  // two to four capitals such as "MKM": may stand for a name used earlier
};

// A "Name: text" turn at the start of a paragraph, where Name is a person's name (see
// IsPersonName), two to four capitals (initials), or a short description of an unnamed
// voice ("Male voice, rapping", "Unidentified voice"). nullopt for everything else, such
// as "Note: ...", "Today in China, same idea:" or a label with nothing after it.
std::optional<SpeakerLabel> FindSpeakerLabel(std::string_view paragraph);

// "HOLT: text", "- HOLT: text" or ">> HOLT: text" at the start of a caption line. Only
// upper-case names count (the captioning convention), so ordinary sentences with a colon
// are never taken for labels. The text may be empty ("HOLT:" alone on a line).
std::optional<SpeakerLabel> FindCaptionLabel(std::string_view line);

// True when a caption line opens with "-" or ">>", the marks of a new, unnamed speaker.
bool StartsWithTurnMark(std::string_view line);

// One to five words, the first and last capitalised, with lower-case particles ("de",
// "van", "bin") allowed between; words are letters with '.', '-' and apostrophes
// ("Mary Kay Magistad", "J. R. R. Tolkien", "Ursula von der Leyen", "O’Brien"). Words that
// open headings, notes or sentences ("Note", "Episode", "This", "Laughter") cannot start one.
bool IsPersonName(std::string_view text);

// The person's name at the start of `text` ("Mary Kay Magistad" in "Mary Kay Magistad, a
// former correspondent"), ending at punctuation or at the first word that cannot be part
// of a name; empty if there is none.
std::string_view LeadingPersonName(std::string_view text);

// The first letters of a name's words, upper-cased: "Mary Kay Magistad" -> "MKM". With
// `split_hyphens`, hyphenated parts count as words: "Jean-Luc Picard" -> "JLP".
std::string Initials(std::string_view name, bool split_hyphens = false);

}  // namespace factdesk::import
