// `factdesk watch`: live event lines, and resuming by itself across a server restart.
#include <csignal>
#include <set>
#include <sstream>

#include <grpcpp/grpcpp.h>

#include "factdesk/v1/live.grpc.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

using Stream = ChildProcess::Stream;
using nlohmann::json;
constexpr auto kLive = std::chrono::seconds(90);

std::unique_ptr<ChildProcess> Watch(const CliUser& user, std::vector<std::string> args) {
  ProcessOptions o;
  o.argv = {CliBinary(), "watch", "-w", "desk"};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.env = {{"HOME", user.home}, {"XDG_CONFIG_HOME", user.home + "/config"}};
  o.unset_env = {"FACTDESK_SERVER", "FACTDESK_TOKEN", "FACTDESK_CA"};
  return std::make_unique<ChildProcess>(o);
}

// The seqs of the event lines of `watch --json`, in order.
std::vector<std::int64_t> EventSeqs(const std::string& out) {
  std::vector<std::int64_t> seqs;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const auto item = json::parse(line, nullptr, false);
    EXPECT_TRUE(item.is_object()) << "not a JSON line: " << line;
    if (item.is_object() && item.contains("event")) {
      seqs.push_back(std::stoll(item["event"]["seq"].get<std::string>()));
    }
  }
  return seqs;
}

// Last in the suite: it restarts the suite's server (on the same port and data dir).
TEST_F(CliTest, WatchPrintsChangesLiveAndResumesAfterAServerRestart) {
  auto json_watch = Watch(vic_, {"--json"});
  auto text_watch = Watch(ana_, {});
  // Subscribed from the workspace's current seq before any change is made.
  ASSERT_TRUE(json_watch->WaitFor("watching desk after seq", kLive, Stream::kErr))
      << json_watch->err();
  ASSERT_TRUE(text_watch->WaitFor("watching desk after seq", kLive, Stream::kErr))
      << text_watch->err();

  const int ordinal =
      OrdinalOf(ParseJson(Cli(ben_, {"show", seed_id_, "--json"})), "darling of Silicon Valley");
  ASSERT_GE(ordinal, 0);
  const ProcessResult added =
      Cli(ben_, {"claim", "add", "--transcript", seed_id_, "--ordinal", std::to_string(ordinal + 1),
                 "--quote", "a darling of Silicon Valley", "--json"});
  ASSERT_CLI_OK(added);
  const std::string id = ParseJson(added)["id"];
  ASSERT_TRUE(json_watch->WaitFor(R"("kind":"claim\.created")", kLive, Stream::kOut))
      << json_watch->out() << json_watch->err();
  EXPECT_TRUE(
      json_watch->WaitFor(R"("description":"Ben Okafor marked the claim")", kLive, Stream::kOut))
      << json_watch->out();
  // Text lines say what happened in people's words, then what it touched.
  const auto line = text_watch->WaitFor(
      R"((seq [0-9]+  [0-9]{2}:[0-9]{2}:[0-9]{2}  Ben Okafor marked the claim  #)" + id +
          R"( "a darling.*\(OPEN\)))",
      kLive, Stream::kOut);
  ASSERT_TRUE(line) << text_watch->out() << text_watch->err();

  // Ben opens the claim in a client: both watchers say so; leaving is said too.
  const json workspaces = ParseJson(Cli(ben_, {"workspaces", "--json"}));
  ASSERT_FALSE(workspaces.empty());
  auto live = v1::LiveService::NewStub(
      grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  auto presence = [&](v1::Activity activity, bool leaving) {
    grpc::ClientContext ctx;
    ctx.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + ben_.token);
    v1::UpdatePresenceRequest req;
    req.set_workspace_id(std::stoll(workspaces[0]["id"].get<std::string>()));
    req.set_session_id("watch-test");
    req.set_transcript_id(std::stoll(seed_id_));
    req.set_claim_id(std::stoll(id));
    req.set_activity(activity);
    req.set_leaving(leaving);
    v1::UpdatePresenceResponse resp;
    return live->UpdatePresence(&ctx, req, &resp);
  };
  ASSERT_TRUE(presence(v1::ACTIVITY_EDITING, false).ok());
  EXPECT_TRUE(text_watch->WaitFor("presence  ben  editing claim " + id, kLive, Stream::kOut))
      << text_watch->out();
  EXPECT_TRUE(json_watch->WaitFor(R"("presence":\{.*"handle":"ben")", kLive, Stream::kOut))
      << json_watch->out();
  ASSERT_TRUE(presence(v1::ACTIVITY_EDITING, true).ok());
  EXPECT_TRUE(text_watch->WaitFor("presence  ben  left", kLive, Stream::kOut)) << text_watch->out();

  const int port = server_->port();
  ASSERT_EQ(server_->Stop(), 0) << server_->log();
  server_.reset();
  // The watchers notice and keep trying while the server is down.
  EXPECT_TRUE(json_watch->WaitFor("reconnecting", kLive, Stream::kErr)) << json_watch->err();
  server_ = std::make_unique<ServerProcess>(data_dir_, port);

  ASSERT_CLI_OK(Cli(
      ben_, {"source", "add", id, "--url", "https://example.org/valley", "--stance", "context"}));
  ASSERT_TRUE(json_watch->WaitFor(R"("kind":"source\.added")", kLive, Stream::kOut))
      << json_watch->out() << json_watch->err();
  ASSERT_TRUE(text_watch->WaitFor(
      R"(Ben Okafor added a source: https://example\.org/valley \(context\)  #)" + id, kLive,
      Stream::kOut))
      << text_watch->out() << text_watch->err();

  // Ctrl-C ends it cleanly.
  json_watch->Signal(SIGINT);
  EXPECT_EQ(json_watch->Wait(std::chrono::seconds(20)), 0) << json_watch->err();
  text_watch->Signal(SIGINT);
  EXPECT_EQ(text_watch->Wait(std::chrono::seconds(20)), 0) << text_watch->err();

  // Every event once, in order, across the restart (the claim and the source, and the
  // server's own claim.matched when the archive held an earlier check of the claim).
  const auto seqs = EventSeqs(json_watch->out());
  ASSERT_GE(seqs.size(), 2U) << json_watch->out();
  for (std::size_t i = 1; i < seqs.size(); ++i) {
    EXPECT_EQ(seqs[i], seqs[i - 1] + 1) << json_watch->out();
  }
}

}  // namespace
}  // namespace factdesk::testing
