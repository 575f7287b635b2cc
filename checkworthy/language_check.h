#pragma once

#include <string>
#include <string_view>
#include <vector>

// Whether a transcript is English, so the English model is not asked to rank another
// language (it would rank nonsense: its words and cues are English). It is the guess
// transcripts get their language from (domain/language_guess.h), so the two never
// disagree: the share of letters outside the Latin alphabet, then which language's
// commonest function words ("the", "and", "of", ...; about 40% of running English) the
// words are.
namespace factdesk::checkworthy {

struct LanguageVerdict {
  bool english = true;
  // Why not, in words ("only 2% of its 300 words are common English words").
  std::string why;
};

// Reads at most the first few thousand words of `texts`. Too little text to tell (under
// 20 letters, or under 20 words in the Latin alphabet) counts as English: scoring it
// costs nothing and misleads no one.
LanguageVerdict CheckEnglish(const std::vector<std::string_view>& texts);

}  // namespace factdesk::checkworthy
