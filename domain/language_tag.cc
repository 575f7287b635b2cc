#include "domain/language_tag.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace factdesk::domain {
namespace {

constexpr std::size_t kMaxTagLength = 35;

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool AllOf(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}
bool IsAlnum(char c) {
  return IsAlpha(c) || IsDigit(c);
}
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}
std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

std::vector<std::string_view> Subtags(std::string_view tag) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = tag.find('-', start);
    parts.push_back(tag.substr(start, dash == std::string_view::npos ? dash : dash - start));
    if (dash == std::string_view::npos) return parts;
    start = dash + 1;
  }
}

bool IsVariant(std::string_view s) {
  if (!AllOf(s, IsAlnum)) return false;
  return (s.size() >= 5 && s.size() <= 8) || (s.size() == 4 && IsDigit(s[0]));
}

// Primary language subtag -> PostgreSQL 15's Snowball configuration (`\dF`).
constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kConfigs = {{
    {"ar", "arabic"},     {"ca", "catalan"},   {"da", "danish"},     {"de", "german"},
    {"el", "greek"},      {"en", "english"},   {"es", "spanish"},    {"eu", "basque"},
    {"fi", "finnish"},    {"fr", "french"},    {"ga", "irish"},      {"hi", "hindi"},
    {"hu", "hungarian"},  {"hy", "armenian"},  {"id", "indonesian"}, {"it", "italian"},
    {"lt", "lithuanian"}, {"nb", "norwegian"}, {"ne", "nepali"},     {"nl", "dutch"},
    {"nn", "norwegian"},  {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},    {"sr", "serbian"},   {"sv", "swedish"},    {"ta", "tamil"},
    {"tr", "turkish"},    {"und", "english"},  {"yi", "yiddish"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kNames = {{
    {"ar", "Arabic"},  {"da", "Danish"},    {"de", "German"},     {"el", "Greek"},
    {"en", "English"}, {"es", "Spanish"},   {"fa", "Persian"},    {"fi", "Finnish"},
    {"fr", "French"},  {"he", "Hebrew"},    {"hi", "Hindi"},      {"hy", "Armenian"},
    {"it", "Italian"}, {"ja", "Japanese"},  {"ka", "Georgian"},   {"ko", "Korean"},
    {"nl", "Dutch"},   {"no", "Norwegian"}, {"pt", "Portuguese"}, {"ru", "Russian"},
    {"sv", "Swedish"}, {"th", "Thai"},      {"uk", "Ukrainian"},  {"zh", "Chinese"},
}};

Status Refuse(std::string_view field, std::string_view tag, std::string_view why) {
  return Status::InvalidArgument(std::string(field),
                                 "\"" + std::string(tag) + "\" is not a BCP 47 language tag (" +
                                     std::string(why) + "; for example \"en\", \"de-CH\", " +
                                     "\"zh-Hans\")");
}

}  // namespace

std::string_view PrimaryLanguage(std::string_view tag) {
  return tag.substr(0, tag.find('-'));
}

Result<std::string> NormalizeLanguageTag(std::string_view field, std::string_view tag) {
  if (tag.empty()) return Status::InvalidArgument(std::string(field), "must not be empty");
  if (tag.size() > kMaxTagLength) {
    return Status::InvalidArgument(std::string(field), "is longer than 35 characters");
  }
  const std::vector<std::string_view> parts = Subtags(tag);
  const std::string_view language = parts[0];
  if (!AllOf(language, IsAlpha) || language.size() < 2 || language.size() > 3) {
    return Refuse(field, tag, "the language must be 2 or 3 letters");
  }
  std::string out = Lower(language);
  std::size_t i = 1;
  if (i < parts.size() && parts[i].size() == 4 && AllOf(parts[i], IsAlpha)) {
    out += "-" + Upper(parts[i].substr(0, 1)) + Lower(parts[i].substr(1));
    ++i;
  }
  if (i < parts.size() && ((parts[i].size() == 2 && AllOf(parts[i], IsAlpha)) ||
                           (parts[i].size() == 3 && AllOf(parts[i], IsDigit)))) {
    out += "-" + Upper(parts[i]);
    ++i;
  }
  for (; i < parts.size(); ++i) {
    if (!IsVariant(parts[i])) {
      return Refuse(field, tag,
                    parts[i].empty() ? std::string_view("an empty part between '-'")
                                     : std::string_view("a script is 4 letters, a region 2 "
                                                        "letters or 3 digits, a variant 5-8 "
                                                        "letters or digits, in that order"));
    }
    out += "-" + Lower(parts[i]);
  }
  return out;
}

std::string_view SearchConfigFor(std::string_view tag) {
  const std::string_view primary = PrimaryLanguage(tag);
  for (const auto& [lang, config] : kConfigs) {
    if (lang == primary) return config;
  }
  return kNgramSearch;
}

std::string LanguageName(std::string_view tag) {
  const std::string_view primary = PrimaryLanguage(tag);
  for (const auto& [lang, name] : kNames) {
    if (lang == primary) return std::string(name);
  }
  return std::string(tag);
}

}  // namespace factdesk::domain
