// "Checked before?" through a real server: a new claim's matches arrive as an event, the
// desk's own published checks are matched beside imported ones, a claim links to the
// earlier check it is the same claim as, and a duplicate names what it duplicates.
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "factdesk/v1/archive.grpc.pb.h"
#include "tests/integration/live_helpers.h"
#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto kMatchWait = 60s;  // a bound for a stuck worker, not a timing assertion

class CheckedBeforeTest : public WorkflowTest {
 protected:
  void SetUp() override {
    WorkflowTest::SetUp();
    if (HasFatalFailure()) return;
    // The transcript's segments say "Unemployment fell by N percent in year ..."; marked
    // claims quote "Unemployment fell by".
    jobs_ = ImportCheck(ws_, "https://checks.example/jobs",
                        "Unemployment fell by three percent last year, the governor said.",
                        "Mostly true");
    ImportCheck(ws_, "https://checks.example/lemon",
                "Drinking hot water with lemon cures the coronavirus.", "False");
  }

  std::unique_ptr<v1::ArchiveService::Stub> archive() {
    return v1::ArchiveService::NewStub(server_->channel());
  }

  std::int64_t ImportCheck(std::int64_t ws, const std::string& url, const std::string& claim,
                           const std::string& verdict) {
    v1::ImportArchiveRequest req;
    req.set_workspace_id(ws);
    v1::ArchivedCheck* c = req.add_checks();
    c->set_url(url);
    c->set_claim_reviewed(claim);
    c->set_rating_name(verdict);
    c->set_author_name("River Check");
    v1::ImportArchiveResponse resp;
    const grpc::Status s = archive()->ImportArchive(Ctx(ben_.token).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    v1::MatchChecksRequest match;
    match.set_workspace_id(ws);
    match.set_text(claim);
    v1::MatchChecksResponse found;
    EXPECT_TRUE(archive()->MatchChecks(Ctx(ben_.token).get(), match, &found).ok());
    return found.matches().empty() ? 0 : found.matches(0).check().id();
  }

  // The CLAIM_MATCHED event of the claim, waited for on a stream from the start.
  std::optional<v1::Event> MatchedEvent(std::int64_t claim_id, int nth = 1) {
    StreamCollector stream(server_->channel(), vic_.token, ws_, 0);
    auto found = [&]() -> std::optional<v1::Event> {
      int seen = 0;
      for (const v1::Event& e : stream.events()) {
        if (e.kind() == v1::EVENT_KIND_CLAIM_MATCHED && e.claim_id() == claim_id && ++seen == nth) {
          return e;
        }
      }
      return std::nullopt;
    };
    stream.WaitUntil([&] { return found().has_value(); }, kMatchWait);
    stream.Cancel();
    return found();
  }

  grpc::Status ListMatches(const TestUser& who, std::int64_t claim_id,
                           v1::ListClaimMatchesResponse* out) {
    v1::ListClaimMatchesRequest req;
    req.set_claim_id(claim_id);
    return archive()->ListClaimMatches(Ctx(who.token).get(), req, out);
  }

  grpc::Status Link(const TestUser& who, const v1::Claim& claim, std::int64_t check_id,
                    std::int64_t same_as_claim_id, v1::Claim* out) {
    v1::LinkClaimRequest req;
    req.set_claim_id(claim.id());
    req.set_expected_version(claim.version());
    req.set_check_id(check_id);
    req.set_same_as_claim_id(same_as_claim_id);
    return server_->claims()->LinkClaim(Ctx(who.token).get(), req, out);
  }

  grpc::Status DismissAs(const v1::Claim& claim, v1::DismissReason reason, std::int64_t dup_claim,
                         std::int64_t dup_check, v1::Claim* out) {
    v1::DismissClaimRequest req;
    req.set_claim_id(claim.id());
    req.set_expected_version(claim.version());
    req.set_reason(reason);
    req.set_duplicate_of_claim_id(dup_claim);
    req.set_duplicate_of_check_id(dup_check);
    return server_->claims()->DismissClaim(Ctx(eve_.token).get(), req, out);
  }

  std::int64_t jobs_ = 0;
};

TEST_F(CheckedBeforeTest, ANewClaimGetsItsMatchesAsAnEventAndOnRequest) {
  ASSERT_NE(jobs_, 0);
  const v1::Claim claim = Mark(3, false);
  const std::optional<v1::Event> event = MatchedEvent(claim.id());
  ASSERT_TRUE(event.has_value()) << "no claim.matched event";
  ASSERT_FALSE(event->matches().empty());
  EXPECT_EQ(event->matches(0).check().url(), "https://checks.example/jobs");
  EXPECT_EQ(event->matches(0).check().rating_name(), "Mostly true");
  EXPECT_EQ(event->matches(0).source(), "archive");
  EXPECT_FALSE(event->has_actor()) << "the server matched it, not a person";

  // The same list, on request, for any member.
  v1::ListClaimMatchesResponse listed;
  ASSERT_TRUE(ListMatches(vic_, claim.id(), &listed).ok());
  EXPECT_TRUE(listed.matched());
  ASSERT_EQ(listed.matches_size(), event->matches_size());
  EXPECT_EQ(listed.matches(0).check().id(), jobs_);

  // A new summary is matched again.
  v1::UpdateClaimRequest update;
  update.set_claim_id(claim.id());
  update.set_expected_version(claim.version());
  update.set_summary("Hot lemon water cures the coronavirus");
  v1::Claim updated;
  ASSERT_TRUE(server_->claims()->UpdateClaim(Ctx(ben_.token).get(), update, &updated).ok());
  const std::optional<v1::Event> again = MatchedEvent(claim.id(), 2);
  ASSERT_TRUE(again.has_value()) << "no second claim.matched event after the summary changed";
  ASSERT_FALSE(again->matches().empty());
  EXPECT_EQ(again->matches(0).check().url(), "https://checks.example/lemon");

  const TestUser outsider = server_->AddUser("olga");
  EXPECT_FALSE(ListMatches(outsider, claim.id(), &listed).ok());
}

TEST_F(CheckedBeforeTest, EditsWhileTheMatcherRecordsMatchesAreNeverRefusedForADeadlock) {
  // Each summary edit queues the claim for matching again while the worker records what
  // the previous text found: both take the claim's row and its queue entry, and in
  // opposite orders PostgreSQL ended one of them with "deadlock detected". The texts
  // match nothing (the worker then records "nothing found" without an event) until the
  // last, which matches the jobs check.
  const char* texts[] = {"The moon is made of green cheese, a senator said",
                         "Penguins fly south in winter, according to the minister"};
  v1::Claim claim = Mark(3, false);
  // PostgreSQL ends either side of a deadlock: the worker's loss shows only in the log.
  auto log = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000);
  spdlog::default_logger()->sinks().push_back(log);
  struct Unhook {
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink;
    ~Unhook() { std::erase(spdlog::default_logger()->sinks(), sink); }
  } unhook{log};
  for (int i = 0; i < 120; ++i) {
    v1::UpdateClaimRequest update;
    update.set_claim_id(claim.id());
    update.set_expected_version(claim.version());
    update.set_summary(i == 119 ? "Unemployment fell by three percent last year" : texts[i % 2]);
    const grpc::Status s = server_->claims()->UpdateClaim(Ctx(ben_.token).get(), update, &claim);
    ASSERT_TRUE(s.ok()) << "edit " << i << ": " << s.error_message();
    // Edits land before, during and after the worker's save of the previous one.
    std::this_thread::sleep_for(std::chrono::milliseconds(i % 7 * 2));
  }
  // The last summary's matches are recorded in the end (the bound is for a stuck worker).
  const auto give_up = std::chrono::steady_clock::now() + kMatchWait;
  v1::ListClaimMatchesResponse listed;
  while (std::chrono::steady_clock::now() < give_up) {
    ASSERT_TRUE(ListMatches(vic_, claim.id(), &listed).ok());
    if (!listed.matches().empty() && listed.matches(0).check().id() == jobs_) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(listed.matches().empty()) << "the last summary's matches were not recorded";
  EXPECT_EQ(listed.matches(0).check().url(), "https://checks.example/jobs");
  for (const std::string& line : log->last_formatted()) {
    EXPECT_EQ(line.find("deadlock"), std::string::npos) << line;
  }
}

TEST_F(CheckedBeforeTest, TheDesksOwnPublishedChecksAreMatchedUntilReopened) {
  const v1::Claim published = PublishedClaim(5);
  v1::MatchChecksRequest req;
  req.set_workspace_id(ws_);
  req.set_text(published.summary());
  v1::MatchChecksResponse found;
  ASSERT_TRUE(archive()->MatchChecks(Ctx(vic_.token).get(), req, &found).ok());
  const v1::CheckMatch* own = nullptr;
  for (const auto& m : found.matches()) {
    if (m.check().claim_id() == published.id()) own = &m;
  }
  ASSERT_NE(own, nullptr) << "the published claim is not among the matches";
  EXPECT_EQ(own->source(), "claim");
  EXPECT_EQ(own->check().rating_name(), published.final_verdict().label());
  EXPECT_EQ(own->check().claim_reviewed(), published.summary());

  // Its mirror is withdrawn by reopening the claim, not removed from the archive.
  v1::RemoveArchivedCheckRequest remove;
  remove.set_id(own->check().id());
  v1::RemoveArchivedCheckResponse removed;
  EXPECT_REFUSED(archive()->RemoveArchivedCheck(Ctx(eve_.token).get(), remove, &removed),
                 grpc::StatusCode::FAILED_PRECONDITION, "reopen the claim to withdraw it");
  const std::int64_t mirror = own->check().id();
  ASSERT_TRUE(Reopen(eve_, Get(published.id()), "New figures from the statistics office").ok());
  ASSERT_TRUE(archive()->MatchChecks(Ctx(vic_.token).get(), req, &found).ok());
  for (const auto& m : found.matches()) EXPECT_NE(m.check().id(), mirror);
}

TEST_F(CheckedBeforeTest, ACheckerLinksAClaimToAnEarlierCheckAndCanUnlinkIt) {
  const v1::Claim claim = Mark(4, false);
  StreamCollector stream(server_->channel(), vic_.token, ws_, 0);
  v1::Claim linked;
  ASSERT_TRUE(Link(ben_, claim, jobs_, 0, &linked).ok());
  ASSERT_TRUE(linked.has_link());
  EXPECT_EQ(linked.link().check_id(), jobs_);
  EXPECT_EQ(linked.link().url(), "https://checks.example/jobs");
  EXPECT_EQ(linked.link().rating_name(), "Mostly true");
  EXPECT_EQ(linked.link().author_name(), "River Check");
  EXPECT_EQ(linked.link().linked_by().handle(), "ben");
  EXPECT_EQ(linked.version(), claim.version() + 1);
  EXPECT_TRUE(Get(claim.id(), &vic_).has_link());
  EXPECT_TRUE(stream.WaitUntil(
      [&] {
        for (const auto& e : stream.events()) {
          if (e.kind() == v1::EVENT_KIND_CLAIM_LINKED && e.claim().link().check_id() == jobs_) {
            return true;
          }
        }
        return false;
      },
      kMatchWait));
  stream.Cancel();

  v1::UnlinkClaimRequest unlink;
  unlink.set_claim_id(claim.id());
  unlink.set_expected_version(linked.version());
  v1::Claim unlinked;
  ASSERT_TRUE(server_->claims()->UnlinkClaim(Ctx(ben_.token).get(), unlink, &unlinked).ok());
  EXPECT_FALSE(unlinked.has_link());
  unlink.set_expected_version(unlinked.version());
  EXPECT_REFUSED(server_->claims()->UnlinkClaim(Ctx(ben_.token).get(), unlink, &unlinked),
                 grpc::StatusCode::FAILED_PRECONDITION, "is not linked");
}

TEST_F(CheckedBeforeTest, ABadLinkIsRefusedNamingTheProblemAndWritesNothing) {
  const v1::Claim claim = Mark(6, false);
  const v1::Claim other = Mark(7, false);
  const std::int64_t elsewhere_ws = server_->CreateWorkspace("elsewhere", ben_);
  const std::int64_t elsewhere = ImportCheck(elsewhere_ws, "https://checks.example/far",
                                             "Unemployment fell by half in the far north.", "True");
  v1::Claim out;
  EXPECT_REFUSED(Link(ben_, claim, jobs_, other.id(), &out), grpc::StatusCode::INVALID_ARGUMENT,
                 "check_id: name exactly one target");
  EXPECT_REFUSED(Link(ben_, claim, 0, 0, &out), grpc::StatusCode::INVALID_ARGUMENT,
                 "check_id: name exactly one target");
  EXPECT_REFUSED(Link(ben_, claim, 0, claim.id(), &out), grpc::StatusCode::INVALID_ARGUMENT,
                 "cannot be the same claim as itself");
  EXPECT_REFUSED(Link(ben_, claim, elsewhere, 0, &out), grpc::StatusCode::NOT_FOUND,
                 "there is no archived check");
  EXPECT_REFUSED(Link(ben_, claim, 0, 999999, &out), grpc::StatusCode::NOT_FOUND,
                 "there is no claim 999999 in this workspace");
  EXPECT_REFUSED(Link(vic_, claim, jobs_, 0, &out), grpc::StatusCode::PERMISSION_DENIED, "viewer");
  const v1::Claim after = Get(claim.id());
  EXPECT_FALSE(after.has_link());
  EXPECT_EQ(after.version(), claim.version());
}

TEST_F(CheckedBeforeTest, ADuplicateNamesWhatItDuplicatesAndIsLinkedToIt) {
  const v1::Claim original = Mark(8, false);
  const v1::Claim repeat = Mark(9, false);
  v1::Claim out;
  EXPECT_REFUSED(DismissAs(repeat, v1::DISMISS_REASON_DUPLICATE, 0, 0, &out),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "duplicate_of: a duplicate names the claim or archived check it duplicates");
  EXPECT_REFUSED(DismissAs(repeat, v1::DISMISS_REASON_DUPLICATE, original.id(), jobs_, &out),
                 grpc::StatusCode::INVALID_ARGUMENT, "not both");
  EXPECT_REFUSED(DismissAs(repeat, v1::DISMISS_REASON_OPINION, original.id(), 0, &out),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "only a claim dismissed as DUPLICATE names what it duplicates");
  EXPECT_REFUSED(DismissAs(repeat, v1::DISMISS_REASON_DUPLICATE, 999999, 0, &out),
                 grpc::StatusCode::NOT_FOUND, "there is no claim 999999");
  EXPECT_EQ(Get(repeat.id()).status(), v1::CLAIM_STATUS_OPEN);

  ASSERT_TRUE(DismissAs(repeat, v1::DISMISS_REASON_DUPLICATE, original.id(), 0, &out).ok());
  EXPECT_EQ(out.status(), v1::CLAIM_STATUS_DISMISSED);
  EXPECT_EQ(out.dismiss_reason(), v1::DISMISS_REASON_DUPLICATE);
  ASSERT_TRUE(out.has_link());
  EXPECT_EQ(out.link().claim_id(), original.id());
  EXPECT_EQ(out.link().claim_reviewed(), original.summary());

  const v1::Claim archived_dup = Mark(10, false);
  ASSERT_TRUE(DismissAs(archived_dup, v1::DISMISS_REASON_DUPLICATE, 0, jobs_, &out).ok());
  EXPECT_EQ(out.link().check_id(), jobs_);
}

}  // namespace
}  // namespace factdesk::testing
