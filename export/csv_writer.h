#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// RFC 4180 records for the CSV exports.
namespace factdesk::exporting {

// Builds one record: fields separated by commas, ended by CRLF. A field containing a
// comma, a double quote, CR or LF is quoted, with its double quotes doubled.
//
// Formula injection: fact-checkers open these files in spreadsheets, which run a cell
// that starts with = + - @ (or a tab or CR, which some strip first) as a formula. Free
// text (quotes, summaries, names, titles, excerpts, labels, URLs) is user-controlled and
// goes through Text(), which prefixes such a value with an apostrophe, the spreadsheet
// convention for "this is text" (OWASP's advice). The apostrophe is visible to non-
// spreadsheet readers; that is the price. Values the exporter generates (ids, times,
// numbers, status names) go through Value() untouched, so a negative rating stays a
// number.
class CsvRecord {
 public:
  // User-controlled text, guarded against formula injection.
  CsvRecord& Text(std::string_view value);
  // A generated value, only quoted when needed.
  CsvRecord& Value(std::string_view value);
  CsvRecord& Int(std::int64_t value);
  // The record with its CRLF; the builder is empty again.
  std::string Finish();

 private:
  void AppendField(std::string_view guard, std::string_view value);

  std::string line_;
  bool first_ = true;
};

// The UTF-8 byte order mark that starts both CSV exports: without it Excel reads UTF-8
// as the legacy code page and garbles every non-ASCII quote; other readers skip it.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

inline constexpr std::string_view kCsvContentType = "text/csv; charset=utf-8; header=present";

}  // namespace factdesk::exporting
