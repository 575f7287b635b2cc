// What operators watch: a real `factdesk-server serve --metrics-listen ... --log-format json`
// process. Its Prometheus endpoint counts every request by method and status code, with
// latency histograms, and shows live subscribers, events, database pool use and whether
// the embedded PostgreSQL is up; its output is one JSON object per line, and each request
// is one line with method, user, status, ms, request_id, time and level.
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "factdesk/v1/export.grpc.pb.h"
#include "factdesk/v1/live.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "factdesk/v1/workspace.grpc.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "tests/e2e/cli_fixture.h"
#include "tests/support/http_get.h"
#include "tests/support/process.h"
#include "tests/support/test_postgres.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

constexpr auto kWait = std::chrono::seconds(60);

// One sample of the Prometheus text format: name{labels} value.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Scrape {
  std::map<std::string, std::string> types;  // # TYPE name type
  std::vector<Sample> samples;

  // The value of the one sample of `name` whose labels include `labels`; nullopt when
  // there is none.
  std::optional<double> Value(const std::string& name,
                              const std::map<std::string, std::string>& labels = {}) const {
    for (const Sample& s : samples) {
      if (s.name != name) continue;
      bool match = true;
      for (const auto& [k, v] : labels) {
        const auto it = s.labels.find(k);
        match = match && it != s.labels.end() && it->second == v;
      }
      if (match) return s.value;
    }
    return std::nullopt;
  }
  double ValueOr0(const std::string& name,
                  const std::map<std::string, std::string>& labels = {}) const {
    return Value(name, labels).value_or(0);
  }
};

bool IsNameChar(char c, bool first) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         (!first && std::isdigit(static_cast<unsigned char>(c)));
}

// The text exposition format, strictly: "# TYPE name type" lines, other comments, and
// samples "name{label="value",...} value [timestamp]". A line that is none of these
// fails the test.
Scrape ParseExposition(const std::string& text) {
  Scrape out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line.starts_with("# TYPE ")) {
      std::istringstream words(line.substr(7));
      std::string name;
      std::string type;
      words >> name >> type;
      out.types[name] = type;
      continue;
    }
    if (line[0] == '#') continue;
    Sample s;
    std::size_t i = 0;
    while (i < line.size() && IsNameChar(line[i], i == 0)) s.name += line[i++];
    bool ok = !s.name.empty();
    if (ok && i < line.size() && line[i] == '{') {
      ++i;
      while (ok && i < line.size() && line[i] != '}') {
        std::string key;
        while (i < line.size() && IsNameChar(line[i], key.empty()) && line[i] != ':') {
          key += line[i++];
        }
        ok = !key.empty() && line.compare(i, 2, "=\"") == 0;
        i += 2;
        std::string value;
        while (ok && i < line.size() && line[i] != '"') {
          if (line[i] == '\\' && i + 1 < line.size()) ++i;
          value += line[i++];
        }
        ok = ok && i < line.size();
        ++i;
        s.labels[key] = value;
        if (ok && i < line.size() && line[i] == ',') ++i;
      }
      ok = ok && i < line.size() && line[i] == '}';
      ++i;
    }
    ok = ok && i < line.size() && line[i] == ' ';
    std::string value;
    if (ok) {
      std::istringstream rest(line.substr(i + 1));
      rest >> value;
      ok = !value.empty();
    }
    if (!ok) {
      ADD_FAILURE() << "not a Prometheus sample: " << line;
      continue;
    }
    if (value == "+Inf") {
      s.value = INFINITY;
    } else if (value == "-Inf") {
      s.value = -INFINITY;
    } else if (value == "NaN" || value == "Nan") {
      s.value = NAN;
    } else {
      s.value = std::stod(value);
    }
    out.samples.push_back(std::move(s));
  }
  return out;
}

class ObservabilityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    data_dir_ = dir_->path() + "/data";
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--data-dir", data_dir_, "--unsafe-no-fsync", "--metrics-listen",
                                 "127.0.0.1:0", "--log-format", "json"},
        0);
    // The metrics line follows the listening line.
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    const std::string kMetricsLine = "metrics on port ";
    std::string log;
    std::size_t at = std::string::npos;
    while (std::chrono::steady_clock::now() < deadline) {
      log = server_->log();
      if ((at = log.find(kMetricsLine)) != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_NE(at, std::string::npos) << "no 'metrics on port' line:\n" << log;
    metrics_port_ = std::atoi(log.c_str() + at + kMetricsLine.size());
    ASSERT_GT(metrics_port_, 0) << log;

    auto admin = [](const std::vector<std::string>& args) {
      ProcessOptions o;
      o.argv = {ServerBinary(), "admin", "--data-dir", data_dir_};
      o.argv.insert(o.argv.end(), args.begin(), args.end());
      const ProcessResult r = RunProcess(o, std::chrono::seconds(120));
      EXPECT_EQ(r.exit_code, 0) << Describe(r);
      return r.out.substr(0, r.out.find('\n'));
    };
    admin({"create-user", "ana", "--name", "Ana Moreno"});
    admin({"create-workspace", "desk", "--name", "Desk", "--owner", "ana"});
    token_ = admin({"issue-token", "ana"});
    ASSERT_FALSE(token_.empty());
    channel_ = grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
    v1::GetWorkspaceRequest get;
    get.set_slug("desk");
    v1::Workspace ws;
    auto ctx = Context(token_);
    ASSERT_TRUE(v1::WorkspaceService::NewStub(channel_)->GetWorkspace(ctx.get(), get, &ws).ok());
    workspace_id_ = ws.id();
  }
  static void TearDownTestSuite() {
    channel_.reset();
    server_.reset();
    dir_.reset();
  }
  void SetUp() override {
    ASSERT_TRUE(server_ != nullptr && workspace_id_ != 0) << "the suite's setup failed";
  }

  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token,
                                                      const std::string& request_id = "") {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) ctx->AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token);
    if (!request_id.empty()) ctx->AddMetadata(v1::kRequestIdKey, request_id);
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return ctx;
  }

  static Scrape ScrapeMetrics() {
    const HttpResponse r = HttpGet(metrics_port_, "/metrics");
    EXPECT_NE(r.status.find(" 200"), std::string::npos) << "GET /metrics: " << r.status;
    EXPECT_NE(r.content_type.find("text/plain"), std::string::npos) << r.content_type;
    return ParseExposition(r.body);
  }

  // Scrapes until `ready` holds (or kWait passes); the last scrape.
  template <typename Pred>
  static Scrape ScrapeUntil(Pred ready) {
    const auto deadline = std::chrono::steady_clock::now() + kWait;
    Scrape s = ScrapeMetrics();
    while (!ready(s) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      s = ScrapeMetrics();
    }
    return s;
  }

  static grpc::Status WhoAmI(const std::string& token, const std::string& request_id = "") {
    auto ctx = Context(token, request_id);
    v1::WhoAmIResponse who;
    return v1::WorkspaceService::NewStub(channel_)->WhoAmI(ctx.get(), v1::WhoAmIRequest(), &who);
  }

  static std::unique_ptr<TempDir> dir_;
  static std::string data_dir_;
  static std::unique_ptr<ServerProcess> server_;
  static int metrics_port_;
  static std::string token_;
  static std::shared_ptr<grpc::Channel> channel_;
  static std::int64_t workspace_id_;
};

std::unique_ptr<TempDir> ObservabilityTest::dir_;
std::string ObservabilityTest::data_dir_;
std::unique_ptr<ServerProcess> ObservabilityTest::server_;
int ObservabilityTest::metrics_port_ = 0;
std::string ObservabilityTest::token_;
std::shared_ptr<grpc::Channel> ObservabilityTest::channel_;
std::int64_t ObservabilityTest::workspace_id_ = 0;

const std::map<std::string, std::string> kWhoAmIOk = {{"method", "WhoAmI"}, {"code", "OK"}};

