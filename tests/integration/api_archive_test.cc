// The archive of past checks through a real server: import (validated, idempotent,
// per workspace), list, show, remove, and "checked before?" matching.
#include "factdesk/v1/archive.grpc.pb.h"
#include "tests/integration/api_fixture.h"

namespace factdesk::testing {
namespace {

v1::ArchivedCheck Check(const std::string& url, const std::string& claim,
                        const std::string& verdict) {
  v1::ArchivedCheck c;
  c.set_url(url);
  c.set_claim_reviewed(claim);
  c.set_rating_name(verdict);
  c.set_author_name("River Check");
  c.set_date_published("2024-03-02");
  return c;
}

class ArchiveTest : public ApiTest {
 protected:
  static std::unique_ptr<v1::ArchiveService::Stub> Archive() {
    return v1::ArchiveService::NewStub(server().channel());
  }

  static grpc::Status Import(const TestUser& who, std::int64_t ws,
                             const std::vector<v1::ArchivedCheck>& checks,
                             v1::ImportArchiveResponse* out) {
    v1::ImportArchiveRequest req;
    req.set_workspace_id(ws);
    for (const auto& c : checks) *req.add_checks() = c;
    return Archive()->ImportArchive(Ctx(who.token).get(), req, out);
  }

  static std::vector<v1::ArchivedCheck> List(const TestUser& who) {
    v1::ListArchiveRequest req;
    req.set_workspace_id(ws_);
    req.set_page_size(500);
    v1::ListArchiveResponse resp;
    EXPECT_TRUE(Archive()->ListArchive(Ctx(who.token).get(), req, &resp).ok());
    return {resp.checks().begin(), resp.checks().end()};
  }

