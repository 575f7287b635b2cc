#include "domain/text_validation.h"

#include <cstdio>
#include <optional>
#include <utility>

#include "common/utf8.h"
#include "domain/limits.h"
#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

Status ValidateIdentifier(std::string_view field, std::string_view value, std::size_t min_chars,
                          std::size_t max_chars) {
  bool valid = value.size() >= min_chars && value.size() <= max_chars && IsLowerAlnum(value[0]);
  for (const char c : value) {
    if (!IsLowerAlnum(c) && c != '.' && c != '_' && c != '-') valid = false;
  }
  if (valid) return Status::Ok();
  return Status::InvalidArgument(std::string(field), "must be " + std::to_string(min_chars) +
                                                         "\u2013" + std::to_string(max_chars) +
                                                         " characters of a-z, 0-9, '.', '_' or "
                                                         "'-', starting with a letter or digit");
}

// The first control character other than tab and newline: its code point and byte.
std::optional<std::pair<unsigned, std::size_t>> FirstControl(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return std::pair{unsigned{c}, i};
    // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F in (already valid) UTF-8.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      return std::pair{unsigned{static_cast<unsigned char>(text[i + 1])}, i};
    }
  }
  return std::nullopt;
}

}  // namespace

Status ValidateLine(std::string_view field, std::string_view text, std::size_t max_chars,
                    bool required) {
  FD_RETURN_IF_ERROR(ValidateText(field, text, max_chars, required));
  if (const auto control = FirstControl(text)) {
    char code[8];
    std::snprintf(code, sizeof code, "U+%04X", control->first);
    return Status::InvalidArgument(std::string(field), "must not contain control characters (" +
                                                           std::string(code) + " at byte " +
                                                           std::to_string(control->second) + ")");
  }
  return Status::Ok();
}

Status ValidateText(std::string_view field, std::string_view text, std::size_t max_chars,
                    bool required) {
  const std::string name(field);
  if (const auto bad = utf8::FirstInvalidByte(text)) {
    return Status::InvalidArgument(name, "is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    return Status::InvalidArgument(
        name, "must not contain a NUL character (byte " + std::to_string(nul) + ")");
  }
  if (required && unicode::TrimView(text).empty()) {
    return Status::InvalidArgument(name, "must not be empty");
  }
  if (const std::size_t count = utf8::CodePointCount(text); count > max_chars) {
    return Status::InvalidArgument(name, "must be at most " + std::to_string(max_chars) +
                                             " characters (got " + std::to_string(count) + ")");
  }
  return Status::Ok();
}

std::string Trim(std::string_view text) {
  return std::string(unicode::TrimView(text));
}

Status ValidateHandle(std::string_view handle) {
  return ValidateIdentifier("handle", handle, kMinHandleChars, kMaxHandleChars);
}

Status ValidateSlug(std::string_view slug) {
  return ValidateIdentifier("slug", slug, kMinSlugChars, kMaxSlugChars);
}

}  // namespace factdesk::domain
