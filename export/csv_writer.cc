#include "export/csv_writer.h"

#include <utility>

namespace factdesk::exporting {

CsvRecord& CsvRecord::Text(std::string_view value) {
  const bool formula =
      !value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                         value.front() == '@' || value.front() == '\t' || value.front() == '\r');
  AppendField(formula ? "'" : "", value);
  return *this;
}

CsvRecord& CsvRecord::Value(std::string_view value) {
  AppendField("", value);
  return *this;
}

CsvRecord& CsvRecord::Int(std::int64_t value) {
  return Value(std::to_string(value));
}

std::string CsvRecord::Finish() {
  line_ += "\r\n";
  first_ = true;
  return std::exchange(line_, {});
}

void CsvRecord::AppendField(std::string_view guard, std::string_view value) {
  if (!first_) line_ += ',';
  first_ = false;
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    line_ += guard;
    line_ += value;
    return;
  }
  line_ += '"';
  line_ += guard;
  for (const char c : value) {
    if (c == '"') line_ += '"';
    line_ += c;
  }
  line_ += '"';
}

}  // namespace factdesk::exporting
