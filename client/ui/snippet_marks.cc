#include "client/ui/snippet_marks.h"

#include "client/ui/text_format.h"

namespace factdesk::ui {

MarkedSnippet MarkSnippet(std::string_view snippet) {
  MarkedSnippet out;
  for (const SnippetPart& part : ParseSnippet(snippet)) {
    const std::size_t start = out.text.size();
    out.text += part.text;
    if (part.match) out.matches.emplace_back(start, out.text.size());
  }
  return out;
}

}  // namespace factdesk::ui
