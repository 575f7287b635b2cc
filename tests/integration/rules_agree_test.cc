// The clients ask the rules before they offer or send an action (v1::CheckClaimAction: the
// desktop's inspector and the CLI's precheck both call it); the server decides. For every
// claim action, every role and every claim state, asked of the claim as that member reads
// it and then performed against the real server, the two answers agree: both accept, or
// both refuse with the same code and the same message, and a refusal writes nothing.
#include <functional>
#include <optional>

#include "proto/claim_checks.h"
#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {
namespace {

using domain::Action;

constexpr Action kActions[] = {
    Action::kEditClaim, Action::kTakeClaim,    Action::kAssignClaim, Action::kDismiss,
    Action::kReopen,    Action::kPublish,      Action::kCorrect,     Action::kSubmitReview,
    Action::kAddSource, Action::kRemoveSource, Action::kAddNote,     Action::kDecideDispute,
    Action::kTagClaim,
};

// What a client holds when it asks: the claim, the workspace (its role and policy) and the
// reviews it can see, each read as that member.
struct ClientView {
  v1::Claim claim;
  v1::Workspace workspace;
  std::vector<v1::Review> reviews;
};

// One way to make a claim: its name for messages, and how to build a fresh one.
struct ClaimSetup {
  std::string name;
  std::function<v1::Claim(int)> build;
};

class RulesAgreeTest : public WorkflowTest {
 protected:
  ClientView ReadAs(const TestUser& who, std::int64_t claim_id) {
    ClientView v;
    v.claim = Get(claim_id, &who);
    v1::GetWorkspaceRequest wreq;
    wreq.set_workspace_id(ws_);
    EXPECT_TRUE(server_->workspaces()->GetWorkspace(Ctx(who.token).get(), wreq, &v.workspace).ok());
    v1::ListReviewsRequest rreq;
    rreq.set_claim_id(claim_id);
    v1::ListReviewsResponse reviews;
    EXPECT_TRUE(server_->reviews()->ListReviews(Ctx(who.token).get(), rreq, &reviews).ok());
    v.reviews.assign(reviews.reviews().begin(), reviews.reviews().end());
    return v;
  }

  // The client's answer, as the desktop asks it (the reviews it holds give the votes).
  static Status ClientAnswer(const ClientView& v, Action action) {
    std::vector<const v1::Review*> reviews;
    for (const auto& r : v.reviews) reviews.push_back(&r);
    return v1::CheckClaimAction(v.workspace, v.claim, action, v1::VotesOf(reviews));
  }

  // The latest dispute of a claim (nullopt when it never had one).
  std::optional<v1::Dispute> LatestDispute(std::int64_t claim_id) {
    v1::GetDisputeRequest req;
    req.set_claim_id(claim_id);
    v1::Dispute d;
    if (!server_->reviews()->GetDispute(Ctx(eve_.token).get(), req, &d).ok()) return std::nullopt;
    return d;
  }

  std::optional<std::int64_t> AnySource(std::int64_t claim_id) {
    v1::ListSourcesRequest req;
    req.set_claim_id(claim_id);
    v1::ListSourcesResponse resp;
    EXPECT_TRUE(server_->sources()->ListSources(Ctx(eve_.token).get(), req, &resp).ok());
    if (resp.sources().empty()) return std::nullopt;
    return resp.sources(0).id();
  }

  // Performs `action` as `who` with a well-formed request built from what the client
  // holds; nullopt when the action names a record the claim does not have (a decision
  // without a dispute, a removal without a source): no client offers those.
  std::optional<grpc::Status> Perform(Action action, const TestUser& who, const ClientView& v) {
    const v1::Claim& c = v.claim;
    auto ctx = Ctx(who.token);
    v1::Claim claim_out;
    switch (action) {
      case Action::kEditClaim: {
        v1::UpdateClaimRequest req;
        req.set_claim_id(c.id());
        req.set_expected_version(c.version());
        req.set_summary("Unemployment fell, the survey says");
        return server_->claims()->UpdateClaim(ctx.get(), req, &claim_out);
      }
      case Action::kTakeClaim: {
        v1::TakeClaimRequest req;
        req.set_claim_id(c.id());
        return server_->claims()->TakeClaim(ctx.get(), req, &claim_out);
      }
      case Action::kAssignClaim: {
        v1::AssignClaimRequest req;
        req.set_claim_id(c.id());
        req.set_expected_version(c.version());
        req.add_assignee_ids(dan_.user.id());
        return server_->claims()->AssignClaim(ctx.get(), req, &claim_out);
      }
      case Action::kDismiss:
        return Dismiss(who, c);
      case Action::kReopen:
        return Reopen(who, c, "The agency revised the series.");
      case Action::kPublish:
        return Publish(who, c);
      case Action::kCorrect: {
        v1::CorrectClaimRequest req;
        req.set_claim_id(c.id());
        req.set_expected_version(c.version());
        req.set_verdict("Mostly false");
        req.set_reason("The agency revised the series.");
        return server_->claims()->CorrectClaim(ctx.get(), req, &claim_out);
      }
      case Action::kTagClaim: {
        v1::TagClaimRequest req;
        req.set_claim_id(c.id());
        req.set_tag("labour-market");
        return server_->claims()->TagClaim(ctx.get(), req, &claim_out);
      }
      default:
        return PerformOnRecords(action, who, v);
    }
  }

