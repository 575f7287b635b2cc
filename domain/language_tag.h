#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

// A transcript's language as a BCP 47 tag ("en", "de-CH", "zh-Hans"), and the PostgreSQL
// text-search configuration its search uses. Pure: the server, the CLI and the desktop ask
// the same functions.
namespace factdesk::domain {

// "und": the language could not be told (BCP 47's "undetermined").
inline constexpr std::string_view kUndeterminedLanguage = "und";

// A well-formed tag in its normal case: a language subtag of 2 or 3 letters (lower case),
// then optionally a script of 4 letters (Title case), a region of 2 letters (upper case)
// or 3 digits, and variants of 5-8 letters or digits (or 4 starting with a digit; lower
// case), separated by '-'. Anything else is INVALID_ARGUMENT naming `field` and the part
// that is wrong. Extensions and private use ("-u-", "x-") are refused: no search or
// export reads them.
Result<std::string> NormalizeLanguageTag(std::string_view field, std::string_view tag);

// The tag's language subtag: "de" for "de-CH", "en" for "en".
std::string_view PrimaryLanguage(std::string_view tag);

// The text-search configuration for a (normalised) tag: the Snowball configuration
// PostgreSQL 15 ships for its language ("german" for de, de-AT, de-CH), "english" for
// "und" (what every transcript was searched with before transcripts had a language), and
// kNgramSearch for every other language (Chinese, Japanese, Korean, Polish, ...).
inline constexpr std::string_view kNgramSearch = "ngram";
std::string_view SearchConfigFor(std::string_view tag);

// The language's English name for messages ("German"); the tag itself when not known.
std::string LanguageName(std::string_view tag);

}  // namespace factdesk::domain
