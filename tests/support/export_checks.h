#pragma once

// Checks of exported files shared by the export library's unit tests and the export
// service's integration tests: a strict RFC 4180 reader and the schema.org vocabulary.
// Header-only (gtest and nlohmann_json), so test binaries that do not link the harness
// can use it too.

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace factdesk::testing {

using CsvTable = std::vector<std::vector<std::string>>;

// A strict RFC 4180 reader: records end with CRLF (the last one too), fields are plain
// (no quotes, CR or LF) or quoted with doubled quotes inside. Anything else fails the
// test and returns an empty table.
inline CsvTable ReadCsv(std::string_view text) {
  CsvTable rows;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  auto fail = [&](const std::string& why) {
    ADD_FAILURE() << "invalid CSV at byte " << i << ": " << why;
    return CsvTable{};
  };
  while (i < text.size()) {
    field.clear();
    if (text[i] == '"') {
      ++i;
      while (true) {
        if (i >= text.size()) return fail("unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r') {
        if (text[i] == '"' || text[i] == '\n') return fail("quote or LF in a plain field");
        field += text[i++];
      }
    }
    row.push_back(field);
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (text.substr(i, 2) != "\r\n") return fail("record not ended by CRLF");
    i += 2;
    rows.push_back(std::move(row));
    row.clear();
  }
  return rows;
}

// The rows as maps from header to cell, keyed by the first column; every row must have
// as many cells as the header.
inline std::map<std::string, std::map<std::string, std::string>> CsvByKey(const CsvTable& table) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < table.size(); ++r) {
    EXPECT_EQ(table[r].size(), table[0].size()) << "row " << r;
    for (std::size_t c = 0; c < table[r].size() && c < table[0].size(); ++c) {
      out[table[r][0]][table[0][c]] = table[r][c];
    }
  }
  return out;
}

// The schema.org vocabulary (the JSON-LD release under ../shared/data/schemaorg): classes
// with their superclasses, properties with the types they may be used on (domainIncludes)
// and may point to (rangeIncludes).
class SchemaOrgVocabulary {
 public:
  explicit SchemaOrgVocabulary(const nlohmann::json& doc) {
    for (const nlohmann::json& node : doc.at("@graph")) {
      const std::string id = node.value("@id", "");
      if (!id.starts_with("schema:")) continue;
      const std::string name = id.substr(7);
      if (HasType(node, "rdfs:Class")) classes_[name] = Ids(node, "rdfs:subClassOf");
      if (HasType(node, "rdf:Property")) {
        domains_[name] = Ids(node, "schema:domainIncludes");
        ranges_[name] = Ids(node, "schema:rangeIncludes");
      }
    }
  }

  std::size_t class_count() const { return classes_.size(); }
  bool IsClass(const std::string& name) const { return classes_.contains(name); }
  bool IsProperty(const std::string& name) const { return domains_.contains(name); }

  // `type` is `ancestor` or inherits from it (rdfs:subClassOf, transitively).
  bool IsA(const std::string& type, const std::string& ancestor) const {
    std::deque<std::string> queue = {type};
    std::set<std::string> seen;
    while (!queue.empty()) {
      const std::string t = queue.front();
      queue.pop_front();
      if (t == ancestor) return true;
      if (!seen.insert(t).second) continue;
      if (const auto it = classes_.find(t); it != classes_.end()) {
        queue.insert(queue.end(), it->second.begin(), it->second.end());
      }
    }
    return false;
  }
  bool AllowedOn(const std::string& property, const std::string& type) const {
    for (const std::string& domain : domains_.at(property)) {
      if (IsA(type, domain)) return true;
    }
    return false;
  }
  bool AllowedValue(const std::string& property, const std::string& type) const {
    for (const std::string& range : ranges_.at(property)) {
      if (IsA(type, range)) return true;
    }
    return false;
  }

 private:
  static bool HasType(const nlohmann::json& node, const std::string& type) {
    const nlohmann::json& t = node.value("@type", nlohmann::json());
    if (t.is_string()) return t == type;
    if (t.is_array()) return std::find(t.begin(), t.end(), type) != t.end();
    return false;
  }
  // The schema: ids of `key`, one object or a list of them.
  static std::vector<std::string> Ids(const nlohmann::json& node, const std::string& key) {
    std::vector<std::string> out;
    if (!node.contains(key)) return out;
    const nlohmann::json& value = node.at(key);
    for (const nlohmann::json& ref : value.is_array() ? value : nlohmann::json::array({value})) {
      const std::string id = ref.value("@id", "");
      if (id.starts_with("schema:")) out.push_back(id.substr(7));
    }
    return out;
  }

  std::map<std::string, std::vector<std::string>> classes_;
  std::map<std::string, std::vector<std::string>> domains_;
  std::map<std::string, std::vector<std::string>> ranges_;
};

// The schema.org release every ClaimReview export is checked against.
inline constexpr const char* kSchemaOrgRelease =
    "data/schemaorg/schemaorg-current-https-30.0.jsonld";

// Checks `node` (an object with a string @type) and the objects inside it against the
// vocabulary: every type is a schema.org class, every property exists, may be used on its
// node's type, and an object value's type is in the property's range. Records the types
// and properties seen, so a caller can tell the check covered what it meant to.
inline void CheckSchemaOrgNode(const SchemaOrgVocabulary& vocab, const nlohmann::json& node,
                               const std::string& path, std::set<std::string>& types,
                               std::set<std::string>& properties) {
  ASSERT_TRUE(node.is_object()) << path;
  ASSERT_TRUE(node.contains("@type") && node.at("@type").is_string()) << path << " has no @type";
  const std::string type = node.at("@type");
  types.insert(type);
  EXPECT_TRUE(vocab.IsClass(type)) << path << ": " << type << " is not a schema.org type";
  for (const auto& [key, value] : node.items()) {
    if (key == "@type" || key == "@context") continue;
    properties.insert(key);
    const std::string where = path + "." + key;
    if (!vocab.IsProperty(key)) {
      ADD_FAILURE() << where << ": " << key << " is not a schema.org property";
      continue;
    }
    EXPECT_TRUE(vocab.AllowedOn(key, type)) << where << ": " << key << " is not for " << type;
    // A JSON-LD list gives a property several values (a ClaimReview's corrections); each is
    // checked as a single value would be.
    const nlohmann::json values = value.is_array() ? value : nlohmann::json::array({value});
    for (std::size_t i = 0; i < values.size(); ++i) {
      const nlohmann::json& one = values[i];
      const std::string at = value.is_array() ? where + "[" + std::to_string(i) + "]" : where;
      EXPECT_FALSE(one.is_array()) << at << ": nested lists are not expected";
      if (!one.is_object()) continue;
      const std::string value_type = one.value("@type", "");
      EXPECT_TRUE(vocab.AllowedValue(key, value_type))
          << at << ": " << value_type << " is outside the range of " << key;
      CheckSchemaOrgNode(vocab, one, at, types, properties);
    }
  }
}

}  // namespace factdesk::testing
