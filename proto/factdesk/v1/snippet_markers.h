#pragma once

#include <string_view>

// Search snippets of the factdesk.v1 contract (SearchHit.snippet, ClaimSearchHit.snippet)
// wrap each match between two private-use characters no transcript contains, named once
// for the clients. (The server's SQL writes the same two in ts_headline's options.)
namespace factdesk::v1 {

inline constexpr std::string_view kSnippetMatchOpen = "\xEE\x80\x80";   // U+E000
inline constexpr std::string_view kSnippetMatchClose = "\xEE\x80\x81";  // U+E001

}  // namespace factdesk::v1
