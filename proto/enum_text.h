#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

namespace factdesk::v1 {

// An enum value's name without its type prefix: CLAIM_STATUS_IN_REVIEW -> "IN_REVIEW"
// (or "in_review" with lowercase). The database stores these, the CLI prints them.
template <typename E>
std::string EnumText(E value, bool lowercase = false) {
  const auto* type = google::protobuf::GetEnumDescriptor<E>();
  const auto* unspecified = type->FindValueByNumber(0);
  const auto* v = type->FindValueByNumber(static_cast<int>(value));
  if (v == nullptr || unspecified == nullptr) return "";
  const std::string& prefix_source = unspecified->name();  // FOO_UNSPECIFIED
  const std::size_t prefix_len = prefix_source.size() - std::string_view("UNSPECIFIED").size();
  std::string text = v->name().substr(prefix_len);
  if (lowercase) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return text;
}

// The inverse of EnumText, case-insensitive; nullopt for unknown text and for UNSPECIFIED.
template <typename E>
std::optional<E> EnumFromText(std::string_view text) {
  const auto* type = google::protobuf::GetEnumDescriptor<E>();
  for (int i = 1; i < type->value_count(); ++i) {
    const E value = static_cast<E>(type->value(i)->number());
    const std::string name = EnumText(value);
    if (name.size() == text.size() &&
        std::equal(name.begin(), name.end(), text.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) ==
                 std::toupper(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return std::nullopt;
}

// True when `value` is a defined, non-UNSPECIFIED value (requests may carry any int).
template <typename E>
bool IsKnownEnum(E value) {
  return static_cast<int>(value) != 0 &&
         google::protobuf::GetEnumDescriptor<E>()->FindValueByNumber(static_cast<int>(value)) !=
             nullptr;
}

}  // namespace factdesk::v1
