#pragma once

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

// Everything the CLI prints passes through here: text from other users and from the
// server may hold terminal escapes (colours, cursor moves, OSC 52 clipboard writes), and
// must reach the terminal as visible characters, never as commands.
namespace factdesk::cli {

// `text` with every control character made visible, tab and newline excepted:
// C0 controls and DEL in caret notation ("^[" for ESC, "^G", "^M", "^?"), C1 controls
// (U+0080..U+009F) as "<U+009B>", bytes that are not UTF-8 as U+FFFD. With `allow_bold`
// (our own search highlighting on a terminal), ESC[1m and ESC[0m pass unchanged, and a
// bold left open is closed before each newline and at the end.
std::string NeutraliseControls(std::string_view text, bool allow_bold = false);

// A stream buffer that neutralises what is written through it into `target` as it comes;
// a UTF-8 sequence or an escape cut between two writes waits for its end.
class NeutralisingBuffer final : public std::streambuf {
 public:
  NeutralisingBuffer(std::streambuf* target, bool allow_bold)
      : target_(target), allow_bold_(allow_bold) {}
  ~NeutralisingBuffer() override;
  NeutralisingBuffer(const NeutralisingBuffer&) = delete;
  NeutralisingBuffer& operator=(const NeutralisingBuffer&) = delete;

  // Whether our own bold escapes pass (the buffer writes to a terminal).
  bool allow_bold() const { return allow_bold_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Writes the pending text out; with `all`, an unfinished tail too.
  bool Drain(bool all);

  std::streambuf* target_;
  bool allow_bold_;
  std::string pending_;
};

// For the lifetime of this object std::cout and std::cerr neutralise control characters
// (main() holds one); RawStdout() still reaches the real standard output.
class NeutralisedStandardStreams {
 public:
  NeutralisedStandardStreams();
  ~NeutralisedStandardStreams();
  NeutralisedStandardStreams(const NeutralisedStandardStreams&) = delete;
  NeutralisedStandardStreams& operator=(const NeutralisedStandardStreams&) = delete;

 private:
  std::streambuf* out_original_;
  std::streambuf* err_original_;
  NeutralisingBuffer out_;
  NeutralisingBuffer err_;
  std::ostream raw_out_;
};

// Standard output for data a user asked for byte for byte (an export): unfiltered when
// it goes to a file or a pipe, neutralised (std::cout) when it goes to a terminal.
std::ostream& DataStdout();

}  // namespace factdesk::cli
