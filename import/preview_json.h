#pragma once

#include <string>

#include "import/transcript.h"

namespace factdesk::import {

// The dry-run preview `factdesk import FILE --dry-run --json` prints, on one line:
// {"format":"text","speakers":[...],"segments":[{"ordinal":0,"kind":"speech",
// "speaker":"Eric Pan","start_ms":null,"end_ms":null,"text":"..."}]}
// An empty speaker and missing times are null.
std::string ToPreviewJson(const Transcript& transcript);

}  // namespace factdesk::import