TEST_F(ObservabilityTest, ARequestIsCountedByMethodAndCode) {
  const Scrape before = ScrapeMetrics();
  ASSERT_TRUE(WhoAmI(token_).ok());
  const Scrape after = ScrapeMetrics();
  EXPECT_EQ(after.ValueOr0("factdesk_requests_total", kWhoAmIOk),
            before.ValueOr0("factdesk_requests_total", kWhoAmIOk) + 1);
  EXPECT_EQ(after.types.at("factdesk_requests_total"), "counter");

  // The latency histogram: cumulative buckets up to +Inf, which equals the count.
  EXPECT_EQ(after.types.at("factdesk_request_duration_seconds"), "histogram");
  EXPECT_EQ(after.ValueOr0("factdesk_request_duration_seconds_count", kWhoAmIOk),
            before.ValueOr0("factdesk_request_duration_seconds_count", kWhoAmIOk) + 1);
  ASSERT_TRUE(after.Value("factdesk_request_duration_seconds_sum", kWhoAmIOk).has_value());
  std::vector<std::pair<double, double>> buckets;  // (le, cumulative count)
  for (const Sample& s : after.samples) {
    if (s.name != "factdesk_request_duration_seconds_bucket") continue;
    if (s.labels.at("method") != "WhoAmI" || s.labels.at("code") != "OK") continue;
    const std::string le = s.labels.at("le");
    buckets.emplace_back(le == "+Inf" ? INFINITY : std::stod(le), s.value);
  }
  ASSERT_GE(buckets.size(), 5U);
  EXPECT_TRUE(std::isinf(buckets.back().first));
  EXPECT_EQ(buckets.back().second,
            after.ValueOr0("factdesk_request_duration_seconds_count", kWhoAmIOk));
  for (std::size_t i = 1; i < buckets.size(); ++i) {
    EXPECT_LT(buckets[i - 1].first, buckets[i].first);
    EXPECT_LE(buckets[i - 1].second, buckets[i].second);
  }

  // A refusal is counted under its code, not as OK.
  const std::map<std::string, std::string> refused = {{"method", "WhoAmI"},
                                                      {"code", "UNAUTHENTICATED"}};
  EXPECT_EQ(WhoAmI("fd_not-a-real-token").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  const Scrape later = ScrapeMetrics();
  EXPECT_EQ(later.ValueOr0("factdesk_requests_total", refused),
            after.ValueOr0("factdesk_requests_total", refused) + 1);
  EXPECT_EQ(later.ValueOr0("factdesk_requests_total", kWhoAmIOk),
            after.ValueOr0("factdesk_requests_total", kWhoAmIOk));
}

TEST_F(ObservabilityTest, StreamedExportsAreCountedToo) {
  const std::map<std::string, std::string> ok = {{"method", "Export"}, {"code", "OK"}};
  const Scrape before = ScrapeMetrics();
  auto ctx = Context(token_);
  v1::ExportRequest req;
  req.set_workspace_id(workspace_id_);
  req.set_format(v1::EXPORT_FORMAT_CSV);
  auto reader = v1::ExportService::NewStub(channel_)->Export(ctx.get(), req);
  v1::ExportChunk chunk;
  std::string bytes;
  while (reader->Read(&chunk)) bytes += chunk.data();
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_NE(bytes.find("claim_id"), std::string::npos);
  // The export is counted when it has finished on the server, just after the last chunk:
  // the count and the duration are two series, updated one after the other.
  const Scrape after = ScrapeUntil([&](const Scrape& s) {
    return s.ValueOr0("factdesk_requests_total", ok) >
               before.ValueOr0("factdesk_requests_total", ok) &&
           s.ValueOr0("factdesk_request_duration_seconds_count", ok) >
               before.ValueOr0("factdesk_request_duration_seconds_count", ok);
  });
  EXPECT_EQ(after.ValueOr0("factdesk_requests_total", ok),
            before.ValueOr0("factdesk_requests_total", ok) + 1);
  EXPECT_EQ(after.ValueOr0("factdesk_request_duration_seconds_count", ok),
            before.ValueOr0("factdesk_request_duration_seconds_count", ok) + 1);
}

TEST_F(ObservabilityTest, GaugesShowThePoolTheDatabaseAndLiveSubscribers) {
  const Scrape idle = ScrapeMetrics();
  for (const char* gauge : {"factdesk_live_subscribers", "factdesk_db_pool_in_use",
                            "factdesk_db_pool_waiting", "factdesk_db_pool_size",
                            "factdesk_embedded_database_up", "factdesk_live_listen_connected"}) {
    ASSERT_TRUE(idle.types.contains(gauge)) << gauge;
    EXPECT_EQ(idle.types.at(gauge), "gauge") << gauge;
    EXPECT_TRUE(idle.Value(gauge).has_value()) << gauge;
  }
  for (const char* counter :
       {"factdesk_live_events_fetched_total", "factdesk_live_messages_sent_total"}) {
    ASSERT_TRUE(idle.types.contains(counter)) << counter;
    EXPECT_EQ(idle.types.at(counter), "counter") << counter;
  }
  EXPECT_EQ(idle.ValueOr0("factdesk_embedded_database_up"), 1);
  EXPECT_EQ(idle.ValueOr0("factdesk_db_pool_size"), 16);  // the default --pool-size
  EXPECT_EQ(idle.ValueOr0("factdesk_db_pool_waiting"), 0);
  EXPECT_LE(idle.ValueOr0("factdesk_db_pool_in_use"), 16);
  EXPECT_EQ(idle.ValueOr0("factdesk_live_subscribers"), 0);

  // A subscriber appears in the gauge; an event reaches it and the counters move.
  const double sent_before = idle.ValueOr0("factdesk_live_messages_sent_total");
  const double fetched_before = idle.ValueOr0("factdesk_live_events_fetched_total");
  grpc::ClientContext stream_ctx;
  stream_ctx.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token_);
  stream_ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
  v1::GetWorkspaceRequest get;
  get.set_workspace_id(workspace_id_);
  v1::Workspace ws;
  auto get_ctx = Context(token_);
  ASSERT_TRUE(v1::WorkspaceService::NewStub(channel_)->GetWorkspace(get_ctx.get(), get, &ws).ok());
  v1::SubscribeRequest sub;
  sub.set_workspace_id(workspace_id_);
  sub.set_after_seq(ws.last_seq());
  auto stream = v1::LiveService::NewStub(channel_)->Subscribe(&stream_ctx, sub);
  const Scrape subscribed =
      ScrapeUntil([](const Scrape& s) { return s.ValueOr0("factdesk_live_subscribers") >= 1; });
  EXPECT_EQ(subscribed.ValueOr0("factdesk_live_subscribers"), 1);

  v1::ImportTranscriptRequest import;
  import.set_workspace_id(workspace_id_);
  import.set_filename("note.txt");
  import.set_content("Lena Ortiz: The bridge opened in 1998.\n");
  v1::ImportTranscriptResponse imported;
  auto import_ctx = Context(token_);
  ASSERT_TRUE(v1::TranscriptService::NewStub(channel_)
                  ->ImportTranscript(import_ctx.get(), import, &imported)
                  .ok());
  v1::SubscribeResponse item;
  bool got_event = false;
  while (!got_event && stream->Read(&item)) got_event = item.has_event() || item.has_events();
  ASSERT_TRUE(got_event) << "the subscriber saw no event";
  const Scrape moved = ScrapeUntil([&](const Scrape& s) {
    return s.ValueOr0("factdesk_live_messages_sent_total") > sent_before &&
           s.ValueOr0("factdesk_live_events_fetched_total") > fetched_before;
  });
  EXPECT_GT(moved.ValueOr0("factdesk_live_messages_sent_total"), sent_before);
  EXPECT_GT(moved.ValueOr0("factdesk_live_events_fetched_total"), fetched_before);

  stream_ctx.TryCancel();
  while (stream->Read(&item)) {
  }
  (void)stream->Finish();
  const Scrape gone =
      ScrapeUntil([](const Scrape& s) { return s.ValueOr0("factdesk_live_subscribers") == 0; });
  EXPECT_EQ(gone.ValueOr0("factdesk_live_subscribers"), 0);
}

