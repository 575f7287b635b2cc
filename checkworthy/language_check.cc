#include "checkworthy/language_check.h"

#include <fmt/format.h>

#include "domain/language_guess.h"
#include "domain/language_tag.h"

namespace factdesk::checkworthy {

LanguageVerdict CheckEnglish(const std::vector<std::string_view>& texts) {
  const domain::LanguageGuess guess = domain::GuessLanguage(texts);
  if (!guess.enough_text || guess.tag == "en") return {};
  if (guess.other_script_share > domain::kMaxOtherScriptShare) {
    return {false, fmt::format("{:.0f}% of its letters are outside the Latin alphabet ({}); the "
                               "scorer's model is English",
                               guess.other_script_share * 100, guess.why)};
  }
  return {false,
          fmt::format("only {:.0f}% of its {} words are common English words (the, and, of, ...; "
                      "English runs at about 40%){}; the scorer's model is English",
                      guess.english_share * 100, guess.words,
                      guess.tag == domain::kUndeterminedLanguage
                          ? std::string()
                          : fmt::format(", and it reads as {}", domain::LanguageName(guess.tag)))};
}

}  // namespace factdesk::checkworthy
