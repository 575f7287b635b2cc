#include "client/app/import_preview.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "import/attribution.h"
#include "import/importer.h"
#include "import/transcript_language.h"

namespace factdesk::app {

Result<std::string> ReadImportFile(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::InvalidArgument("file", "cannot read " + path + ": " + ec.message());
  if (size > max_bytes) {
    return Status::InvalidArgument("file", path + " is " + std::to_string(size) +
                                               " bytes; the limit is " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(
        "file", "cannot read " + path + ": " + std::generic_category().message(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ui::ImportPreview MakeImportPreview(const std::string& path, std::size_t first_segments) {
  ui::ImportPreview p;
  p.open = true;
  p.path = path;
  p.title = std::filesystem::path(path).stem().string();
  auto bytes = ReadImportFile(path);
  if (!bytes.ok()) {
    p.error = bytes.status().message();
    return p;
  }
  p.byte_size = static_cast<std::int64_t>(bytes->size());
  const import::Format format = import::GuessFormat(path, *bytes);
  auto parsed = import::Parse(*bytes, format);
  if (!parsed.ok()) {
    p.error = parsed.status().message();
    return p;
  }
  p.format = std::string(import::FormatName(parsed->format));
  p.speakers = parsed->speakers;
  p.unattributed = import::CountUnattributedSpeech(*parsed);
  p.unattributed_note = import::UnattributedNote(*parsed);
  p.needs_speaker = !import::RequireNamedSpeaker(*parsed).ok();
  p.segment_count = static_cast<int>(parsed->segments.size());
  const domain::LanguageGuess guess = import::GuessTranscriptLanguage(*parsed);
  p.language = guess.tag;
  p.language_why = guess.why;
  for (const auto& s : parsed->segments) {
    if (p.first_segments.size() >= first_segments) break;
    p.first_segments.push_back(
        {s.speaker, std::string(import::SegmentKindName(s.kind)), s.text, s.start_ms});
  }
  return p;
}

}  // namespace factdesk::app
