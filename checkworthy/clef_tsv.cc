#include "checkworthy/clef_tsv.h"

#include <charconv>

#include "common/text_prefix.h"
#include "common/utf8.h"

namespace factdesk::checkworthy {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string QuoteCell(std::string_view text) {
  return QuotedPrefix(text, 40);
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const auto tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) return fields;
    line.remove_prefix(tab + 1);
  }
}

class ClefReader {
 public:
  explicit ClefReader(std::string_view source) : source_(source) {}

  Result<std::vector<ClefLine>> Read(std::string_view bytes) {
    if (bytes.starts_with(kBom)) bytes.remove_prefix(kBom.size());
    std::size_t number = 0;
    while (!bytes.empty()) {
      const auto newline = bytes.find('\n');
      std::string_view line = bytes.substr(0, newline);
      bytes = newline == std::string_view::npos ? std::string_view() : bytes.substr(newline + 1);
      ++number;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      FD_RETURN_IF_ERROR(ReadLine(number, line));
    }
    if (lines_.empty()) return Status::InvalidArgument(std::string(source_), "no lines to score");
    return std::move(lines_);
  }

 private:
  Status Error(std::size_t number, const std::string& problem) const {
    return Status::InvalidArgument(std::string(source_),
                                   "line " + std::to_string(number) + ": " + problem);
  }

  Status ReadLine(std::size_t number, std::string_view line) {
    if (const auto bad = utf8::FirstInvalidByte(line)) {
      return Error(number, "invalid UTF-8 at byte " + std::to_string(*bad) + " of the line");
    }
    const std::vector<std::string_view> fields = SplitTabs(line);
    const bool first = !seen_line_;
    seen_line_ = true;
    if (first && fields.size() >= 3 && fields[0] == "line") return Status::Ok();  // a header
    if (fields.size() != 3 && fields.size() != 4) {
      return Error(number, "expected line<TAB>speaker<TAB>text[<TAB>label], found " +
                               std::to_string(fields.size()) +
                               (fields.size() == 1 ? " field" : " fields"));
    }
    ClefLine out;
    FD_RETURN_IF_ERROR(ReadNumber(number, fields[0], out));
    out.speaker = std::string(fields[1]);
    out.text = std::string(fields[2]);
    if (fields.size() == 4) FD_RETURN_IF_ERROR(ReadLabel(number, fields[3], out));
    if (!lines_.empty() && lines_.front().worthy.has_value() != out.worthy.has_value()) {
      return Error(number, out.worthy ? "a label, but the lines before it have none"
                                      : "no label, but the lines before it have one");
    }
    lines_.push_back(std::move(out));
    return Status::Ok();
  }

  Status ReadNumber(std::size_t number, std::string_view field, ClefLine& out) const {
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), out.number);
    if (field.empty() || ec != std::errc() || end != field.data() + field.size() ||
        out.number <= 0) {
      return Error(number,
                   "the line number " + QuoteCell(field) + " is not a positive whole number");
    }
    if (!lines_.empty() && out.number <= lines_.back().number) {
      return Error(number, "the line number " + std::to_string(out.number) + " does not follow " +
                               std::to_string(lines_.back().number));
    }
    return Status::Ok();
  }

  Status ReadLabel(std::size_t number, std::string_view field, ClefLine& out) const {
    if (field != "0" && field != "1") {
      return Error(number, "the label " + QuoteCell(field) + " is not 0 or 1");
    }
    out.worthy = field == "1";
    return Status::Ok();
  }

  std::string_view source_;
  bool seen_line_ = false;
  std::vector<ClefLine> lines_;
};

}  // namespace

Result<std::vector<ClefLine>> ParseClefTsv(std::string_view bytes, std::string_view source) {
  return ClefReader(source).Read(bytes);
}

}  // namespace factdesk::checkworthy
