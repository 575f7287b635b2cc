#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The import window: the importer's preview of a dropped or typed file (format,
// speakers, segment count, the first segments, or the error with its byte offset or
// line), a title, and Import / Cancel. Nothing is sent before Import.
void DrawImportPreview(ViewContext& ctx);
// The path field and button in the top bar.
void DrawImportField(ViewContext& ctx);
// How wide DrawImportField draws (the top bar wraps before it when it does not fit).
float ImportFieldWidth();

}  // namespace factdesk::ui
