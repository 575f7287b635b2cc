// Subscription against a scripted in-process LiveService (no database): resume after
// every kind of stream end, exactly-once delivery, the watchdog, permanent errors and a
// prompt Stop. The real server is exercised by the integration tests.

#include "client/net/subscription.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "proto/factdesk/v1/metadata.h"

namespace factdesk::client {
namespace {

using namespace std::chrono_literals;
using Phase = SubscriptionState::Phase;
using Writer = grpc::ServerWriter<v1::SubscribeResponse>;

// One Subscribe call's behaviour: (call index, request, writer, context) -> status.
using Script =
    std::function<grpc::Status(int, const v1::SubscribeRequest&, Writer*, grpc::ServerContext*)>;

class FakeLive final : public v1::LiveService::Service {
 public:
  explicit FakeLive(Script script) : script_(std::move(script)) {}

  grpc::Status Subscribe(grpc::ServerContext* ctx, const v1::SubscribeRequest* request,
                         Writer* writer) override {
    int call = 0;
    {
      std::lock_guard lock(mu_);
      call = static_cast<int>(requests_.size());
      requests_.push_back(*request);
      for (const auto& [key, value] : ctx->client_metadata()) {
        if (key == v1::kAuthorizationKey) auth_ = std::string(value.data(), value.size());
      }
    }
    return script_(call, *request, writer, ctx);
  }

  std::vector<std::int64_t> AfterSeqs() const {
    std::lock_guard lock(mu_);
    std::vector<std::int64_t> out;
    for (const auto& r : requests_) out.push_back(r.after_seq());
    return out;
  }
  int calls() const {
    std::lock_guard lock(mu_);
    return static_cast<int>(requests_.size());
  }
  std::string auth() const {
    std::lock_guard lock(mu_);
    return auth_;
  }

 private:
  Script script_;
  mutable std::mutex mu_;
  std::vector<v1::SubscribeRequest> requests_;
  std::string auth_;
};

bool SendEvent(Writer* writer, std::int64_t seq) {
  v1::SubscribeResponse r;
  r.mutable_event()->set_seq(seq);
  r.mutable_event()->set_workspace_id(7);
  r.mutable_event()->set_kind(v1::EVENT_KIND_CLAIM_UPDATED);
  return writer->Write(r);
}

// Several events in one message, as the server sends a backlog.
bool SendBatch(Writer* writer, const std::vector<std::int64_t>& seqs) {
  v1::SubscribeResponse r;
  for (const std::int64_t seq : seqs) {
    v1::Event* e = r.mutable_events()->add_events();
    e->set_seq(seq);
    e->set_workspace_id(7);
    e->set_kind(v1::EVENT_KIND_CLAIM_UPDATED);
  }
  return writer->Write(r);
}

// Holds the stream open (silent) until the client cancels or the server shuts down.
grpc::Status HoldOpen(grpc::ServerContext* ctx) {
  while (!ctx->IsCancelled()) std::this_thread::sleep_for(5ms);
  return grpc::Status::CANCELLED;
}

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return done();
}

// A fake server plus a subscription and what it delivered.
class SubscriptionTest : public ::testing::Test {
 protected:
  void Serve(Script script) {
    service_ = std::make_unique<FakeLive>(std::move(script));
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }

  Subscription::Options Options(std::int64_t after_seq = 0) {
    Subscription::Options o;
    o.connection.address = "127.0.0.1:" + std::to_string(port_);
    o.connection.token = "secret";
    o.workspace_id = 7;
    o.after_seq = after_seq;
    o.backoff = {1ms, 5ms};
    o.backoff_seed = 1;
    o.on_event = [this](v1::Event e) {
      std::lock_guard lock(mu_);
      seqs_.push_back(e.seq());
    };
    o.on_presence = [this](v1::Presence p) {
      std::lock_guard lock(mu_);
      sessions_.push_back(p.session_id());
    };
    o.on_state = [this](const SubscriptionState& s) {
      std::lock_guard lock(mu_);
      states_.push_back(s);
    };
    return o;
  }

