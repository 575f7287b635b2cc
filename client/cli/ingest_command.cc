// ingest: feeds a caption file (or standard input) into a live transcript as it is written.
#include <atomic>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <signal.h>

#include "client/cli/context.h"
#include "client/cli/file_tail.h"
#include "client/cli/live_feed.h"
#include "client/cli/output.h"
#include "import/caption_follower.h"
#include "import/importer.h"

namespace factdesk::cli {
namespace {

std::atomic<bool> g_stop{false};

void RequestStop(int /*signal*/) {
  g_stop = true;
}

// Ctrl-C and SIGTERM end the feed cleanly; without SA_RESTART they also wake a blocked read.
void CatchStopSignals() {
  struct sigaction action {};
  action.sa_handler = &RequestStop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

struct IngestOptions {
  std::string file;
  std::string title;
  std::int64_t transcript_id = 0;
  std::string format;
  std::string source_url;
  std::string language;
  bool follow = false;
  bool close = false;
  int poll_ms = 250;
};

// Qualified in full: clang-format 14 reads a line opening with `import` as a C++20
// module import and mangles what follows.
factdesk::import::Format FormatOf(const IngestOptions& o) {
  if (!o.format.empty()) return *import::ParseFormatName(o.format);
  if (o.file == "-") return import::Format::kText;
  const import::Format guessed = import::GuessFormat(o.file, "");
  return guessed == import::Format::kTsv ? import::Format::kText : guessed;
}

v1::TranscriptFormat WireFormat(import::Format format) {
  switch (format) {
    case import::Format::kVtt:
      return v1::TRANSCRIPT_FORMAT_VTT;
    case import::Format::kSrt:
      return v1::TRANSCRIPT_FORMAT_SRT;
    default:
      return v1::TRANSCRIPT_FORMAT_TEXT;
  }
}

// Reading the input, and where its segments go in the transcript.
class Ingest {
 public:
  Ingest(const IngestOptions& o, FileTail tail, LiveFeed& feed)
      : o_(o), tail_(std::move(tail)), feed_(feed), follower_(FormatOf(o)) {}

  // A file is parsed from its start and the segments the transcript has are skipped (how a
  // restarted feed resumes); standard input cannot be read again, so what it sends comes
  // after them.
  void Start() {
    base_ = tail_.is_stdin() ? feed_.count() : 0;
    std::cout << fmt::format("feeding {} into transcript {} {} ({}, {} segments)\n",
                             tail_.is_stdin() ? "standard input" : tail_.path(),
                             feed_.transcript().id(), Quoted(feed_.transcript().title()),
                             Upper(feed_.transcript().state()), feed_.count());
    if (!tail_.is_stdin() && feed_.count() > 0) {
      std::cout << fmt::format("skipping the first {} segments of {}: the transcript has them\n",
                               feed_.count(), tail_.path());
    }
    std::cout << std::flush;
  }

  // A file's first bytes are parsed before the transcript is opened, so a file that cannot
  // be followed (not WebVTT) opens nothing. Standard input is not waited for.
  Status Prime() {
    if (tail_.is_stdin()) return Status::Ok();
    FD_ASSIGN_OR_RETURN(const FileTail::Chunk chunk, tail_.Read());
    ended_ = chunk.ended;
    const Status followed = follower_.Feed(chunk.bytes, segments_);
    if (!followed.ok()) return Take(followed);
    return Status::Ok();
  }

  // Until the input ends (standard input, or a file not followed) or a stop is asked for.
  Status Run() {
    FD_RETURN_IF_ERROR(Take(Status::Ok()));  // what Prime read
    FD_RETURN_IF_ERROR(feed_.Flush());
    while (!g_stop && !ended_) {
      FD_ASSIGN_OR_RETURN(FileTail::Chunk chunk, tail_.Read());
      if (chunk.restarted) Restart();
      FD_RETURN_IF_ERROR(Take(follower_.Feed(chunk.bytes, segments_)));
      FD_RETURN_IF_ERROR(feed_.Flush());
      if (chunk.ended) {
        ended_ = true;
        break;
      }
      if (chunk.bytes.empty()) SleepUnlessStopped(std::chrono::milliseconds(o_.poll_ms), g_stop);
    }
    return Status::Ok();
  }

  // The input is over for good: what waited for more (a last cue without its blank line,
  // held roll-up text) is sent too.
  Status Finish() {
    FD_RETURN_IF_ERROR(Take(follower_.Finish(segments_)));
    return feed_.Flush();
  }

  bool ended() const { return ended_; }

 private:
  // Queues what the follower completed, and says what it skipped.
  Status Take(const Status& followed) {
    for (const auto& problem : follower_.TakeProblems()) {
      std::cerr << "factdesk: " << tail_.path() << ": " << problem.message << "\n";
    }
    FD_RETURN_IF_ERROR(followed);
    feed_.Queue(std::move(segments_), base_);
    segments_.clear();
    return Status::Ok();
  }

  // A truncated or replaced file is a new stream: what it holds comes after what was sent.
  void Restart() {
    std::cerr << fmt::format(
        "factdesk: {} was truncated or replaced: following it from its start; its segments "
        "go after the {} the transcript has\n",
        tail_.path(), feed_.count());
    follower_ = import::CaptionFollower(FormatOf(o_));
    base_ = feed_.count();
  }

  const IngestOptions& o_;
  FileTail tail_;
  LiveFeed& feed_;
  import::CaptionFollower follower_;
  std::vector<import::Segment> segments_;
  int base_ = 0;
  bool ended_ = false;
};

Status OpenOrContinue(Context& ctx, const IngestOptions& o, LiveFeed& feed) {
  if (o.transcript_id != 0) return feed.Continue(o.transcript_id);
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  v1::OpenLiveTranscriptRequest req;
  req.set_workspace_id(ws.id());
  req.set_title(o.title);
  req.set_format(WireFormat(FormatOf(o)));
  req.set_source_url(o.source_url);
  req.set_language(o.language);
  return feed.Open(req);
}

Status RunIngest(Context& ctx, const IngestOptions& o) {
  if (o.transcript_id == 0 && o.title.empty()) {
    UsageError("give --title to open a live transcript, or --transcript ID to continue one");
  }
  FD_ASSIGN_OR_RETURN(FileTail tail, FileTail::Open(o.file, o.follow));
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  g_stop = false;
  CatchStopSignals();
  LiveFeed feed(*api, g_stop);
  Ingest ingest(o, std::move(tail), feed);
  FD_RETURN_IF_ERROR(ingest.Prime());
  FD_RETURN_IF_ERROR(OpenOrContinue(ctx, o, feed));
  ingest.Start();
  FD_RETURN_IF_ERROR(ingest.Run());
  g_stop = false;  // what is complete goes out, even after Ctrl-C
  if (o.close || ingest.ended()) FD_RETURN_IF_ERROR(ingest.Finish());
  if (o.close) {
    FD_RETURN_IF_ERROR(feed.Close());
    std::cout << fmt::format("closed transcript {}: {} segments\n", feed.transcript().id(),
                             feed.count());
    return Status::Ok();
  }
  std::cout << fmt::format(
      "stopped: transcript {} is {} with {} segments (go on with --transcript {}; close it with "
      "--close or `factdesk transcript close {}`)\n",
      feed.transcript().id(), Upper(feed.transcript().state()), feed.count(),
      feed.transcript().id(), feed.transcript().id());
  return Status::Ok();
}

}  // namespace

void AddIngestCommand(Context& ctx, CLI::App& app) {
  auto o = std::make_shared<IngestOptions>();
  auto* cmd = ctx.Command(app, "ingest",
                          "Feed a caption file (or - for standard input) into a live transcript "
                          "as it is written",
                          [&ctx, o] { return RunIngest(ctx, *o); });
  cmd->add_option("FILE", o->file, "WebVTT, SRT or Name: text lines; - reads standard input")
      ->required();
  ctx.AddWorkspaceOption(cmd);
  auto* title = cmd->add_option("--title", o->title, "Open a new live transcript with this title");
  cmd->add_option("--transcript", o->transcript_id, "Continue this live transcript instead")
      ->excludes(title);
  cmd->add_option("--format", o->format, "vtt, srt or text (default: from the file's name)")
      ->check(CLI::IsMember({"vtt", "srt", "text"}, CLI::ignore_case));
  cmd->add_option("--source-url", o->source_url, "Where the broadcast is");
  cmd->add_option("--language", o->language,
                  "BCP 47 tag of the broadcast's language (default: guessed from its first lines)");
  cmd->add_flag("--follow", o->follow,
                "Keep reading as the file grows (until Ctrl-C), surviving truncation and rotation");
  cmd->add_flag("--close", o->close,
                "Close the transcript when the feed ends (end of input, or Ctrl-C)");
  cmd->add_option("--poll-ms", o->poll_ms, "How often a followed file is read (default 250)")
      ->check(CLI::Range(10, 60000));
}

}  // namespace factdesk::cli
