#include "tests/cluster/cluster_client.h"

#include <algorithm>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/live.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "factdesk/v1/workspace.grpc.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "tests/support/process.h"

namespace factdesk::cluster {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  // Each writer and watcher has a channel (a connection) of its own, as separate clients do.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 10000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& token,
                                             std::chrono::milliseconds deadline) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() + deadline);
  return ctx;
}

std::string Admin(const std::string& server_bin, const std::string& url,
                  std::vector<std::string> args) {
  testing::ProcessOptions o;
  o.argv = {server_bin, "admin", "--database", url};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  const testing::ProcessResult r = testing::RunProcess(o, 120s);
  if (r.exit_code != 0) {
    throw std::runtime_error("factdesk-server admin " + args[0] + " failed: " + r.err);
  }
  return r.out.substr(0, r.out.find('\n'));
}

// Until the server says otherwise, any failure may come after the commit: a deadline,
// a connection lost through the balancer, an outcome the database could not confirm.
bool Ambiguous(const grpc::Status& s) {
  switch (s.error_code()) {
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
      return true;
    case grpc::StatusCode::UNAVAILABLE:
      // Refused before any work ("is unavailable; try again") is safe to retry; a lost
      // connection mid-call or an unknown commit outcome is not.
      return s.error_message().find("try again") == std::string::npos;
    default:
      return false;
  }
}

std::string NewKey(std::mt19937_64& rng) {
  return fmt::format("{:016x}{:016x}", rng(), rng());
}

}  // namespace

Desk PrepareDesk(const std::string& server_bin, const std::string& database_url,
                 const std::string& address, const std::string& slug) {
  Desk d;
  Admin(server_bin, database_url, {"create-user", slug + "-ana", "--name", "Ana", "--exist-ok"});
  Admin(
      server_bin, database_url,
      {"create-workspace", slug, "--name", "Cluster desk", "--owner", slug + "-ana", "--exist-ok"});
  d.token = Admin(server_bin, database_url, {"issue-token", slug + "-ana"});
  auto channel = Channel(address);
  v1::GetWorkspaceRequest get;
  get.set_slug(slug);
  v1::Workspace ws;
  const grpc::Status got =
      v1::WorkspaceService::NewStub(channel)->GetWorkspace(Context(d.token, 30s).get(), get, &ws);
  if (!got.ok()) throw std::runtime_error("GetWorkspace: " + got.error_message());
  d.workspace = ws.id();
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Lena Ortiz: Claim number " + std::to_string(i) + ".\n\n";
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(d.workspace);
  req.set_filename("cluster.txt");
  req.set_content(text);
  v1::ImportTranscriptResponse imported;
  auto transcripts = v1::TranscriptService::NewStub(channel);
  const grpc::Status done =
      transcripts->ImportTranscript(Context(d.token, 30s).get(), req, &imported);
  if (!done.ok()) throw std::runtime_error("ImportTranscript: " + done.error_message());
  v1::ListSegmentsRequest list;
  list.set_transcript_id(imported.transcript().id());
  v1::ListSegmentsResponse segments;
  const grpc::Status listed =
      transcripts->ListSegments(Context(d.token, 30s).get(), list, &segments);
  if (!listed.ok()) throw std::runtime_error("ListSegments: " + listed.error_message());
  for (const auto& seg : segments.segments()) d.segments.push_back(seg.id());
  return d;
}

Writers::Writers(std::string address, const Desk& desk, int count)
    : address_(std::move(address)), desk_(desk) {
  for (int w = 0; w < count; ++w) threads_.emplace_back([this, w] { Run(w); });
}

Writers::~Writers() {
  Stop();
}

void Writers::Stop() {
  stop_ = true;
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
}

std::vector<Ack> Writers::acks() const {
  std::lock_guard lock(mu_);
  return acks_;
}

std::size_t Writers::ack_count() const {
  std::lock_guard lock(mu_);
  return acks_.size();
}