  std::vector<std::int64_t> Seqs() {
    std::lock_guard lock(mu_);
    return seqs_;
  }
  std::vector<SubscriptionState> States() {
    std::lock_guard lock(mu_);
    return states_;
  }
  bool SawError(Code code) {
    for (const auto& s : States()) {
      if (s.error.code() == code) return true;
    }
    return false;
  }

  void TearDown() override {
    if (subscription_) subscription_->Stop();
    if (server_) server_->Shutdown(std::chrono::system_clock::now() + 200ms);
  }

  int port_ = 0;
  std::unique_ptr<FakeLive> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Subscription> subscription_;
  std::mutex mu_;
  std::vector<std::int64_t> seqs_;
  std::vector<std::string> sessions_;
  std::vector<SubscriptionState> states_;
};

TEST_F(SubscriptionTest, ResumesAfterTheStreamEndsAndDeliversEachEventOnce) {
  Serve([](int call, const v1::SubscribeRequest& req, Writer* w, grpc::ServerContext* ctx) {
    if (call == 0) {
      for (std::int64_t seq = req.after_seq() + 1; seq <= 3; ++seq) SendEvent(w, seq);
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "server restarting");
    }
    // A careless replica re-sends what the client has; the client drops it.
    for (std::int64_t seq = 2; seq <= 5; ++seq) SendEvent(w, seq);
    return HoldOpen(ctx);
  });
  subscription_ = std::make_unique<Subscription>(Options());
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return Seqs().size() >= 5; }));
  EXPECT_EQ(Seqs(), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(service_->AfterSeqs(), (std::vector<std::int64_t>{0, 3}));
  EXPECT_EQ(service_->auth(), "Bearer secret");
  ASSERT_TRUE(WaitFor([&] { return subscription_->State().phase == Phase::kConnected; }));
  const SubscriptionState state = subscription_->State();
  EXPECT_EQ(state.last_seq, 5);
  EXPECT_TRUE(state.error.ok());
  EXPECT_NE(state.connected_since, std::chrono::system_clock::time_point{});
  EXPECT_TRUE(SawError(Code::kUnavailable));
  subscription_->Stop();
  EXPECT_EQ(subscription_->State().phase, Phase::kStopped);
  EXPECT_EQ(States().back().phase, Phase::kStopped);
}

TEST_F(SubscriptionTest, StartsAfterTheGivenSeq) {
  Serve([](int, const v1::SubscribeRequest& req, Writer* w, grpc::ServerContext* ctx) {
    SendEvent(w, req.after_seq());  // at or below after_seq: dropped
    SendEvent(w, req.after_seq() + 1);
    return HoldOpen(ctx);
  });
  subscription_ = std::make_unique<Subscription>(Options(41));
  EXPECT_EQ(subscription_->State().last_seq, 41);
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return !Seqs().empty(); }));
  EXPECT_EQ(Seqs(), (std::vector<std::int64_t>{42}));
  EXPECT_EQ(service_->AfterSeqs(), (std::vector<std::int64_t>{41}));
}

TEST_F(SubscriptionTest, ResourceExhaustedResumesFromTheLastDeliveredSeq) {
  Serve([](int call, const v1::SubscribeRequest& req, Writer* w, grpc::ServerContext* ctx) {
    if (call == 0) {
      SendEvent(w, 1);
      SendEvent(w, 2);
      ctx->AddTrailingMetadata(v1::kResumeAfterSeqKey, "2");
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "fell behind");
    }
    SendEvent(w, req.after_seq() + 1);
    return HoldOpen(ctx);
  });
  subscription_ = std::make_unique<Subscription>(Options());
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return Seqs().size() >= 3; }));
  EXPECT_EQ(Seqs(), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(service_->AfterSeqs(), (std::vector<std::int64_t>{0, 2}));
  EXPECT_TRUE(SawError(Code::kResourceExhausted));
}

