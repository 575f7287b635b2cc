#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>
#include <nlohmann/json.hpp>

#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/common.pb.h"
#include "proto/enum_text.h"

namespace factdesk::cli {

// --- JSON -------------------------------------------------------------------------
// Records are printed in protobuf's JSON mapping with the .proto field names
// (snake_case), every field present (zeros and empty strings too), enums by full name
// ("CLAIM_STATUS_IN_REVIEW") and int64 values as strings, as the mapping says.
nlohmann::json ToJson(const google::protobuf::Message& message);

// A listing as one JSON array of records.
template <typename Range>
nlohmann::json ToJsonArray(const Range& records) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& record : records) array.push_back(ToJson(record));
  return array;
}

// Prints `json` on one line.
void PrintJson(const nlohmann::json& json);
// Prints JSON text made elsewhere (the importer's preview) on one line, escaped as
// PrintJson escapes: DEL and C1 controls as \u007f and \u009b, so that the terminal
// filter leaves it valid JSON holding the exact text.
void PrintJsonText(std::string_view json_text);

// --- Text -------------------------------------------------------------------------
// Columns aligned by display width (code points), the last one unpadded. All-empty
// headers print no header line. Cells are printed, and measured, with their control
// characters made visible (NeutraliseControls), as the terminal will show them.
class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  // With `width` > 0 (a terminal's), the last column is word-wrapped to fit, its
  // continuation lines aligned under it.
  void Print(std::ostream& out, int indent = 0, int width = 0) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Code points in UTF-8 text (a fair measure of terminal columns for our text).
std::size_t DisplayWidth(std::string_view text);
// At most `max_chars` code points, ending in "…" when cut; newlines become spaces.
std::string Shorten(std::string_view text, std::size_t max_chars);
// A text bar of `value` out of `max` in `width` columns ("#####").
std::string Bar(std::int64_t value, std::int64_t max, int width = 30);

// Segment times: HH:MM:SS, or "" when the format has no times.
std::string ClockTime(std::optional<std::int64_t> ms);
// Local dates and times: 2024-05-01, 2024-05-01 10:31, 10:31:07 ("" when unset).
std::string IsoDate(const google::protobuf::Timestamp& t);
std::string IsoDateTime(const google::protobuf::Timestamp& t);
std::string TimeOfDay(const google::protobuf::Timestamp& t);
// A duration: "45s", "12m", "3h 05m", "2d 4h".
std::string Age(std::int64_t seconds);

// Search snippets mark matches with U+E000 ... U+E001: ANSI bold on a terminal,
// **match** otherwise.
std::string RenderSnippet(std::string_view snippet, bool terminal);
bool StdoutIsTerminal();
// Columns of the terminal on standard output; 0 when it is not a terminal.
int TerminalWidth();
// True when the timestamp is set to something other than the epoch.
bool IsSet(const google::protobuf::Timestamp& t);

// Enums as people read them: IN_REVIEW, checker.
template <typename E>
std::string Upper(E value) {
  return v1::EnumText(value);
}
template <typename E>
std::string Lower(E value) {
  return v1::EnumText(value, /*lowercase=*/true);
}

// Every claim state as Upper spells it (OPEN … PUBLISHED): the choices of --status.
std::vector<std::string> ClaimStatusNames();

// "Mostly false", or "" when no verdict is set.
std::string VerdictText(const v1::Verdict& verdict);
// "ana, ben"
std::string Handles(const google::protobuf::RepeatedPtrField<v1::User>& users);
std::string Quoted(std::string_view text, std::size_t max_chars = 60);

}  // namespace factdesk::cli