bool Writers::WaitForMore(std::size_t more, std::chrono::milliseconds timeout) const {
  const std::size_t target = ack_count() + more;
  const auto deadline = Clock::now() + timeout;
  while (ack_count() < target) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

void Writers::Run(int writer) {
  std::mt19937_64 rng(std::random_device{}() ^ static_cast<std::uint64_t>(writer));
  auto claims = v1::ClaimService::NewStub(Channel(address_));
  for (std::size_t i = 0; !stop_; ++i) {
    v1::CreateClaimRequest req;
    req.set_segment_id(
        desk_.segments[(i + static_cast<std::size_t>(writer)) % desk_.segments.size()]);
    req.set_start_byte(0);
    req.set_end_byte(5);
    Ack ack;
    ack.key = NewKey(rng);
    req.set_summary(ack.key);
    auto backoff = 100ms;
    while (!stop_) {
      auto ctx = Context(desk_.token, 5s);
      ctx->AddMetadata(v1::kIdempotencyKey, ack.key);
      v1::Claim claim;
      const grpc::Status s = claims->CreateClaim(ctx.get(), req, &claim);
      if (s.ok()) {
        ack.claim_id = claim.id();
        ack.at = Clock::now();
        std::lock_guard lock(mu_);
        acks_.push_back(ack);
        break;
      }
      ++failed_attempts_;
      ack.retried_after_ambiguous_failure |= Ambiguous(s);
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
    }
  }
}

Watcher::Watcher(std::string address, const Desk& desk)
    : address_(std::move(address)), desk_(desk), thread_([this] { Run(); }) {}

Watcher::~Watcher() {
  Stop();
}

void Watcher::Stop() {
  stop_ = true;
  {
    std::lock_guard lock(mu_);
    if (ctx_) ctx_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

void Watcher::Run() {
  auto backoff = 200ms;
  while (!stop_) {
    const bool delivered = ReadOnce();
    if (stop_) break;
    ++reconnects_;
    if (delivered) backoff = 200ms;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
  }
}

// One Subscribe call from the last seq; true when it delivered anything.
bool Watcher::ReadOnce() {
  auto stub = v1::LiveService::NewStub(Channel(address_));
  {
    std::lock_guard lock(mu_);
    ctx_ = std::make_unique<grpc::ClientContext>();
    ctx_->AddMetadata("authorization", "Bearer " + desk_.token);
  }
  v1::SubscribeRequest req;
  req.set_workspace_id(desk_.workspace);
  req.set_after_seq(last_seq_);
  auto reader = stub->Subscribe(ctx_.get(), req);
  bool delivered = false;
  v1::SubscribeResponse msg;
  auto take = [this](const v1::Event& e) {
    std::lock_guard lock(mu_);
    if (e.seq() != last_seq_ + 1) {
      problems_ += fmt::format("seq {} after {}; ", e.seq(), last_seq_.load());
      if (e.seq() <= last_seq_) return;
    }
    last_seq_ = e.seq();
    if (e.kind() == v1::EVENT_KIND_CLAIM_CREATED) ++created_[e.claim().summary()];
  };
  while (reader->Read(&msg)) {
    if (msg.has_event()) take(msg.event());
    for (const auto& e : msg.events().events()) take(e);
    delivered = delivered || msg.has_event() || msg.has_events();
  }
  (void)reader->Finish();
  return delivered;
}

std::string Watcher::problems() const {
  std::lock_guard lock(mu_);
  return problems_;
}

std::map<std::string, int> Watcher::created_by_key() const {
  std::lock_guard lock(mu_);
  return created_;
}

bool Watcher::WaitForSeq(std::int64_t seq, std::chrono::milliseconds timeout) const {
  const auto deadline = Clock::now() + timeout;
  while (last_seq_ < seq) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

std::int64_t LastSeq(const std::string& address, const Desk& desk,
                     std::chrono::milliseconds timeout) {
  auto stub = v1::WorkspaceService::NewStub(Channel(address));
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    v1::GetWorkspaceRequest get;
    get.set_workspace_id(desk.workspace);
    v1::Workspace ws;
    const grpc::Status s = stub->GetWorkspace(Context(desk.token, 5s).get(), get, &ws);
    if (s.ok()) return ws.last_seq();
    if (Clock::now() > deadline) throw std::runtime_error("GetWorkspace: " + s.error_message());
    std::this_thread::sleep_for(500ms);
  }
}

double LongestSilenceSeconds(const std::vector<Ack>& acks, Clock::time_point from,
                             Clock::time_point to) {
  std::vector<Clock::time_point> times;
  for (const auto& a : acks) {
    if (a.at >= from && a.at < to) times.push_back(a.at);
  }
  std::sort(times.begin(), times.end());
  double longest = 0;
  Clock::time_point previous = from;
  for (const auto t : times) {
    longest = std::max(longest, std::chrono::duration<double>(t - previous).count());
    previous = t;
  }
  return longest;
}

}  // namespace factdesk::cluster