TEST_F(SubscriptionTest, GapMakesItResubscribe) {
  Serve([](int call, const v1::SubscribeRequest&, Writer* w, grpc::ServerContext* ctx) {
    if (call == 0) {
      SendEvent(w, 1);
      SendEvent(w, 3);  // 2 is missing
      return HoldOpen(ctx);
    }
    SendEvent(w, 2);
    SendEvent(w, 3);
    return HoldOpen(ctx);
  });
  subscription_ = std::make_unique<Subscription>(Options());
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return Seqs().size() >= 3; }));
  EXPECT_EQ(Seqs(), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(service_->AfterSeqs(), (std::vector<std::int64_t>{0, 1}));
  EXPECT_TRUE(SawError(Code::kDataLoss));
}

TEST_F(SubscriptionTest, BatchesAreDeliveredEventByEventAndAGapInsideOneResubscribes) {
  Serve([](int call, const v1::SubscribeRequest&, Writer* w, grpc::ServerContext* ctx) {
    if (call == 0) {
      SendBatch(w, {1, 2, 3});
      SendEvent(w, 4);
      SendBatch(w, {3, 4, 5});  // a repeat of what was delivered: dropped, 5 kept
      SendBatch(w, {6, 8, 9});  // 7 is missing: 6 delivered, then resubscribe
      return HoldOpen(ctx);
    }
    SendBatch(w, {7, 8, 9});
    return HoldOpen(ctx);
  });
  subscription_ = std::make_unique<Subscription>(Options());
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return Seqs().size() >= 9; }));
  EXPECT_EQ(Seqs(), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(service_->AfterSeqs(), (std::vector<std::int64_t>{0, 6}));
  EXPECT_TRUE(SawError(Code::kDataLoss));
}

TEST_F(SubscriptionTest, WatchdogReplacesASilentStream) {
  Serve([](int call, const v1::SubscribeRequest& req, Writer* w, grpc::ServerContext* ctx) {
    SendEvent(w, req.after_seq() + 1);
    if (call == 0) return HoldOpen(ctx);  // then silence: no heartbeat
    return HoldOpen(ctx);
  });
  Subscription::Options options = Options();
  options.watchdog_timeout = 300ms;
  subscription_ = std::make_unique<Subscription>(options);
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return Seqs().size() >= 2; }));
  EXPECT_EQ(Seqs()[0], 1);
  EXPECT_EQ(Seqs()[1], 2);
  const auto after = service_->AfterSeqs();
  ASSERT_GE(after.size(), 2u);
  EXPECT_EQ(after[1], 1);
  EXPECT_TRUE(SawError(Code::kDeadlineExceeded));
}

TEST_F(SubscriptionTest, HeartbeatsKeepTheWatchdogQuietAndReportTheServerSeq) {
  Serve([](int, const v1::SubscribeRequest&, Writer* w, grpc::ServerContext* ctx) {
    v1::SubscribeResponse presence;
    presence.mutable_presence()->set_session_id("s1");
    presence.mutable_presence()->set_online(true);
    w->Write(presence);
    // Heartbeats every 100 ms for a while, well inside the 300 ms watchdog.
    for (int i = 0; i < 10 && !ctx->IsCancelled(); ++i) {
      v1::SubscribeResponse beat;
      beat.mutable_heartbeat()->set_last_seq(9);
      w->Write(beat);
      std::this_thread::sleep_for(100ms);
    }
    return HoldOpen(ctx);
  });
  Subscription::Options options = Options();
  options.watchdog_timeout = 300ms;
  subscription_ = std::make_unique<Subscription>(options);
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return subscription_->State().server_seq == 9; }));
  std::this_thread::sleep_for(600ms);
  EXPECT_EQ(service_->calls(), 1);
  EXPECT_EQ(subscription_->State().phase, Phase::kConnected);
  std::lock_guard lock(mu_);
  EXPECT_EQ(sessions_, (std::vector<std::string>{"s1"}));
}

