#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// Marks the selection as a claim (Ctrl+M, the "Mark claim" button). A selection that
// starts or ends inside a word ("rity risk. It’s a big security ris", a quick drag with
// Alt or Shift+arrows) is not marked at once: the user is asked first.
void RequestMark(ViewContext& ctx);

// The question, while one is pending: mark the whole words, mark exactly what is
// selected, or cancel.
void DrawMarkConfirm(ViewContext& ctx);

}  // namespace factdesk::ui
