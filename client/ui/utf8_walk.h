#pragma once

#include <cstddef>
#include <string_view>

namespace factdesk::ui {

// Stepping through UTF-8 text by code point (the reader's caret and selection move in
// code points; claims must start and end on code point boundaries).

// Decodes the code point at `pos` (U+FFFD for a malformed byte) and sets *next past it.
char32_t DecodeAt(std::string_view text, std::size_t pos, std::size_t* next);
// The boundary after / before `pos` (clamped to [0, size]).
std::size_t NextBoundary(std::string_view text, std::size_t pos);
std::size_t PrevBoundary(std::string_view text, std::size_t pos);
// `pos` moved back to the nearest boundary at or before it.
std::size_t FloorBoundary(std::string_view text, std::size_t pos);

}  // namespace factdesk::ui
