#include "client/cli/output.h"

#include <algorithm>
#include <ctime>
#include <iostream>

#include <fmt/format.h>
#include <google/protobuf/util/json_util.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "client/cli/control_filter.h"
#include "proto/factdesk/v1/snippet_markers.h"

namespace factdesk::cli {
namespace {

bool IsContinuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

std::string FormatLocal(const google::protobuf::Timestamp& t, const char* format) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  const std::time_t seconds = static_cast<std::time_t>(t.seconds());
  std::tm tm{};
  localtime_r(&seconds, &tm);
  char buf[64];
  const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

}  // namespace

nlohmann::json ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string text;
  // Printing a well-formed message cannot fail; an empty object is the safe fallback.
  if (!google::protobuf::util::MessageToJsonString(message, &text, options).ok()) return {};
  return nlohmann::json::parse(text);
}

void PrintJson(const nlohmann::json& json) {
  // The dump escapes C0 controls; PrintJsonText escapes the rest.
  PrintJsonText(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void PrintJsonText(std::string_view text) {
  // DEL and C1 controls occur only inside strings: escaped there, the terminal filter
  // finds nothing to change in JSON.
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0U;
    if (c == 0x7F) {
      out += "\\u007f";
    } else if (c == 0xC2 && next >= 0x80 && next < 0xA0) {
      out += fmt::format("\\u{:04x}", next);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  std::cout << out << "\n";
}

namespace {

// Splits `text` into lines of at most `width` code points, at spaces where possible.
std::vector<std::string> Wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::string word;
  auto flush_word = [&] {
    if (word.empty()) return;
    if (!line.empty() && DisplayWidth(line) + 1 + DisplayWidth(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\n') {
      flush_word();
    } else {
      word += c;
    }
  }
  flush_word();
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

// Whether `out` writes through a filter that lets our bold escapes pass (a terminal).
bool BoldPassesThrough(const std::ostream& out) {
  const auto* filter = dynamic_cast<const NeutralisingBuffer*>(out.rdbuf());
  return filter != nullptr && filter->allow_bold();
}

// A row's cells as the terminal will show them.
std::vector<std::string> Shown(const std::vector<std::string>& row, bool allow_bold) {
  std::vector<std::string> out;
  out.reserve(row.size());
  for (const auto& cell : row) out.push_back(NeutraliseControls(cell, allow_bold));
  return out;
}

}  // namespace

void Table::Print(std::ostream& out, int indent, int width) const {
  // Measured as printed: "^[" and "<U+009B>" are wider than the controls they show.
  const bool bold = BoldPassesThrough(out);
  const std::vector<std::string> headers = Shown(headers_, bold);
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : rows_) rows.push_back(Shown(row, bold));
  std::size_t columns = headers.size();
  for (const auto& row : rows) columns = std::max(columns, row.size());
  std::vector<std::size_t> widths(columns, 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
  };
  const bool has_headers =
      std::any_of(headers.begin(), headers.end(), [](const auto& h) { return !h.empty(); });
  if (has_headers) measure(headers);
  for (const auto& row : rows) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line(static_cast<std::size_t>(indent), ' ');
    for (std::size_t i = 0; i + 1 < row.size(); ++i) {
      line += row[i] + std::string(widths[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    const std::size_t start = DisplayWidth(line);
    const std::string last = row.empty() ? "" : row.back();
    // Wrap only when there is a sensible width left for the last column.
    if (width > 0 && start + 20 < static_cast<std::size_t>(width) &&
        start + DisplayWidth(last) > static_cast<std::size_t>(width)) {
      const auto lines = Wrap(last, static_cast<std::size_t>(width) - start);
      for (std::size_t i = 0; i < lines.size(); ++i) {
        out << (i == 0 ? line : std::string(start, ' ')) << lines[i] << "\n";
      }
      return;
    }
    line += last;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  if (has_headers) print(headers);
  for (const auto& row : rows) print(row);
}

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b') {
      // An ANSI escape ("\x1b[1m") takes no columns.
      while (i < text.size() && text[i] != 'm') ++i;
      continue;
    }
    if (!IsContinuation(text[i])) ++width;
  }
  return width;
}

std::string Shorten(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!IsContinuation(c)) {
      if (chars == max_chars) {
        // Drop the last whole character to make room for the ellipsis.
        while (!out.empty() && IsContinuation(out.back())) out.pop_back();
        if (!out.empty()) out.pop_back();
        return out + "…";
      }
      ++chars;
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out;
}

std::string Bar(std::int64_t value, std::int64_t max, int width) {
  if (max <= 0 || value <= 0) return "";
  const auto n = std::max<std::int64_t>(1, value * width / max);
  return std::string(static_cast<std::size_t>(n), '#');
}

std::string ClockTime(std::optional<std::int64_t> ms) {
  if (!ms) return "";
  const std::int64_t s = *ms / 1000;
  return fmt::format("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

std::string IsoDate(const google::protobuf::Timestamp& t) {
  return FormatLocal(t, "%Y-%m-%d");
}
std::string IsoDateTime(const google::protobuf::Timestamp& t) {
  return FormatLocal(t, "%Y-%m-%d %H:%M");
}
std::string TimeOfDay(const google::protobuf::Timestamp& t) {
  return FormatLocal(t, "%H:%M:%S");
}

std::string Age(std::int64_t seconds) {
  if (seconds < 60) return fmt::format("{}s", seconds);
  if (seconds < 3600) return fmt::format("{}m", seconds / 60);
  if (seconds < 86400) return fmt::format("{}h {:02}m", seconds / 3600, seconds / 60 % 60);
  return fmt::format("{}d {}h", seconds / 86400, seconds / 3600 % 24);
}

std::string RenderSnippet(std::string_view snippet, bool terminal) {
  constexpr std::string_view kOpen = v1::kSnippetMatchOpen;
  constexpr std::string_view kClose = v1::kSnippetMatchClose;
  std::string out;
  for (std::size_t i = 0; i < snippet.size();) {
    if (snippet.substr(i, 3) == kOpen) {
      out += terminal ? "\x1b[1m" : "**";
      i += 3;
    } else if (snippet.substr(i, 3) == kClose) {
      i += 3;
      // The server marks each word of a phrase: "**a** **b**" reads better as "**a b**".
      std::size_t next = i;
      while (next < snippet.size() && snippet[next] == ' ') ++next;
      if (next > i && snippet.substr(next, 3) == kOpen) {
        out.append(snippet.substr(i, next - i));
        i = next + 3;
        continue;
      }
      out += terminal ? "\x1b[0m" : "**";
    } else {
      const char c = snippet[i++];
      out += (c == '\n' || c == '\r') ? ' ' : c;
    }
  }
  return out;
}

bool StdoutIsTerminal() {
  return isatty(STDOUT_FILENO) == 1;
}

int TerminalWidth() {
  winsize size{};
  if (!StdoutIsTerminal() || ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

bool IsSet(const google::protobuf::Timestamp& t) {
  return t.seconds() != 0 || t.nanos() != 0;
}

std::vector<std::string> ClaimStatusNames() {
  std::vector<std::string> names;
  const auto* type = google::protobuf::GetEnumDescriptor<v1::ClaimStatus>();
  for (int i = 1; i < type->value_count(); ++i) {
    names.push_back(v1::EnumText(static_cast<v1::ClaimStatus>(type->value(i)->number())));
  }
  return names;
}

std::string VerdictText(const v1::Verdict& verdict) {
  return verdict.label();
}

std::string Handles(const google::protobuf::RepeatedPtrField<v1::User>& users) {
  std::string out;
  for (const auto& u : users) out += (out.empty() ? "" : ", ") + u.handle();
  return out;
}

std::string Quoted(std::string_view text, std::size_t max_chars) {
  return "\"" + Shorten(text, max_chars) + "\"";
}

}  // namespace factdesk::cli
