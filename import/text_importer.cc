#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "import/assemble.h"
#include "import/importer.h"
#include "import/scan.h"
#include "import/speaker_label.h"

namespace factdesk::import {
namespace {

constexpr std::size_t kMinHeadingWords = 2;
constexpr std::size_t kMaxHeadingWords = 8;
constexpr std::size_t kMaxHeadingBytes = 80;

// How hosts introduce themselves in narration: "I'm Mary Kay Magistad, ...".
constexpr std::string_view kSelfIntroductions[] = {"I'm ", "I\xE2\x80\x99m ", "I am ",
                                                   "My name is ", "my name is "};

// Short words a title-case heading leaves in lower case.
constexpr std::string_view kHeadingSmallWords =
    "a an and at by for from in of on or the to vs with";

enum class Kind { kNarration, kTurn, kCue, kCaption };

struct Paragraph {
  Kind kind = Kind::kNarration;
  std::string text;       // for turns, the text after the label
  std::string label;      // for turns, the name as written
  bool initials = false;  // for turns labelled "MKM"
};

// Paragraphs are separated by blank lines, or are single lines when the file has no
// blank line between text. A line that opens with a speaker label starts a new one.
std::vector<std::string> SplitParagraphs(std::string_view text) {
  bool blank_separated = false;
  {
    LineReader lines(text);
    std::string_view line;
    bool seen_text = false;
    bool blank_after_text = false;
    while (!blank_separated && lines.Next(line)) {
      if (IsBlank(line)) {
        blank_after_text = seen_text;
      } else {
        blank_separated = blank_after_text;
        seen_text = true;
      }
    }
  }
  std::vector<std::string> paragraphs;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) paragraphs.push_back(std::move(current));
    current.clear();
  };
  LineReader lines(text);
  std::string_view line;
  while (lines.Next(line)) {
    const std::string_view trimmed = TrimSpace(line);
    if (trimmed.empty() || !blank_separated) flush();
    if (trimmed.empty()) continue;
    if (!current.empty() && FindSpeakerLabel(trimmed)) flush();
    if (!current.empty()) current.push_back(' ');
    current.append(trimmed);
  }
  flush();
  return paragraphs;
}

// "Beijing, China, with a poster in the foreground. (Mary Kay Magistad)": a sentence,
// then the photographer's name in parentheses. "(Laughter)" is no name, so speech that
// ends "... you know. (Laughter)" stays speech.
bool IsPhotoCaption(std::string_view paragraph) {
  if (!paragraph.ends_with(')')) return false;
  const std::size_t open = paragraph.rfind('(');
  if (open == std::string_view::npos || open == 0) return false;
  const std::string_view credit =
      TrimSpace(paragraph.substr(open + 1, paragraph.size() - open - 2));
  const std::string_view before = TrimSpace(paragraph.substr(0, open));
  return !before.empty() && std::string_view(".!?").find(before.back()) != std::string_view::npos &&
         IsPersonName(credit);
}

// "Episode Transcript": a few title-case words without sentence punctuation.
bool IsHeading(std::string_view paragraph) {
  if (paragraph.size() > kMaxHeadingBytes) return false;
  if (paragraph.find_first_of(".!?;:\"") != std::string_view::npos) return false;
  std::size_t words = 0;
  std::size_t pos = 0;
  while (pos < paragraph.size()) {
    std::size_t end = paragraph.find(' ', pos);
    if (end == std::string_view::npos) end = paragraph.size();
    const std::string_view word = paragraph.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    ++words;
    const bool small = words > 1 && IsListedWord(kHeadingSmallWords, word);
    // Non-ASCII initials are let through: their case is not cheap to tell.
    const auto c = static_cast<unsigned char>(word.front());
    if (!small && !(IsAsciiUpper(word.front()) || IsAsciiDigit(word.front()) || c >= 0x80U)) {
      return false;
    }
  }
  const auto last = static_cast<unsigned char>(paragraph.back());
  const bool ends_in_word = IsAsciiUpper(paragraph.back()) || IsAsciiLower(paragraph.back()) ||
                            IsAsciiDigit(paragraph.back()) || last >= 0x80U;
  return ends_in_word && words >= kMinHeadingWords && words <= kMaxHeadingWords;
}

