#include "domain/text_validation.h"

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

}  // namespace

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
