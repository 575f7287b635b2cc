#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

// Checks every free-text request field goes through before any SQL runs (DESIGN 4.5).
namespace factdesk::domain {

// OK, or INVALID_ARGUMENT "<field>: <reason>", checking in this order:
//   "is not valid UTF-8 (byte 17)"
//   "must not contain a NUL character (byte 3)"   (PostgreSQL text cannot store NUL)
//   "must not be empty"                           (when required: empty or only whitespace)
//   "must be at most 500 characters (got 612)"    (characters are code points)
// Length counts the text as given, whitespace included; optional text may be empty.
Status ValidateText(std::string_view field, std::string_view text, std::size_t max_chars,
                    bool required);

// ValidateText for a single-line field (summary, title, name, ...), which also refuses
// control characters other than tab and newline: C0, DEL and C1 (U+0080..U+009F), as
// "must not contain control characters (U+001B at byte 5)". Multi-line fields (notes,
// rationales, reasons) keep what was written; clients make controls visible on display.
Status ValidateLine(std::string_view field, std::string_view text, std::size_t max_chars,
                    bool required);

// `text` without leading and trailing whitespace: ASCII whitespace, the Unicode spaces
// (U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) and
// the invisible U+200B and U+FEFF.
std::string Trim(std::string_view text);

// User handles and workspace slugs: 2..40 characters of a-z, 0-9, '.', '_' or '-',
// starting with a letter or digit. Lowercase only, so they compare bytewise.
Status ValidateHandle(std::string_view handle);  // field "handle"
Status ValidateSlug(std::string_view slug);      // field "slug"

}  // namespace factdesk::domain
