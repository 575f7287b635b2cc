#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/dashboard.grpc.pb.h"
#include "factdesk/v1/live.grpc.pb.h"
#include "factdesk/v1/note.grpc.pb.h"
#include "factdesk/v1/review.grpc.pb.h"
#include "factdesk/v1/source.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "factdesk/v1/workspace.grpc.pb.h"
#include "server/server.h"
#include "server/store/connection_pool.h"
#include "server/store/db.h"

namespace factdesk::testing {

struct TestUser {
  v1::User user;
  std::string token;
};

// A real factdesk-server, in this process, on a loopback port, over a fresh database
// of the harness's PostgreSQL. Users, workspaces and tokens are made with the same
// admin code the operator's commands use.
class TestServer {
 public:
  explicit TestServer(std::function<void(server::ServerOptions&)> tweak = nullptr);
  // A server on a database of the caller's (e.g. a PrivatePostgres's), migrated at start.
  TestServer(std::string database_url, std::function<void(server::ServerOptions&)> tweak);
  // Another server process-alike on the same database (a second replica).
  TestServer(const TestServer& same_database, std::function<void(server::ServerOptions&)> tweak);
  ~TestServer();

  std::string address() const { return "127.0.0.1:" + std::to_string(server_->port()); }
  const std::string& database_url() const { return url_; }
  server::FactdeskServer& server() { return *server_; }
  void Stop();

  TestUser AddUser(const std::string& handle);
  // Creates the workspace owned by `owner` (its admin); returns its id.
  std::int64_t CreateWorkspace(const std::string& slug, const TestUser& owner);
  void AddMember(const std::string& slug, const TestUser& user, const std::string& role);

  std::shared_ptr<grpc::Channel> channel();
  std::unique_ptr<v1::WorkspaceService::Stub> workspaces() {
    return v1::WorkspaceService::NewStub(channel());
  }
  std::unique_ptr<v1::TranscriptService::Stub> transcripts() {
    return v1::TranscriptService::NewStub(channel());
  }
  std::unique_ptr<v1::ClaimService::Stub> claims() { return v1::ClaimService::NewStub(channel()); }
  std::unique_ptr<v1::SourceService::Stub> sources() {
    return v1::SourceService::NewStub(channel());
  }
  std::unique_ptr<v1::NoteService::Stub> notes() { return v1::NoteService::NewStub(channel()); }
  std::unique_ptr<v1::ReviewService::Stub> reviews() {
    return v1::ReviewService::NewStub(channel());
  }
  std::unique_ptr<v1::LiveService::Stub> live() { return v1::LiveService::NewStub(channel()); }
  std::unique_ptr<v1::DashboardService::Stub> dashboards() {
    return v1::DashboardService::NewStub(channel());
  }

  // Row counts of every data table and the sum of the workspaces' seqs: equal before
  // and after a refused request means it wrote nothing.
  std::map<std::string, std::int64_t> Snapshot();
  // Runs a query and returns the first column of the first row as text ("" if none).
  std::string QueryValue(const std::string& sql);

  store::Db& db() { return *db_; }

 private:
  void StartServer(std::function<void(server::ServerOptions&)> tweak);

  std::string url_;
  std::unique_ptr<server::FactdeskServer> server_;
  std::unique_ptr<store::ConnectionPool> pool_;
  std::unique_ptr<store::Db> db_;
  std::shared_ptr<grpc::Channel> channel_;
};

// A client context with the token (none when empty) and a 30 s deadline.
std::unique_ptr<grpc::ClientContext> Ctx(const std::string& token);

// The file's bytes, read in place (fixtures under ../shared are never copied).
std::string ReadFile(const std::string& path);
std::string SharedPath(const std::string& relative);

// What most suites start from: workspace "desk" owned by ana (admin), with eve (editor), ben
// (checker) and vic (viewer), and out, who belongs to no workspace.
struct Desk {
  TestUser ana, eve, ben, vic, out;
  std::int64_t workspace_id = 0;
};
Desk MakeDesk(TestServer& server);

// Imports `content` as `filename` into workspace `workspace_id` as the token's user;
// a failed import fails the test (and returns an empty transcript).
v1::Transcript ImportAs(TestServer& server, const std::string& token, std::int64_t workspace_id,
                        const std::string& filename, const std::string& content);

}  // namespace factdesk::testing