TEST_F(ObservabilityTest, UnknownPathsAreNotFound) {
  const HttpResponse r = HttpGet(metrics_port_, "/not-metrics");
  EXPECT_NE(r.status.find(" 404"), std::string::npos) << r.status;
}

// Every line of the process's output, stdout and stderr, parsed as JSON.
std::vector<json> JsonLines(const std::string& output, const std::string& stream) {
  std::vector<json> lines;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(parsed.is_object()) << stream << " line is not a JSON object: " << line;
    if (!parsed.is_object()) continue;
    EXPECT_TRUE(parsed.contains("time") && parsed["time"].is_string()) << line;
    EXPECT_TRUE(parsed.contains("level") && parsed["level"].is_string()) << line;
    lines.push_back(std::move(parsed));
  }
  return lines;
}

TEST_F(ObservabilityTest, JsonLogsAreOneObjectPerLineWithTheRequestFields) {
  ASSERT_TRUE(WhoAmI(token_, "obs-request-1").ok());
  ASSERT_EQ(WhoAmI("fd_wrong", "obs-request-2").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // The request lines are written when the requests finish; wait for the second.
  const auto deadline = std::chrono::steady_clock::now() + kWait;
  while (server_->log().find("obs-request-2") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  const std::string log = server_->log();
  const std::vector<json> lines = JsonLines(log, "server");
  ASSERT_FALSE(lines.empty());

  std::map<std::string, json> by_request_id;
  std::size_t request_lines = 0;
  for (const json& line : lines) {
    if (!line.contains("method")) {
      EXPECT_TRUE(line.contains("msg")) << line.dump();
      continue;
    }
    ++request_lines;
    for (const char* field : {"method", "user", "status", "request_id", "time", "level"}) {
      EXPECT_TRUE(line.contains(field) && line[field].is_string()) << field << ": " << line.dump();
    }
    EXPECT_TRUE(line.contains("ms") && line["ms"].is_number()) << line.dump();
    if (line.contains("request_id") && line["request_id"].is_string()) {
      by_request_id[line["request_id"].get<std::string>()] = line;
    }
  }
  EXPECT_GE(request_lines, 3U);  // GetWorkspace in the setup, and the two above
  ASSERT_TRUE(by_request_id.contains("obs-request-1")) << log;
  const json& ok = by_request_id["obs-request-1"];
  EXPECT_EQ(ok["method"], "WhoAmI");
  EXPECT_EQ(ok["user"], "ana");
  EXPECT_EQ(ok["status"], "OK");
  EXPECT_EQ(ok["level"], "info");
  EXPECT_GE(ok["ms"].get<double>(), 0);
  // ISO 8601 UTC: 2026-11-29T08:23:46.317601Z.
  const std::string time = ok["time"];
  EXPECT_TRUE(time.size() >= 20 && time[4] == '-' && time[7] == '-' && time[10] == 'T' &&
              time[13] == ':' && time[16] == ':' && time.ends_with("Z"))
      << time;
  ASSERT_TRUE(by_request_id.contains("obs-request-2")) << log;
  const json& refused = by_request_id["obs-request-2"];
  EXPECT_EQ(refused["method"], "WhoAmI");
  EXPECT_EQ(refused["user"], "-");
  EXPECT_EQ(refused["status"], "UNAUTHENTICATED");
  EXPECT_FALSE(refused.value("message", "").empty()) << refused.dump();
  // The token is never logged.
  EXPECT_EQ(log.find(token_), std::string::npos);
}

TEST_F(ObservabilityTest, ShutdownLinesAreJsonToo) {
  // Last in the suite: stops the server and reads everything it wrote.
  ASSERT_EQ(server_->Stop(), std::optional<int>(0)) << server_->log();
  const std::string log = server_->log();
  const std::vector<json> lines = JsonLines(log, "server");
  ASSERT_FALSE(lines.empty());
  bool stopped = false;
  for (const json& line : lines) stopped = stopped || line.value("msg", "") == "stopped";
  EXPECT_TRUE(stopped) << log.substr(log.size() > 2000 ? log.size() - 2000 : 0);
}

}  // namespace
}  // namespace factdesk::testing
