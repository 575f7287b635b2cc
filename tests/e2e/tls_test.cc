// TLS end to end: certificates made here with the `openssl` binary (a CA, a server
// certificate for 127.0.0.1 and localhost, a client CA and client certificates), a real
// `factdesk-server serve --tls-cert --tls-key` process, and the `factdesk` CLI running
// the whole checking flow over TLS. Plaintext clients, clients that do not trust the
// server's CA and, under mutual TLS, clients without a certificate the client CA signed
// are all refused.
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "factdesk/v1/workspace.grpc.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "tests/e2e/cli_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_postgres.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

std::string FindOpenssl() {
  for (const char* candidate : {"/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"}) {
    if (access(candidate, X_OK) == 0) return candidate;
  }
  return "";
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The test's own public key infrastructure, in a temporary directory.
struct Pki {
  std::string ca;           // signs the server's certificate
  std::string server_cert;  // SAN IP:127.0.0.1, DNS:localhost
  std::string server_key;
  std::string client_ca;  // the server's --client-ca
  std::string client_cert;
  std::string client_key;
  std::string other_ca;    // trusted by nobody here
  std::string stray_cert;  // a client certificate signed by other_ca
  std::string stray_key;
};

// Runs openssl; a failure fails the test with its output.
::testing::AssertionResult Openssl(const std::string& dir, const std::vector<std::string>& args) {
  const std::string openssl = FindOpenssl();
  if (openssl.empty()) {
    return ::testing::AssertionFailure() << "the openssl binary is not installed (apt-get install "
                                            "openssl)";
  }
  ProcessOptions o;
  o.argv = {openssl};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.cwd = dir;
  const ProcessResult r = RunProcess(o, std::chrono::seconds(60));
  if (r.exit_code != 0) return ::testing::AssertionFailure() << "openssl: " << Describe(r);
  return ::testing::AssertionSuccess();
}

void MakeCa(const std::string& dir, const std::string& name, const std::string& subject) {
  ASSERT_TRUE(Openssl(
      dir,
      {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
       "-keyout", name + ".key", "-out", name + ".pem", "-days", "3", "-subj", subject, "-addext",
       "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"}));
}

void MakeLeaf(const std::string& dir, const std::string& name, const std::string& ca,
              const std::string& subject, const std::string& extensions) {
  std::ofstream(dir + "/" + name + ".ext") << extensions;
  ASSERT_TRUE(
      Openssl(dir, {"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject}));
  ASSERT_TRUE(Openssl(
      dir, {"x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
            "-CAcreateserial", "-out", name + ".pem", "-days", "3", "-extfile", name + ".ext"}));
}

void MakePki(const std::string& dir, Pki* pki) {
  MakeCa(dir, "ca", "/CN=Factdesk Test CA");
  MakeCa(dir, "client-ca", "/CN=Factdesk Test Client CA");
  MakeCa(dir, "other-ca", "/CN=Somebody Else's CA");
  MakeLeaf(dir, "server", "ca", "/CN=localhost",
           "basicConstraints=CA:FALSE\n"
           "keyUsage=critical,digitalSignature,keyEncipherment\n"
           "extendedKeyUsage=serverAuth\n"
           "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  const std::string client_ext =
      "basicConstraints=CA:FALSE\n"
      "keyUsage=critical,digitalSignature\n"
      "extendedKeyUsage=clientAuth\n";
  MakeLeaf(dir, "client", "client-ca", "/CN=ana", client_ext);
  MakeLeaf(dir, "stray", "other-ca", "/CN=ana", client_ext);
  pki->ca = dir + "/ca.pem";
  pki->server_cert = dir + "/server.pem";
  pki->server_key = dir + "/server.key";
  pki->client_ca = dir + "/client-ca.pem";
  pki->client_cert = dir + "/client.pem";
  pki->client_key = dir + "/client.key";
  pki->other_ca = dir + "/other-ca.pem";
  pki->stray_cert = dir + "/stray.pem";
  pki->stray_key = dir + "/stray.key";
}

constexpr std::string_view kTalk =
    "WEBVTT\n"
    "\n"
    "00:00:01.000 --> 00:00:06.000\n"
    "<v Dana Whitfield>The bridge repairs cost four million dollars last year.\n"
    "\n"
    "00:00:06.000 --> 00:00:10.000\n"
    "<v Marcus Okafor>That figure leaves out the design contract.\n";

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    std::filesystem::create_directories(dir_->path() + "/pki");
    MakePki(dir_->path() + "/pki", &pki_);
    if (::testing::Test::HasFatalFailure()) return;
    data_dir_ = dir_->path() + "/data";
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--data-dir", data_dir_, "--unsafe-no-fsync", "--tls-cert",
                                 pki_.server_cert, "--tls-key", pki_.server_key},
        0);
    ASSERT_EQ(Admin(data_dir_, {"create-user", "ana", "--name", "Ana Moreno"}).exit_code, 0);
    ASSERT_EQ(Admin(data_dir_, {"create-workspace", "desk", "--name", "Desk", "--owner", "ana"})
                  .exit_code,
              0);
    const ProcessResult token = Admin(data_dir_, {"issue-token", "ana"});
    ASSERT_EQ(token.exit_code, 0) << Describe(token);
    token_ = token.out.substr(0, token.out.find('\n'));
    ASSERT_FALSE(token_.empty());
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  void SetUp() override {
    ASSERT_TRUE(server_ != nullptr && !token_.empty()) << "the suite's setup failed (see above)";
  }

  static std::string Https() { return "https://127.0.0.1:" + std::to_string(server_->port()); }

  static ProcessResult Admin(const std::string& data_dir, const std::vector<std::string>& args) {
    ProcessOptions o;
    o.argv = {ServerBinary(), "admin", "--data-dir", data_dir};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    return RunProcess(o, kCommandTimeout);
  }

  // `factdesk ARGS` with HOME `home` (made if missing), none of the developer's
  // FACTDESK_* settings, and the e2e LeakSanitizer suppressions (third-party only).
  static ProcessResult Cli(const std::string& home, const std::vector<std::string>& args,
                           const std::string& stdin_data = "",
                           const std::map<std::string, std::string>& env = {}) {
    std::filesystem::create_directories(dir_->path() + "/" + home);
    ProcessOptions o;
    o.argv = {CliBinary()};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.env = {{"HOME", dir_->path() + "/" + home},
             {"XDG_CONFIG_HOME", dir_->path() + "/" + home + "/config"},
             {"LSAN_OPTIONS",
              "suppressions=" FACTDESK_SOURCE_DIR "/tests/e2e/lsan.supp:print_suppressions=0"}};
    for (const auto& [k, v] : env) o.env[k] = v;
    o.unset_env = {"FACTDESK_SERVER", "FACTDESK_TOKEN", "FACTDESK_CA", "FACTDESK_CERT",
                   "FACTDESK_KEY"};
    o.stdin_data = stdin_data;
    return RunProcess(o, kCommandTimeout);
  }

  static std::unique_ptr<TempDir> dir_;
  static Pki pki_;
  static std::string data_dir_;
  static std::unique_ptr<ServerProcess> server_;
  static std::string token_;
};

std::unique_ptr<TempDir> TlsTest::dir_;
Pki TlsTest::pki_;
std::string TlsTest::data_dir_;
std::unique_ptr<ServerProcess> TlsTest::server_;
std::string TlsTest::token_;

TEST_F(TlsTest, TheWholeFlowRunsOverTls) {
  const ProcessResult login =
      Cli("flow", {"login", "--server", Https(), "--token", token_, "--ca", pki_.ca});
  ASSERT_CLI_OK(login);
  // From here on the saved login (server, token and CA) is used.
  const ProcessResult who = Cli("flow", {"whoami"});
  ASSERT_CLI_OK(who);
  EXPECT_NE(who.out.find("ana"), std::string::npos) << who.out;

  const std::string talk = dir_->path() + "/talk.vtt";
  std::ofstream(talk) << kTalk;
  const ProcessResult imported = Cli("flow", {"import", talk, "-w", "desk", "--json"});
  ASSERT_CLI_OK(imported);
  const std::string transcript = ParseJson(imported).value("id", "");
  ASSERT_FALSE(transcript.empty());

  const ProcessResult added =
      Cli("flow", {"claim", "add", "--transcript", transcript, "--ordinal", "1", "--quote",
                   "cost four million dollars last year", "--json"});
  ASSERT_CLI_OK(added);
  const std::string claim = ParseJson(added).value("id", "");
  ASSERT_FALSE(claim.empty());
  ASSERT_CLI_OK(Cli("flow", {"source", "add", claim, "--url", "https://budget.example.org/2023",
                             "--stance", "supports", "--title", "City budget 2023"}));
  ASSERT_CLI_OK(Cli("flow", {"note", "add", claim, "--body", "-"},
                    "Check whether the design contract is included.\n"));

  const ProcessResult shown = Cli("flow", {"claim", "show", claim, "--json"});
  ASSERT_CLI_OK(shown);
  const json full = ParseJson(shown);
  EXPECT_EQ(full["claim"]["quote"], "cost four million dollars last year");
  EXPECT_EQ(full["claim"]["claimant"], "Dana Whitfield");
  EXPECT_EQ(full["claim"]["source_count"], 1);
  EXPECT_EQ(full["claim"]["note_count"], 1);
  ASSERT_EQ(full["sources"].size(), 1U);
  EXPECT_EQ(full["sources"][0]["url"], "https://budget.example.org/2023");
  ASSERT_EQ(full["notes"].size(), 1U);
  EXPECT_EQ(full["notes"][0]["body"], "Check whether the design contract is included.");

  // An export streams over TLS too.
  const std::string csv = dir_->path() + "/flow.csv";
  ASSERT_CLI_OK(Cli("flow", {"export", "csv", "-w", "desk", "-o", csv}));
  EXPECT_NE(Read(csv).find("cost four million dollars last year"), std::string::npos);

  // The certificate names localhost as well as 127.0.0.1. (Resolving a name goes through
  // c-ares, whose start-up allocation LeakSanitizer would report.)
  const ProcessResult by_name =
      Cli("by-name",
          {"whoami", "--server", "https://localhost:" + std::to_string(server_->port()), "--token",
           token_, "--ca", pki_.ca},
          "",
          {{"LSAN_OPTIONS",
            "suppressions=" FACTDESK_SOURCE_DIR "/tests/e2e/lsan.supp:print_suppressions=0"}});
  ASSERT_CLI_OK(by_name);
  // The server logged the requests as it does in plaintext.
  EXPECT_NE(server_->log().find("CreateClaim user=ana status=OK"), std::string::npos);
}

TEST_F(TlsTest, LoginOnABareAddressFindsTheServersTls) {
  const std::string bare = "127.0.0.1:" + std::to_string(server_->port());
  // The CA stands in for the system's roots, as for a server with a public certificate.
  const std::map<std::string, std::string> trusted = {
      {"GRPC_DEFAULT_SSL_ROOTS_FILE_PATH", pki_.ca}};
  const ProcessResult login =
      Cli("bare", {"login", "--server", bare, "--token", token_}, "", trusted);
  ASSERT_CLI_OK(login);
  EXPECT_NE(login.out.find("logged in to https://" + bare + " as ana"), std::string::npos)
      << login.out;
  const ProcessResult who = Cli("bare", {"whoami"}, "", trusted);
  ASSERT_CLI_OK(who);
  EXPECT_NE(who.out.find("ana (Ana Moreno)"), std::string::npos) << who.out;

  // Offered TLS with a certificate nobody here trusts: the message says to give the CA,
  // and nothing is saved.
  const ProcessResult untrusted =
      Cli("bare-untrusted", {"login", "--server", bare, "--token", token_});
  EXPECT_TRUE(
      FailsWith(untrusted, "UNAVAILABLE",
                "uses TLS, and its certificate is not signed by a CA this computer trusts"));
  EXPECT_TRUE(
      FailsWith(Cli("bare-untrusted", {"whoami"}), "FAILED_PRECONDITION", "no server given"));
}

TEST_F(TlsTest, PlaintextClientsAreRefused) {
  const std::string plain = "127.0.0.1:" + std::to_string(server_->port());
  EXPECT_TRUE(
      FailsWith(Cli("plain", {"whoami", "--server", plain, "--token", token_}), "UNAVAILABLE", ""));
  EXPECT_TRUE(FailsWith(Cli("plain", {"whoami", "--server", "http://" + plain, "--token", token_}),
                        "UNAVAILABLE", ""));

  // A gRPC client of our own, plaintext.
  auto stub =
      v1::WorkspaceService::NewStub(grpc::CreateChannel(plain, grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token_);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::WhoAmIResponse who;
  const grpc::Status status = stub->WhoAmI(&ctx, v1::WhoAmIRequest(), &who);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_TRUE(who.user().handle().empty());

  // The server still serves TLS clients.
  ASSERT_CLI_OK(Cli("plain", {"whoami", "--server", Https(), "--token", token_, "--ca", pki_.ca}));
}

TEST_F(TlsTest, AServerTheClientDoesNotTrustIsRefused) {
  // The system's roots do not include the test CA; nor does somebody else's CA.
  EXPECT_TRUE(FailsWith(Cli("untrusting", {"whoami", "--server", Https(), "--token", token_}),
                        "UNAVAILABLE", ""));
  EXPECT_TRUE(FailsWith(
      Cli("untrusting", {"login", "--server", Https(), "--token", token_, "--ca", pki_.other_ca}),
      "UNAVAILABLE", ""));
  // The failed login saved nothing.
  EXPECT_TRUE(FailsWith(Cli("untrusting", {"whoami"}), "FAILED_PRECONDITION", "no server given"));
  // A CA file that is not there is named.
  EXPECT_TRUE(FailsWith(Cli("untrusting", {"whoami", "--server", Https(), "--token", token_, "--ca",
                                           dir_->path() + "/missing.pem"}),
                        "INVALID_ARGUMENT", "missing.pem"));
}

TEST_F(TlsTest, MutualTlsRequiresACertificateFromTheClientCa) {
  const std::string data = dir_->path() + "/mtls-data";
  ServerProcess mtls({"--data-dir", data, "--unsafe-no-fsync", "--tls-cert", pki_.server_cert,
                      "--tls-key", pki_.server_key, "--client-ca", pki_.client_ca},
                     0);
  ASSERT_EQ(Admin(data, {"create-user", "ana", "--name", "Ana Moreno"}).exit_code, 0);
  const ProcessResult issued = Admin(data, {"issue-token", "ana"});
  ASSERT_EQ(issued.exit_code, 0) << Describe(issued);
  const std::string token = issued.out.substr(0, issued.out.find('\n'));
  const std::string address = "https://127.0.0.1:" + std::to_string(mtls.port());
  const std::vector<std::string> base = {"whoami", "--server", address, "--token",
                                         token,    "--ca",     pki_.ca};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return Cli("mtls", args);
  };

  // No client certificate; one signed by another CA: refused during the handshake.
  EXPECT_TRUE(FailsWith(with({}), "UNAVAILABLE", ""));
  EXPECT_TRUE(
      FailsWith(with({"--cert", pki_.stray_cert, "--key", pki_.stray_key}), "UNAVAILABLE", ""));
  // A certificate without its key is a usage mistake, named before connecting.
  EXPECT_TRUE(FailsWith(with({"--cert", pki_.client_cert}), "INVALID_ARGUMENT", "key"));
  // The client CA's certificate: in.
  const ProcessResult ok = with({"--cert", pki_.client_cert, "--key", pki_.client_key});
  ASSERT_CLI_OK(ok);
  EXPECT_NE(ok.out.find("ana"), std::string::npos) << ok.out;

  // The same with a gRPC client of our own.
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = Read(pki_.ca);
  ssl.pem_cert_chain = Read(pki_.client_cert);
  ssl.pem_private_key = Read(pki_.client_key);
  auto stub = v1::WorkspaceService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(mtls.port()), grpc::SslCredentials(ssl)));
  grpc::ClientContext ctx;
  ctx.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::WhoAmIResponse who;
  const grpc::Status status = stub->WhoAmI(&ctx, v1::WhoAmIRequest(), &who);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(who.user().handle(), "ana");
}