TEST_F(SubscriptionTest, PermanentErrorsStopRetrying) {
  for (const auto code : {grpc::StatusCode::UNAUTHENTICATED, grpc::StatusCode::PERMISSION_DENIED,
                          grpc::StatusCode::NOT_FOUND, grpc::StatusCode::INVALID_ARGUMENT}) {
    Serve([code](int, const v1::SubscribeRequest&, Writer*, grpc::ServerContext*) {
      return grpc::Status(code, "no");
    });
    subscription_ = std::make_unique<Subscription>(Options());
    subscription_->Start();
    ASSERT_TRUE(WaitFor([&] { return subscription_->State().phase == Phase::kFailed; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(service_->calls(), 1);
    const SubscriptionState state = subscription_->State();
    EXPECT_EQ(static_cast<int>(state.error.code()), static_cast<int>(code));
    EXPECT_FALSE(state.last_error.empty());
    subscription_->Stop();
    EXPECT_EQ(subscription_->State().phase, Phase::kFailed);  // Stop keeps the reason
    server_->Shutdown(std::chrono::system_clock::now() + 100ms);
    server_.reset();
  }
}

TEST_F(SubscriptionTest, OutOfRangeIsReported) {
  Serve([](int, const v1::SubscribeRequest&, Writer*, grpc::ServerContext*) {
    return grpc::Status(grpc::StatusCode::OUT_OF_RANGE, "after_seq 50 is past the newest (3)");
  });
  subscription_ = std::make_unique<Subscription>(Options(50));
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return subscription_->State().phase == Phase::kFailed; }));
  EXPECT_EQ(subscription_->State().error.code(), Code::kOutOfRange);
  EXPECT_EQ(States().back().phase, Phase::kFailed);
}

TEST_F(SubscriptionTest, StopIsPromptWhileConnected) {
  Serve([](int, const v1::SubscribeRequest&, Writer* w, grpc::ServerContext* ctx) {
    SendEvent(w, 1);
    return HoldOpen(ctx);
  });
  subscription_ = std::make_unique<Subscription>(Options());
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return !Seqs().empty(); }));
  const auto start = std::chrono::steady_clock::now();
  subscription_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(subscription_->State().phase, Phase::kStopped);
  subscription_->Stop();  // idempotent
}

TEST_F(SubscriptionTest, StopIsPromptWhileBackingOff) {
  // Nothing listens on the port once the server is gone; the backoff is long.
  Serve([](int, const v1::SubscribeRequest&, Writer*, grpc::ServerContext*) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "down");
  });
  Subscription::Options options = Options();
  options.backoff = {60s, 60s};
  subscription_ = std::make_unique<Subscription>(options);
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return subscription_->State().phase == Phase::kReconnecting; }));
  const SubscriptionState waiting = subscription_->State();
  EXPECT_EQ(waiting.attempts, 1);
  EXPECT_EQ(waiting.error.code(), Code::kUnavailable);
  const auto start = std::chrono::steady_clock::now();
  subscription_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(subscription_->State().phase, Phase::kStopped);
}

TEST_F(SubscriptionTest, StopIsPromptWhileConnecting) {
  // A listener that never answers HTTP/2: the call hangs in connection setup.
  Subscription::Options options = Options();
  options.connection.address = "10.255.255.1:9";  // unroutable: the connect attempt hangs
  subscription_ = std::make_unique<Subscription>(options);
  subscription_->Start();
  std::this_thread::sleep_for(200ms);
  const auto start = std::chrono::steady_clock::now();
  subscription_->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(subscription_->State().phase, Phase::kStopped);
}

TEST_F(SubscriptionTest, BadAddressFailsAtOnce) {
  Subscription::Options options = Options();
  options.connection.address = "";
  subscription_ = std::make_unique<Subscription>(options);
  subscription_->Start();
  ASSERT_TRUE(WaitFor([&] { return subscription_->State().phase == Phase::kFailed; }));
  EXPECT_EQ(subscription_->State().error.code(), Code::kInvalidArgument);
}

TEST_F(SubscriptionTest, DestroyWithoutStart) {
  Subscription idle(Options());
  EXPECT_EQ(idle.State().phase, Phase::kConnecting);
  EXPECT_STREQ(PhaseName(Phase::kReconnecting), "reconnecting");
  EXPECT_TRUE(Subscription::IsPermanent(Code::kOutOfRange));
  EXPECT_FALSE(Subscription::IsPermanent(Code::kUnavailable));
  EXPECT_FALSE(Subscription::IsPermanent(Code::kResourceExhausted));
}

}  // namespace
}  // namespace factdesk::client
