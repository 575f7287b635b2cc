// watch: the workspace's live events and presence, one line each, until Ctrl-C.
#include <atomic>
#include <csignal>
#include <ctime>
#include <iostream>
#include <mutex>

#include <fmt/format.h>
#include <pthread.h>

#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/net/subscription.h"
#include "events/event_description.h"
#include "events/event_kind.h"

namespace factdesk::cli {
namespace {

using Phase = client::SubscriptionState::Phase;

struct WatchOptions {
  std::int64_t after = -1;
};

// The event as JSON, its kind by the stable name scripts match ("source.added", as the
// events table stores it) rather than the enum's, with the sentence a person reads.
nlohmann::json EventJson(const v1::Event& e) {
  nlohmann::json json = ToJson(e);
  json["kind"] = std::string(events::KindNameOf(e));
  json.erase("kind_name");
  json["description"] = events::DescribeEvent(e);
  return json;
}

// `#12 "quote…"  source 4 REFUTES https://…  (IN_REVIEW)`: what an event touched.
std::string Describe(const v1::Event& e) {
  std::vector<std::string> parts;
  if (e.has_claim()) {
    parts.push_back(fmt::format("#{} {}", e.claim().id(), Quoted(e.claim().quote(), 50)));
  } else if (e.claim_id() != 0) {
    parts.push_back(fmt::format("#{}", e.claim_id()));
  }
  if (e.has_source()) {
    parts.push_back(fmt::format("source {} {} {}", e.source().id(), Upper(e.source().stance()),
                                e.source().url()));
  }
  if (e.has_note()) {
    parts.push_back(fmt::format("note {} {}", e.note().id(), Quoted(e.note().body(), 40)));
  }
  if (e.has_review()) {
    parts.push_back(fmt::format("review by {}: {}", e.review().reviewer().handle(),
                                e.review().hidden() ? "(hidden)" : e.review().verdict().label()));
  }
  if (e.has_dispute()) {
    parts.push_back(fmt::format("dispute {} {}", e.dispute().id(), Upper(e.dispute().status())));
  }
  if (e.has_transcript()) {
    parts.push_back(fmt::format("transcript {} {} ({} segments)", e.transcript().id(),
                                Quoted(e.transcript().title(), 50),
                                e.transcript().segment_count()));
  }
  if (e.has_member()) {
    parts.push_back(
        fmt::format("member {} {}", e.member().user().handle(), Lower(e.member().role())));
  }
  if (e.has_workspace() && parts.empty()) parts.push_back("workspace " + e.workspace().slug());
  if (e.has_claim()) parts.push_back("(" + Upper(e.claim().status()) + ")");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "  ") + p;
  return out;
}

std::string DescribePresence(const v1::Presence& p) {
  if (!p.online()) return "left";
  switch (p.activity()) {
    case v1::ACTIVITY_READING:
      return p.segment_id() != 0 ? fmt::format("reading transcript {} segment {}",
                                               p.transcript_id(), p.segment_id())
                                 : fmt::format("reading transcript {}", p.transcript_id());
    case v1::ACTIVITY_EDITING:
      return fmt::format("editing claim {}", p.claim_id());
    default:
      return "online";
  }
}

// Prints what the subscription delivers, one line at a time, from its thread; records
// a permanent failure for the main thread.
class WatchPrinter {
 public:
  explicit WatchPrinter(bool json) : json_(json) {}

  void OnEvent(const v1::Event& e) {
    std::lock_guard lock(mu_);
    if (json_) {
      PrintJson({{"event", EventJson(e)}});
    } else {
      std::cout << fmt::format("seq {}  {}  {}  {}\n", e.seq(), TimeOfDay(e.time()),
                               events::DescribeEvent(e), Describe(e));
    }
    std::cout.flush();  // a pipe reader sees each line as it happens
  }

  void OnPresence(const v1::Presence& p) {
    std::lock_guard lock(mu_);
    if (json_) {
      PrintJson({{"presence", ToJson(p)}});
    } else {
      std::cout << fmt::format("presence  {}  {}\n", p.user().handle(), DescribePresence(p));
    }
    std::cout.flush();
  }

  void OnState(const client::SubscriptionState& s) {
    std::lock_guard lock(mu_);
    if (s.phase == Phase::kReconnecting && s.attempts != last_attempts_) {
      std::cerr << fmt::format("reconnecting (attempt {})… {}\n", s.attempts, s.last_error);
    } else if (s.phase == Phase::kConnected && last_phase_ == Phase::kReconnecting) {
      std::cerr << fmt::format("reconnected; resuming after seq {}\n", s.last_seq);
    } else if (s.phase == Phase::kFailed) {
      failure_ = s.error.ok() ? Status(Code::kUnknown, "the subscription failed") : s.error;
      failed_ = true;
    }
    last_phase_ = s.phase;
    last_attempts_ = s.attempts;
  }

  bool failed() const { return failed_; }
  Status failure() {
    std::lock_guard lock(mu_);
    return failure_;
  }

 private:
  const bool json_;
  std::mutex mu_;  // lines from the subscription thread and state changes
  std::atomic<bool> failed_{false};
  Status failure_;
  Phase last_phase_ = Phase::kConnecting;
  int last_attempts_ = 0;
};

Status Watch(Context& ctx, const WatchOptions& o) {
  // Before any gRPC thread exists: SIGINT/SIGTERM are then taken by sigwait below,
  // never by a library thread (which would kill us mid-line).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  const std::int64_t after = o.after >= 0 ? o.after : ws.last_seq();

  WatchPrinter printer(ctx.json());
  client::Subscription::Options options;
  options.connection = api->options();
  options.channel = api->channel();
  options.workspace_id = ws.id();
  options.after_seq = after;
  options.on_event = [&printer](const v1::Event& e) { printer.OnEvent(e); };
  options.on_presence = [&printer](const v1::Presence& p) { printer.OnPresence(p); };
  options.on_state = [&printer](const client::SubscriptionState& s) { printer.OnState(s); };
  std::cerr << fmt::format("watching {} after seq {} (Ctrl-C to stop)\n", ws.slug(), after);
  client::Subscription subscription(std::move(options));
  subscription.Start();

  const timespec tick{0, 200 * 1000 * 1000};
  while (!printer.failed()) {
    if (sigtimedwait(&signals, nullptr, &tick) > 0) break;
  }
  subscription.Stop();
  return printer.failed() ? printer.failure() : Status::Ok();
}

}  // namespace

void AddWatchCommand(Context& ctx, CLI::App& app) {
  auto o = std::make_shared<WatchOptions>();
  auto* cmd = ctx.Command(app, "watch",
                          "Print a workspace's events and presence as they happen (Ctrl-C stops)",
                          [&ctx, o] { return Watch(ctx, *o); });
  ctx.AddWorkspaceOption(cmd);
  cmd->add_option("--after", o->after,
                  "Replay events after this seq first (default: only new events)")
      ->check(CLI::NonNegativeNumber);
  ctx.AddJsonFlag(cmd);
}

}  // namespace factdesk::cli