  // The actions that add or name records beside the claim.
  std::optional<grpc::Status> PerformOnRecords(Action action, const TestUser& who,
                                               const ClientView& v) {
    const v1::Claim& c = v.claim;
    auto ctx = Ctx(who.token);
    switch (action) {
      case Action::kSubmitReview: {
        std::int64_t own = 0;  // revising names the own review's version, as clients do
        for (const auto& r : v.reviews) {
          if (r.reviewer().id() == who.user.id()) own = r.version();
        }
        return Review(who, c.id(), "False", nullptr, own);
      }
      case Action::kAddSource: {
        v1::Source out;
        v1::AddSourceRequest req;
        req.set_claim_id(c.id());
        req.set_url("https://stats.example.org/revisions");
        req.set_stance(v1::STANCE_CONTEXT);
        return server_->sources()->AddSource(ctx.get(), req, &out);
      }
      case Action::kRemoveSource: {
        const auto source = AnySource(c.id());
        if (!source) return std::nullopt;
        v1::RemoveSourceRequest req;
        req.set_source_id(*source);
        v1::Source out;
        return server_->sources()->RemoveSource(ctx.get(), req, &out);
      }
      case Action::kAddNote: {
        v1::AddNoteRequest req;
        req.set_claim_id(c.id());
        req.set_body("Which series is this?");
        v1::Note out;
        return server_->notes()->AddNote(ctx.get(), req, &out);
      }
      case Action::kDecideDispute: {
        const auto dispute = LatestDispute(c.id());
        if (!dispute) return std::nullopt;
        return Decide(who, dispute->id(), "False");
      }
      default:
        ADD_FAILURE() << "no request for " << domain::ActionName(action);
        return std::nullopt;
    }
  }

  // A claim whose dispute an editor decided (so a dispute exists in every later state).
  v1::Claim DecidedClaim(int n) {
    const v1::Claim c = DisputedClaim(n);
    EXPECT_TRUE(Decide(eve_, DisputeOf(c.id(), eve_).id(), "False").ok());
    return Get(c.id());
  }

  v1::Claim AssignedClaim(int n) {
    const v1::Claim c = Mark(n);
    v1::AssignClaimRequest req;
    req.set_claim_id(c.id());
    req.set_expected_version(c.version());
    req.add_assignee_ids(cat_.user.id());
    v1::Claim out;
    EXPECT_TRUE(server_->claims()->AssignClaim(Ctx(eve_.token).get(), req, &out).ok());
    return out;
  }

  std::vector<ClaimSetup> Setups() {
    auto reopened = [this](int n) {
      v1::Claim out;
      EXPECT_TRUE(Reopen(eve_, DecidedClaim(n), "Revised figures.", &out).ok());
      return out;
    };
    return {
        {"OPEN", [this](int n) { return OpenClaim(n); }},
        {"OPEN without a source", [this](int n) { return Mark(n, false); }},
        {"IN_REVIEW", [this](int n) { return InReviewClaim(n); }},
        {"IN_REVIEW assigned to cat", [this](int n) { return AssignedClaim(n); }},
        {"IN_REVIEW after a decided dispute", reopened},
        {"DISPUTED", [this](int n) { return DisputedClaim(n); }},
        {"RESOLVED by an editor", [this](int n) { return DecidedClaim(n); }},
        {"RESOLVED by agreement", [this](int n) { return ResolvedClaim(n); }},
        {"PUBLISHED",
         [this](int n) {
           v1::Claim out;
           EXPECT_TRUE(Publish(eve_, DecidedClaim(n), &out).ok());
           return out;
         }},
        {"DISMISSED", [this](int n) { return DismissedClaim(n); }},
        {"DISMISSED after a decided dispute",
         [this, reopened](int n) {
           v1::Claim out;
           EXPECT_TRUE(Dismiss(eve_, reopened(n), &out).ok());
           return out;
         }},
    };
  }