Paragraph Classify(std::string paragraph) {
  Paragraph result;
  if (IsStageDirection(paragraph)) {
    result.kind = Kind::kCue;
  } else if (const auto label = FindSpeakerLabel(paragraph)) {
    result.kind = Kind::kTurn;
    result.label = std::string(label->name);
    result.initials = label->initials;
    result.text = std::string(label->text);
    return result;
  } else if (IsPhotoCaption(paragraph) || IsHeading(paragraph)) {
    // Headings, like photo captions, label the document and carry no claims.
    result.kind = Kind::kCaption;
  }
  result.text = std::move(paragraph);
  return result;
}

// The names a paragraph introduces with "I'm ..." and the like, in order. Guests are
// introduced with "This is ...", so that phrase does not count.
std::vector<std::string_view> SelfIntroducedNames(std::string_view text) {
  std::vector<std::string_view> names;
  for (const std::string_view intro : kSelfIntroductions) {
    for (std::size_t at = text.find(intro); at != std::string_view::npos;
         at = text.find(intro, at + 1)) {
      // A word of its own, not a quote opening with it: "“I'm Donald Trump and I approve".
      if (at > 0 && text[at - 1] != ' ') continue;
      const std::string_view name = LeadingPersonName(text.substr(at + intro.size()));
      if (!name.empty()) names.push_back(name);
    }
  }
  return names;
}

// The host speaks the unlabelled narration of a podcast, and hosts introduce themselves
// in it ("I'm Mary Kay Magistad, a former Beijing-based China correspondent..."). The
// first self-introduced name that also labels turns wins; else the first self-introduced
// name of two or more words; else nobody (import/attribution.h).
std::string FindHost(const std::vector<Paragraph>& paragraphs) {
  std::unordered_set<std::string_view> labels;
  for (const Paragraph& p : paragraphs) {
    if (p.kind == Kind::kTurn && !p.initials) labels.insert(p.label);
  }
  std::string_view fallback;
  for (const Paragraph& p : paragraphs) {
    if (p.kind != Kind::kNarration) continue;
    for (const std::string_view name : SelfIntroducedNames(p.text)) {
      if (labels.contains(name)) return std::string(name);
      if (fallback.empty() && name.find(' ') != std::string_view::npos) fallback = name;
    }
  }
  return std::string(fallback);
}

// Initials ("MKM") stand for the last speaker named in full whose initials they are.
class InitialsResolver {
 public:
  void Remember(const std::string& name) {
    by_initials_[Initials(name)] = name;
    by_initials_[Initials(name, /*split_hyphens=*/true)] = name;
  }
  const std::string& Resolve(const std::string& label) const {
    std::string key = label;
    std::erase(key, '.');  // "M.K.M."
    const auto it = by_initials_.find(key);
    return it == by_initials_.end() ? label : it->second;
  }

 private:
  std::unordered_map<std::string, std::string> by_initials_;
};

}  // namespace

Result<Transcript> ParseText(std::string_view bytes, const Options& options) {
  std::vector<Paragraph> paragraphs;
  for (std::string& text : SplitParagraphs(StripBom(bytes))) {
    paragraphs.push_back(Classify(std::move(text)));
  }
  // A speaker the user names is who speaks the narration, whoever it introduces.
  const std::string host = options.speaker.empty() ? FindHost(paragraphs) : options.speaker;
  InitialsResolver initials;
  if (!host.empty()) initials.Remember(host);

  std::vector<Segment> segments;
  segments.reserve(paragraphs.size());
  for (Paragraph& p : paragraphs) {
    Segment segment;
    segment.text = std::move(p.text);
    switch (p.kind) {
      case Kind::kCue:
        segment.kind = SegmentKind::kCue;
        break;
      case Kind::kCaption:
        segment.kind = SegmentKind::kCaption;
        break;
      case Kind::kNarration:
        segment.speaker = host;
        break;
      case Kind::kTurn:
        if (p.initials) {
          segment.speaker = initials.Resolve(p.label);
        } else {
          initials.Remember(p.label);
          segment.speaker = std::move(p.label);
        }
        break;
    }
    segments.push_back(std::move(segment));
  }
  return AssembleTranscript(Format::kText, std::move(segments));
}

}  // namespace factdesk::import
