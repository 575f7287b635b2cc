#include "import/transcript_language.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace factdesk::import {

domain::LanguageGuess GuessTranscriptLanguage(const Transcript& transcript) {
  std::vector<std::string_view> texts;
  const std::size_t n = std::min(static_cast<std::size_t>(domain::kLanguageSampleSegments),
                                 transcript.segments.size());
  texts.reserve(n);
  for (std::size_t i = 0; i < n; ++i) texts.push_back(transcript.segments[i].text);
  return domain::GuessLanguage(texts);
}

}  // namespace factdesk::import
