#include "client/cli/control_filter.h"

#include <iostream>

#include <fmt/format.h>
#include <unistd.h>

#include "common/utf8.h"

namespace factdesk::cli {
namespace {

// The real standard output while NeutralisedStandardStreams is installed.
std::ostream* g_raw_stdout = nullptr;

constexpr std::string_view kBoldOn = "\x1b[1m";
constexpr std::string_view kBoldOff = "\x1b[0m";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the UTF-8 sequence `lead` starts, or 0 when it cannot start one.
std::size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Bytes at the end of `text` that may be the start of something a later write finishes:
// a UTF-8 sequence, or (with `allow_bold`) one of our own escapes.
std::size_t UnfinishedTail(std::string_view text, bool allow_bold) {
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto c = static_cast<unsigned char>(text[text.size() - back]);
    if ((c & 0xC0U) == 0x80U) continue;
    return SequenceLength(c) > back ? back : 0;
  }
  if (allow_bold) {
    for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
      const std::string_view tail = text.substr(text.size() - back);
      if (kBoldOn.starts_with(tail) || kBoldOff.starts_with(tail)) return back;
    }
  }
  return 0;
}

// Appends the visible form of the ASCII control `c`.
void AppendCaret(std::string& out, char c) {
  out += '^';
  out += c == '\x7f' ? '?' : static_cast<char>(c + 0x40);
}

}  // namespace

std::string NeutraliseControls(std::string_view text, bool allow_bold) {
  std::string out;
  out.reserve(text.size());
  bool bold = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (allow_bold && (text.substr(i, 4) == kBoldOn || text.substr(i, 4) == kBoldOff)) {
      bold = text.substr(i, 4) == kBoldOn;
      out.append(text.substr(i, 4));
      i += 4;
    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
      if (c == '\n' && bold) {
        out.append(kBoldOff);
        bold = false;
      }
      out += static_cast<char>(c);
      ++i;
    } else if (c < 0x80) {
      AppendCaret(out, static_cast<char>(c));
      ++i;
    } else if (const std::size_t n = SequenceLength(c);
               n > 0 && i + n <= text.size() && utf8::IsValid(text.substr(i, n))) {
      // U+0080..U+009F are encoded C2 80..C2 9F.
      const auto second = static_cast<unsigned char>(text[i + 1]);
      if (c == 0xC2 && second < 0xA0) {
        out += fmt::format("<U+{:04X}>", second);
      } else {
        out.append(text.substr(i, n));
      }
      i += n;
    } else {
      out.append(kReplacement);
      ++i;
    }
  }
  if (bold) out.append(kBoldOff);
  return out;
}

NeutralisingBuffer::~NeutralisingBuffer() {
  Drain(/*all=*/true);
  target_->pubsync();
}

NeutralisingBuffer::int_type NeutralisingBuffer::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  pending_ += traits_type::to_char_type(c);
  return Drain(/*all=*/false) ? c : traits_type::eof();
}

std::streamsize NeutralisingBuffer::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  return Drain(/*all=*/false) ? n : 0;
}

int NeutralisingBuffer::sync() {
  if (!Drain(/*all=*/false)) return -1;
  return target_->pubsync();
}

bool NeutralisingBuffer::Drain(bool all) {
  const std::size_t keep = all ? 0 : UnfinishedTail(pending_, allow_bold_);
  const std::string out =
      NeutraliseControls(std::string_view(pending_).substr(0, pending_.size() - keep), allow_bold_);
  pending_.erase(0, pending_.size() - keep);
  const auto written = target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
  return written == static_cast<std::streamsize>(out.size());
}

NeutralisedStandardStreams::NeutralisedStandardStreams()
    : out_original_(std::cout.rdbuf()),
      err_original_(std::cerr.rdbuf()),
      out_(out_original_, isatty(STDOUT_FILENO) == 1),
      err_(err_original_, /*allow_bold=*/false),
      raw_out_(out_original_) {
  g_raw_stdout = &raw_out_;
  std::cout.rdbuf(&out_);
  std::cerr.rdbuf(&err_);
}

NeutralisedStandardStreams::~NeutralisedStandardStreams() {
  g_raw_stdout = nullptr;
  raw_out_.flush();
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(out_original_);
  std::cerr.rdbuf(err_original_);
}

std::ostream& DataStdout() {
  if (isatty(STDOUT_FILENO) == 1 || g_raw_stdout == nullptr) return std::cout;
  return *g_raw_stdout;
}

}  // namespace factdesk::cli
