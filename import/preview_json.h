#pragma once

#include <string>

#include "import/transcript.h"

namespace factdesk::import {

// The dry-run preview `factdesk import FILE --dry-run --json` prints, on one line:
// {"format":"text","speakers":[...],"unattributed_speech":0,"segments":[{"ordinal":0,
// "kind":"speech","speaker":"Eric Pan","start_ms":null,"end_ms":null,"text":"..."}]}
// An empty speaker and missing times are null; unattributed_speech counts the speech
// segments nobody is named as saying (import/attribution.h).
std::string ToPreviewJson(const Transcript& transcript);

}  // namespace factdesk::import
