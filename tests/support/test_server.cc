#include "tests/support/test_server.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <pqxx/pqxx>

#include "proto/factdesk/v1/metadata.h"
#include "server/admin.h"
#include "server/store/statement.h"
#include "tests/support/test_postgres.h"

namespace factdesk::testing {

TestServer::TestServer(std::function<void(server::ServerOptions&)> tweak)
    : url_(TestPostgres::Get().FreshDatabase()) {
  StartServer(std::move(tweak));
}

TestServer::TestServer(std::string database_url, std::function<void(server::ServerOptions&)> tweak)
    : url_(std::move(database_url)) {
  StartServer(std::move(tweak));
}

TestServer::TestServer(const TestServer& same_database,
                       std::function<void(server::ServerOptions&)> tweak)
    : url_(same_database.url_) {
  StartServer(std::move(tweak));
}

void TestServer::StartServer(std::function<void(server::ServerOptions&)> tweak) {
  server::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.database.url = url_;
  options.pool_size = 8;
  options.worker_threads = 8;
  // Scoring writes events of its own, after every import: the suites that count events
  // would see them come and go. The suggestion suites turn it on.
  options.suggestions.threads = 0;
  if (tweak) tweak(options);
  auto started = server::FactdeskServer::Start(options);
  if (!started.ok()) throw std::runtime_error("test server: " + started.status().message());
  server_ = std::move(started).value();
  pool_ = std::make_unique<store::ConnectionPool>(
      store::PoolOptions{url_, 2, std::chrono::milliseconds(5000)}, store::AllStatements());
  db_ = std::make_unique<store::Db>(*pool_);
}

TestServer::~TestServer() {
  Stop();
}

void TestServer::Stop() {
  channel_.reset();
  if (server_) server_->Shutdown();
}

std::shared_ptr<grpc::Channel> TestServer::channel() {
  if (!channel_) {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    args.SetMaxSendMessageSize(64 << 20);
    channel_ = grpc::CreateCustomChannel(address(), grpc::InsecureChannelCredentials(), args);
  }
  return channel_;
}

TestUser TestServer::AddUser(const std::string& handle) {
  auto created = server::AdminCreateUser(*db_, handle, "User " + handle, false);
  if (!created.ok()) throw std::runtime_error(created.status().message());
  auto token = server::AdminIssueToken(*db_, handle);
  if (!token.ok()) throw std::runtime_error(token.status().message());
  TestUser user;
  user.token = *token;
  user.user.set_handle(handle);
  user.user.set_display_name("User " + handle);
  user.user.set_id(std::stoll(QueryValue("SELECT id FROM users WHERE handle = '" + handle + "'")));
  return user;
}

std::int64_t TestServer::CreateWorkspace(const std::string& slug, const TestUser& owner) {
  auto created =
      server::AdminCreateWorkspace(*db_, slug, "Workspace " + slug, owner.user.handle(), false);
  if (!created.ok()) throw std::runtime_error(created.status().message());
  return std::stoll(QueryValue("SELECT id FROM workspaces WHERE slug = '" + slug + "'"));
}

void TestServer::AddMember(const std::string& slug, const TestUser& user, const std::string& role) {
  auto added = server::AdminAddMember(*db_, slug, user.user.handle(), role);
  if (!added.ok()) throw std::runtime_error(added.status().message());
}

std::string TestServer::QueryValue(const std::string& sql) {
  pqxx::connection conn(url_);
  pqxx::nontransaction tx(conn);
  const pqxx::result r = tx.exec(sql);
  if (r.empty() || r[0][0].is_null()) return "";
  return r[0][0].as<std::string>();
}

std::map<std::string, std::int64_t> TestServer::Snapshot() {
  std::map<std::string, std::int64_t> out;
  pqxx::connection conn(url_);
  pqxx::nontransaction tx(conn);
  for (const char* table : {"users",
                            "api_tokens",
                            "workspaces",
                            "memberships",
                            "transcripts",
                            "speakers",
                            "segments",
                            "claims",
                            "claim_assignees",
                            "sources",
                            "notes",
                            "note_revisions",
                            "reviews",
                            "review_revisions",
                            "disputes",
                            "claim_corrections",
                            "rating_scales",
                            "events",
                            "claim_tags",
                            "suggestions",
                            "archived_checks",
                            "scoring_queue",
                            "segment_revisions"}) {
    out[table] = tx.exec(std::string("SELECT count(*) FROM ") + table)[0][0].as<std::int64_t>();
  }
  out["sum(last_seq)"] =
      tx.exec("SELECT coalesce(sum(last_seq), 0) FROM workspace_seqs")[0][0].as<std::int64_t>();
  out["sum(claims.version)"] =
      tx.exec("SELECT coalesce(sum(version), 0) FROM claims")[0][0].as<std::int64_t>();
  out["decided suggestions"] =
      tx.exec("SELECT count(*) FROM suggestions WHERE state <> 'open'")[0][0].as<std::int64_t>();
  out["transcripts' state"] =
      tx.exec("SELECT count(*) FILTER (WHERE state = 'CLOSED') FROM transcripts")[0][0]
          .as<std::int64_t>();
  out["removed sources"] =
      tx.exec("SELECT count(*) FROM sources WHERE removed_at IS NOT NULL")[0][0].as<std::int64_t>();
  return out;
}

std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) ctx->AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return ctx;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string SharedPath(const std::string& relative) {
  return std::string(FACTDESK_SHARED_DIR) + "/" + relative;
}

Desk MakeDesk(TestServer& server) {
  Desk d;
  d.ana = server.AddUser("ana");
  d.eve = server.AddUser("eve");
  d.ben = server.AddUser("ben");
  d.vic = server.AddUser("vic");
  d.out = server.AddUser("out");
  d.workspace_id = server.CreateWorkspace("desk", d.ana);
  server.AddMember("desk", d.eve, "editor");
  server.AddMember("desk", d.ben, "checker");
  server.AddMember("desk", d.vic, "viewer");
  return d;
}

v1::Transcript ImportAs(TestServer& server, const std::string& token, std::int64_t workspace_id,
                        const std::string& filename, const std::string& content) {
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(workspace_id);
  req.set_filename(filename);
  req.set_content(content);
  v1::ImportTranscriptResponse resp;
  const auto status = server.transcripts()->ImportTranscript(Ctx(token).get(), req, &resp);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return resp.transcript();
}

}  // namespace factdesk::testing
