#pragma once

#include "domain/language_guess.h"
#include "import/transcript.h"

namespace factdesk::import {

// The language of a parsed transcript, guessed from the text of its first 300 segments
// (domain/language_guess.h): what the server stores when an import names none, and what
// the previews (`factdesk import --dry-run`, the desktop's import dialog) show.
domain::LanguageGuess GuessTranscriptLanguage(const Transcript& transcript);

}  // namespace factdesk::import