  static v1::MatchChecksResponse Match(const TestUser& who, const std::string& text,
                                       grpc::Status* status = nullptr) {
    v1::MatchChecksRequest req;
    req.set_workspace_id(ws_);
    req.set_text(text);
    v1::MatchChecksResponse resp;
    const grpc::Status s = Archive()->MatchChecks(Ctx(who.token).get(), req, &resp);
    if (status != nullptr) *status = s;
    return resp;
  }
};

TEST_F(ArchiveTest, ImportIsIdempotentAndUpdatesInPlaceByUrl) {
  const std::vector<v1::ArchivedCheck> checks = {
      Check("https://checks.example/bridge", "The bridge cost four billion dollars.", "False"),
      Check("https://checks.example/turbines", "Wind turbines kill more birds than cats.",
            "False")};
  v1::ImportArchiveResponse first;
  ASSERT_TRUE(Import(ben_, ws_, checks, &first).ok());
  EXPECT_EQ(first.created(), 2);
  v1::ImportArchiveResponse again;
  ASSERT_TRUE(Import(ben_, ws_, checks, &again).ok());
  EXPECT_EQ(again.created(), 0);
  EXPECT_EQ(again.unchanged(), 2);

  // The same url, written differently, with a new verdict: one check, updated.
  v1::ImportArchiveResponse changed;
  ASSERT_TRUE(Import(ben_, ws_,
                     {Check("HTTPS://Checks.Example:443/bridge",
                            "The bridge cost four billion dollars.", "Mostly false")},
                     &changed)
                  .ok());
  EXPECT_EQ(changed.updated(), 1);
  int bridges = 0;
  for (const auto& c : List(vic_)) {
    if (c.url() == "https://checks.example/bridge") {
      ++bridges;
      EXPECT_EQ(c.rating_name(), "Mostly false");
      EXPECT_EQ(c.author_name(), "River Check");
    }
  }
  EXPECT_EQ(bridges, 1);
}

TEST_F(ArchiveTest, AMalformedCheckRefusesTheBatchNamingItAndWritesNothing) {
  const std::size_t before = List(vic_).size();
  v1::ImportArchiveResponse resp;
  EXPECT_REFUSED(Import(ben_, ws_,
                        {Check("https://checks.example/ok", "Fine.", "True"),
                         Check("ftp://checks.example/x", "Bad url.", "True")},
                        &resp),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "checks[1]: url: only http and https URLs are accepted (got 'ftp')");
  EXPECT_REFUSED(Import(ben_, ws_, {Check("https://checks.example/empty", "", "True")}, &resp),
                 grpc::StatusCode::INVALID_ARGUMENT, "checks[0]: claimReviewed: is missing");
  EXPECT_REFUSED(
      Import(ben_, ws_, {Check("https://checks.example/bell", "ring \x07 ring", "True")}, &resp),
      grpc::StatusCode::INVALID_ARGUMENT, "control character U+0007");
  EXPECT_REFUSED(Import(ben_, ws_, {}, &resp), grpc::StatusCode::INVALID_ARGUMENT,
                 "checks: must not be empty");
  EXPECT_REFUSED(Import(ben_, ws_,
                        std::vector<v1::ArchivedCheck>(
                            1001, Check("https://checks.example/many", "Many.", "True")),
                        &resp),
                 grpc::StatusCode::INVALID_ARGUMENT, "at most 1000 per call (got 1001)");
  EXPECT_EQ(List(vic_).size(), before);
}

TEST_F(ArchiveTest, ViewersMatchAndReadButOnlyCheckersImportAndEditorsRemove) {
  v1::ImportArchiveResponse resp;
  EXPECT_REFUSED(
      Import(vic_, ws_, {Check("https://checks.example/viewer", "A viewer's.", "True")}, &resp),
      grpc::StatusCode::PERMISSION_DENIED, "import past checks");
  EXPECT_REFUSED(
      Import(out_, ws_, {Check("https://checks.example/outsider", "Outside.", "True")}, &resp),
      grpc::StatusCode::PERMISSION_DENIED, "");
  ASSERT_TRUE(Import(ben_, ws_,
                     {Check("https://checks.example/teachers",
                            "The governor vetoed a pay raise for teachers.", "True")},
                     &resp)
                  .ok());
  const v1::MatchChecksResponse matched = Match(vic_, "governor veto teachers pay");
  ASSERT_FALSE(matched.matches().empty());
  const v1::ArchivedCheck found = matched.matches(0).check();
  EXPECT_EQ(found.url(), "https://checks.example/teachers");

  v1::GetArchivedCheckRequest get;
  get.set_id(found.id());
  v1::ArchivedCheck shown;
  EXPECT_TRUE(Archive()->GetArchivedCheck(Ctx(vic_.token).get(), get, &shown).ok());
  // A non-member cannot tell an existing check from a missing one.
  EXPECT_REFUSED(Archive()->GetArchivedCheck(Ctx(out_.token).get(), get, &shown),
                 grpc::StatusCode::NOT_FOUND,
                 "archived check " + std::to_string(found.id()) + " does not exist");

  v1::RemoveArchivedCheckRequest remove;
  remove.set_id(found.id());
  v1::RemoveArchivedCheckResponse removed;
  EXPECT_REFUSED(Archive()->RemoveArchivedCheck(Ctx(ben_.token).get(), remove, &removed),
                 grpc::StatusCode::PERMISSION_DENIED, "remove an archived check");
  ASSERT_TRUE(Archive()->RemoveArchivedCheck(Ctx(eve_.token).get(), remove, &removed).ok());
  const v1::MatchChecksResponse after = Match(vic_, "governor veto teachers pay");
  for (const auto& m : after.matches()) {
    EXPECT_NE(m.check().id(), found.id());
  }
  EXPECT_REFUSED(Archive()->GetArchivedCheck(Ctx(vic_.token).get(), get, &shown),
                 grpc::StatusCode::NOT_FOUND,
                 "archived check " + std::to_string(found.id()) + " does not exist");
}

TEST_F(ArchiveTest, MatchingFindsACheckWordedDifferentlyWithItsVerdict) {
  v1::ImportArchiveResponse resp;
  ASSERT_TRUE(Import(ben_, ws_,
                     {Check("https://checks.example/jobs",
                            "The unemployment rate fell to 3.5 percent, the lowest in fifty years.",
                            "Mostly true"),
                      Check("https://checks.example/lemon",
                            "Drinking hot water with lemon cures the coronavirus.", "False"),
                      Check("https://checks.example/office",
                            "The unemployment office in the city closed in March.", "True")},
                     &resp)
                  .ok());
  const auto matched = Match(ben_, "Joblessness just dropped to 3.5%, lowest in half a century!");
  ASSERT_FALSE(matched.matches().empty());
  EXPECT_EQ(matched.matches(0).source(), "archive");
  EXPECT_EQ(matched.matches(0).check().url(), "https://checks.example/jobs");
  EXPECT_EQ(matched.matches(0).check().rating_name(), "Mostly true");
  EXPECT_GT(matched.matches(0).score(), 0);
  const auto lemon = Match(ben_, "my aunt says a hot lemon drink cures COVID #coronavirus");
  ASSERT_FALSE(lemon.matches().empty());
  EXPECT_EQ(lemon.matches(0).check().url(), "https://checks.example/lemon");

  grpc::Status status;
  Match(ben_, "   ", &status);
  EXPECT_REFUSED(status, grpc::StatusCode::INVALID_ARGUMENT, "text: must not be empty");
  Match(out_, "lemon", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace factdesk::testing
