#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>

#include "import/importer.h"
#include "import/scan.h"
#include "import/timestamp.h"

namespace factdesk::import {
namespace {

constexpr std::size_t kSniffBytes = std::size_t{64} << 10U;
constexpr std::size_t kSniffLines = 10;

char AsciiLower(char c) {
  return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

std::optional<Format> FormatFromExtension(std::string_view filename) {
  const std::size_t dot = filename.rfind('.');
  const std::size_t slash = filename.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return std::nullopt;
  }
  std::string extension(filename.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(), AsciiLower);
  if (extension == "txt") return Format::kText;
  return ParseFormatName(extension);  // "vtt", "srt", "tsv"
}

bool HasVttSignature(std::string_view text) {
  if (!text.starts_with("WEBVTT")) return false;
  return text.size() == 6 || std::string_view(" \t\r\n").find(text[6]) != std::string_view::npos;
}

// "00:00:01,000 --> ..." (or with '.'): the start of an SRT timing line.
bool IsSrtTimingLine(std::string_view line) {
  const std::size_t arrow = line.find("-->");
  return arrow != std::string_view::npos &&
         ParseSrtTimestamp(TrimSpace(line.substr(0, arrow))).has_value();
}

// "12<TAB>HOLT<TAB>Good evening.": a numbered line with at least three fields.
bool IsTsvLine(std::string_view line) {
  const std::size_t tab = line.find('\t');
  return tab != std::string_view::npos && IsAllDigits(TrimSpace(line.substr(0, tab))) &&
         line.find('\t', tab + 1) != std::string_view::npos;
}

Format SniffFormat(std::string_view bytes) {
  const std::string_view text = StripBom(bytes);
  if (HasVttSignature(text)) return Format::kVtt;
  LineReader lines(text.substr(0, kSniffBytes));
  std::string_view line;
  std::size_t seen = 0;
  std::size_t tsv = 0;
  while (seen < kSniffLines && lines.Next(line)) {
    if (IsBlank(line)) continue;
    ++seen;
    if (IsSrtTimingLine(line)) return Format::kSrt;
    if (IsTsvLine(line)) ++tsv;
  }
  // Every line numbered and tab-separated, but for a possible header line.
  return tsv > 0 && tsv + 1 >= seen ? Format::kTsv : Format::kText;
}

}  // namespace

Format GuessFormat(std::string_view filename, std::string_view bytes) {
  if (const auto format = FormatFromExtension(filename)) return *format;
  return SniffFormat(bytes);
}

}  // namespace factdesk::import
