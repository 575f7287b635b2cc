#pragma once

#include <string_view>

#include "common/result.h"
#include "import/transcript.h"

namespace factdesk::import {

// Guesses the format from the file name's extension, then from the content
// (a "WEBVTT" signature, SRT timing lines, tab-separated numbered lines), else text.
Format GuessFormat(std::string_view filename, std::string_view bytes);

// Parses a whole file. Refuses, with INVALID_ARGUMENT and a message naming the
// problem, input over options.max_bytes, invalid UTF-8 (naming the byte offset),
// input that yields no segments, and format errors (naming the line). Speech that no
// label attributes goes to options.speaker when it is given.
Result<Transcript> Parse(std::string_view bytes, Format format, const Options& options = {});

// The per-format parsers behind Parse (input already size- and UTF-8-checked).
Result<Transcript> ParseText(std::string_view bytes, const Options& options = {});
Result<Transcript> ParseVtt(std::string_view bytes);
Result<Transcript> ParseSrt(std::string_view bytes);
Result<Transcript> ParseTsv(std::string_view bytes);

}  // namespace factdesk::import