TEST_F(TlsTest, RefusedHandshakesKeepJsonLogsJson) {
  ServerProcess json_server(
      {"--data-dir", dir_->path() + "/json-data", "--unsafe-no-fsync", "--tls-cert",
       pki_.server_cert, "--tls-key", pki_.server_key, "--log-format", "json"},
      0);
  const std::string plain = "127.0.0.1:" + std::to_string(json_server.port());
  EXPECT_TRUE(
      FailsWith(Cli("json", {"whoami", "--server", plain, "--token", "fd_x"}), "UNAVAILABLE", ""));
  ASSERT_EQ(json_server.Stop(), std::optional<int>(0));
  // gRPC's own report of the failed handshake is one of the lines, and JSON like the rest.
  const std::string log = json_server.log();
  std::istringstream lines(log);
  std::string line;
  bool handshake_reported = false;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const json parsed = json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(parsed.is_object()) << "not JSON: " << line << "\n" << log;
    EXPECT_TRUE(parsed.contains("time") && parsed.contains("level")) << line;
    const std::string msg = parsed.value("msg", "");
    if (msg.starts_with("grpc: ") && msg.find("andshake") != std::string::npos) {
      handshake_reported = true;
      EXPECT_EQ(parsed["level"], "warning") << line;
    }
  }
  EXPECT_TRUE(handshake_reported) << log;
}

