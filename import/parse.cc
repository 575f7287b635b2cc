#include <algorithm>
#include <string>

#include "common/utf8.h"
#include "import/attribution.h"
#include "import/importer.h"
#include "import/scan.h"

namespace factdesk::import {
namespace {

Result<Transcript> ParseFormat(std::string_view bytes, Format format, const Options& options) {
  switch (format) {
    case Format::kText:
      return ParseText(bytes, options);
    case Format::kVtt:
      return ParseVtt(bytes);
    case Format::kSrt:
      return ParseSrt(bytes);
    case Format::kTsv:
      return ParseTsv(bytes);
  }
  return Status::InvalidArgument("format", "unknown format");
}

}  // namespace

Result<Transcript> Parse(std::string_view bytes, Format format, const Options& options) {
  if (bytes.size() > options.max_bytes) {
    return Status::InvalidArgument("content", "transcript is " + std::to_string(bytes.size()) +
                                                  " bytes; the limit is " +
                                                  std::to_string(options.max_bytes) + " bytes");
  }
  if (const auto offset = utf8::FirstInvalidByte(bytes)) {
    return Status::InvalidArgument("content", "invalid UTF-8 at byte " + std::to_string(*offset));
  }
  // PostgreSQL text cannot hold NUL; refused here, naming the line, before any SQL.
  if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    const auto line =
        std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(nul), '\n') + 1;
    return Status::InvalidArgument("content", "line " + std::to_string(line) +
                                                  " holds a NUL character (byte " +
                                                  std::to_string(nul) + ")");
  }
  if (IsBlank(StripBom(bytes))) return Status::InvalidArgument("content", "no segments found");
  FD_ASSIGN_OR_RETURN(Transcript transcript, ParseFormat(bytes, format, options));
  AttributeUnlabelledSpeech(transcript, options.speaker);
  return transcript;
}

}  // namespace factdesk::import