  // Asks and performs one action; returns whether the server accepted it.
  bool ExpectAgreement(const ClaimSetup& setup, const TestUser& who, Action action,
                       std::int64_t claim_id) {
    const std::string where =
        setup.name + ", " + who.user.handle() + ", " + std::string(domain::ActionName(action));
    const ClientView view = ReadAs(who, claim_id);
    const Status client = ClientAnswer(view, action);
    const auto before = server_->Snapshot();
    const std::optional<grpc::Status> server = Perform(action, who, view);
    if (!server) return false;
    ++compared_;
    EXPECT_EQ(static_cast<int>(server->error_code()), static_cast<int>(client.code()))
        << where << "\n  client: " << client.ToString()
        << "\n  server: " << server->error_message();
    EXPECT_EQ(server->error_message(), client.message()) << where;
    if (!server->ok()) {
      EXPECT_EQ(server_->Snapshot(), before) << where << " wrote something";
    }
    return server->ok();
  }

  int compared_ = 0;
};

TEST_F(RulesAgreeTest, TheClientsAnswerIsTheServersForEveryActionRoleAndState) {
  const std::vector<const TestUser*> members = {&vic_, &dan_, &eve_, &ana_};
  int n = 0;
  for (const ClaimSetup& setup : Setups()) {
    v1::Claim claim = setup.build(n++ % 30);
    for (const TestUser* who : members) {
      for (const Action action : kActions) {
        // An accepted action changed the claim: the next combination gets a fresh one.
        if (ExpectAgreement(setup, *who, action, claim.id())) claim = setup.build(n++ % 30);
      }
    }
  }
  // Every combination but the ones no client offers was compared: 11 setups, 4 members,
  // 13 actions, less a decision on the 6 setups that never had a dispute and a removal on
  // the one without a source.
  EXPECT_EQ(compared_, 11 * 4 * 13 - 6 * 4 - 4);
}

TEST_F(RulesAgreeTest, UnderMajorityTheClientCountsTheVotesAsTheServerDoes) {
  SetPolicy(2, true, v1::DISPUTE_RULE_MAJORITY);
  const ClaimSetup partial{"DISPUTED 1-1 under MAJORITY",
                           [this](int n) { return DisputedClaim(n); }};
  const v1::Claim two = partial.build(0);
  // Two votes of a panel of three: not the editor's to decide yet.
  EXPECT_FALSE(ExpectAgreement(partial, eve_, Action::kDecideDispute, two.id()));
  const ClaimSetup tie{"DISPUTED 1-1-1 under MAJORITY", [this](int n) {
                         const v1::Claim c = DisputedClaim(n);
                         EXPECT_TRUE(Review(dan_, c.id(), "Half true").ok());
                         return Get(c.id());
                       }};
  const v1::Claim three = tie.build(1);
  ASSERT_EQ(three.status(), v1::CLAIM_STATUS_DISPUTED);
  EXPECT_TRUE(ExpectAgreement(tie, eve_, Action::kDecideDispute, three.id()));
  EXPECT_EQ(compared_, 2);
}

TEST_F(RulesAgreeTest, AReviewWithoutASourceIsRefusedByBothUnlessThePolicyAllowsIt) {
  const ClaimSetup bare{"OPEN without a source", [this](int n) { return Mark(n, false); }};
  const v1::Claim claim = bare.build(0);
  EXPECT_FALSE(ExpectAgreement(bare, dan_, Action::kSubmitReview, claim.id()));
  SetPolicy(2, false, v1::DISPUTE_RULE_EDITOR_DECIDES);
  EXPECT_TRUE(ExpectAgreement(bare, dan_, Action::kSubmitReview, claim.id()));
}

TEST_F(RulesAgreeTest, AStaleCopyCannotLetAnythingThrough) {
  // dan read the claim while it was OPEN; eve dismissed it since.
  const v1::Claim claim = OpenClaim(0);
  const ClientView stale = ReadAs(dan_, claim.id());
  ASSERT_TRUE(Dismiss(eve_, claim).ok());
  EXPECT_TRUE(ClientAnswer(stale, Action::kTakeClaim).ok());
  const auto before = server_->Snapshot();
  const auto taken = Perform(Action::kTakeClaim, dan_, stale);
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(taken->error_message(),
            "claim is DISMISSED: claims can be taken only while a claim is OPEN or IN_REVIEW; "
            "reopen it first");
  // A versioned change names the version read: the server answers ABORTED first.
  const auto edited = Perform(Action::kEditClaim, dan_, stale);
  ASSERT_TRUE(edited.has_value());
  EXPECT_EQ(edited->error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(server_->Snapshot(), before);
}

}  // namespace
}  // namespace factdesk::testing