TEST_F(TlsTest, TheServerRefusesIncompleteTlsSettings) {
  auto serve = [&](const std::vector<std::string>& flags) {
    ProcessOptions o;
    o.argv = {ServerBinary(), "serve",      "--listen",
              "127.0.0.1:0",  "--data-dir", dir_->path() + "/never-started"};
    o.argv.insert(o.argv.end(), flags.begin(), flags.end());
    return RunProcess(o, kCommandTimeout);
  };
  const ProcessResult no_key = serve({"--tls-cert", pki_.server_cert});
  EXPECT_EQ(no_key.exit_code, 1) << Describe(no_key);
  EXPECT_NE(no_key.err.find("--tls-cert and --tls-key go together"), std::string::npos)
      << Describe(no_key);
  const ProcessResult no_cert = serve({"--client-ca", pki_.client_ca});
  EXPECT_EQ(no_cert.exit_code, 1) << Describe(no_cert);
  EXPECT_NE(no_cert.err.find("--client-ca"), std::string::npos) << Describe(no_cert);
  const ProcessResult missing =
      serve({"--tls-cert", dir_->path() + "/nope.pem", "--tls-key", pki_.server_key});
  EXPECT_EQ(missing.exit_code, 1) << Describe(missing);
  EXPECT_NE(missing.err.find("nope.pem"), std::string::npos) << Describe(missing);
  // None of them got as far as creating a database.
  EXPECT_FALSE(std::filesystem::exists(dir_->path() + "/never-started"));
}

}  // namespace
}  // namespace factdesk::testing
