#pragma once

#include <string>

#include "client/ui/session_data.h"
#include "common/result.h"

namespace factdesk::app {

// Reads a file for import, refusing what the server would refuse for size.
Result<std::string> ReadImportFile(const std::string& path, std::size_t max_bytes = 16U << 20U);

// The importer's preview of a file, made locally (the same parser the server runs):
// format, speakers, segment count and the first segments, or the importer's error
// (which names the byte offset or line). Runs on a worker thread.
ui::ImportPreview MakeImportPreview(const std::string& path, std::size_t first_segments = 8);

}  // namespace factdesk::app
