// Existence does not leak (issue 17.10): every RPC that names a workspace, a record or a
// handle answers a caller outside the workspace exactly alike whether the target exists
// or not (same code, same message but for the id it names), and writes nothing. Members
// still hear NOT_FOUND for a missing record.
#include <regex>

#include "factdesk/v1/export.grpc.pb.h"
#include "factdesk/v1/token.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "factdesk/v1/webhook.grpc.pb.h"
#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {
namespace {

constexpr std::int64_t kMissing = 987654321;

// A call naming `target` (an id, a slug or a handle), made as `as`.
using Probe = std::function<grpc::Status(const TestUser& as, const std::string& target)>;

struct Target {
  std::string rpc;
  std::string existing;
  std::string missing;  // kMissing when empty
  Probe call;

  std::string Missing() const { return missing.empty() ? std::to_string(kMissing) : missing; }
};

std::int64_t Id(const std::string& target) {
  return std::stoll(target);
}

// The message with the target it names replaced, so answers about two targets compare.
std::string Normalised(const grpc::Status& status, const std::string& target) {
  return std::regex_replace(status.error_message(), std::regex("\\b" + target + "\\b"), "<T>");
}

// A call whose reply is not looked at: only its status is.
template <typename Resp, typename Req, typename Method>
grpc::Status Ask(const TestUser& as, const Req& req, Method method) {
  Resp out;
  return method(Ctx(as.token).get(), req, &out);
}

class ExistenceTest : public WorkflowTest {
 protected:
  void SetUp() override;

  std::vector<Target> WorkspaceTargets();
  std::vector<Target> ClaimTargets();
  std::vector<Target> RecordTargets();
  std::vector<Target> WebhookAndTokenTargets();
  // Live transcripts (issue 13): a live transcript, a segment, a claim.
  std::vector<Target> LiveTargets();
  std::int64_t TokenIdOf(const TestUser& user);

  // The answers of `who` about each target's existing and missing form are alike and
  // write nothing. With `refused_access`, they are NOT_FOUND or PERMISSION_DENIED (the
  // request got past its field checks to the question of access).
  void ExpectAlike(const TestUser& who, const std::vector<Target>& targets,
                   bool refused_access = true);

  std::unique_ptr<v1::WebhookService::Stub> hooks() {
    return v1::WebhookService::NewStub(server_->channel());
  }

  TestUser mia_;  // the admin of another workspace
  TestUser oli_;  // a member of no workspace
  std::int64_t elsewhere_ = 0;
  v1::Claim claim_;
  std::int64_t source_id_ = 0;
  std::int64_t note_id_ = 0;
  std::int64_t dispute_id_ = 0;
  std::int64_t webhook_id_ = 0;
  std::int64_t live_id_ = 0;
};

void ExistenceTest::SetUp() {
  // Webhook URLs are not resolved (the test machine's DNS is no part of the test).
  server_options_ = [](server::ServerOptions& o) { o.webhooks.http.allow_private = true; };
  WorkflowTest::SetUp();
  mia_ = server_->AddUser("mia");
  oli_ = server_->AddUser("oli");
  elsewhere_ = server_->CreateWorkspace("elsewhere", mia_);
  claim_ = DisputedClaim(0);
  dispute_id_ = DisputeOf(claim_.id(), eve_).id();
  v1::ListSourcesRequest sources;
  sources.set_claim_id(claim_.id());
  v1::ListSourcesResponse listed;
  ASSERT_TRUE(server_->sources()->ListSources(Ctx(ben_.token).get(), sources, &listed).ok());
  ASSERT_GT(listed.sources_size(), 0);
  source_id_ = listed.sources(0).id();
  v1::AddNoteRequest note;
  note.set_claim_id(claim_.id());
  note.set_body("The survey's own table 3 says otherwise.");
  v1::Note added;
  ASSERT_TRUE(server_->notes()->AddNote(Ctx(ben_.token).get(), note, &added).ok());
  note_id_ = added.id();
  v1::AddWebhookRequest hook;
  hook.set_workspace_id(ws_);
  hook.set_url("https://cms.example.org/hook");
  hook.add_events("published");
  v1::AddWebhookResponse made;
  const auto status = hooks()->AddWebhook(Ctx(eve_.token).get(), hook, &made);
  ASSERT_TRUE(status.ok()) << status.error_message();
  webhook_id_ = made.webhook().id();
  v1::OpenLiveTranscriptRequest open;
  open.set_workspace_id(ws_);
  open.set_title("Debate, live");
  v1::Transcript live;
  ASSERT_TRUE(server_->transcripts()->OpenLiveTranscript(Ctx(ben_.token).get(), open, &live).ok());
  live_id_ = live.id();
}

std::int64_t ExistenceTest::TokenIdOf(const TestUser& user) {
  return std::stoll(server_->QueryValue("SELECT min(id) FROM api_tokens WHERE user_id = " +
                                        std::to_string(user.user.id())));
}

void ExistenceTest::ExpectAlike(const TestUser& who, const std::vector<Target>& targets,
                                bool refused_access) {
  for (const Target& t : targets) {
    SCOPED_TRACE(t.rpc + " as " + who.user.handle());
    const auto before = server_->Snapshot();
    const grpc::Status existing = t.call(who, t.existing);
    const grpc::Status missing = t.call(who, t.Missing());
    EXPECT_EQ(server_->Snapshot(), before) << "a refused call wrote something";
    EXPECT_FALSE(existing.ok());
    EXPECT_FALSE(existing.error_message().empty());
    if (refused_access) {
      EXPECT_TRUE(existing.error_code() == grpc::StatusCode::NOT_FOUND ||
                  existing.error_code() == grpc::StatusCode::PERMISSION_DENIED)
          << existing.error_code() << " " << existing.error_message();
    }
    EXPECT_EQ(existing.error_code(), missing.error_code());
    EXPECT_EQ(Normalised(existing, t.existing), Normalised(missing, t.Missing()));
  }
}

std::vector<Target> ExistenceTest::WorkspaceTargets() {
  auto ws = [this] { return server_->workspaces(); };
  auto tr = [this] { return server_->transcripts(); };
  const std::string id = std::to_string(ws_);
  std::vector<Target> out;
  out.push_back({"GetWorkspace(id)", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::GetWorkspaceRequest r;
                   r.set_workspace_id(Id(t));
                   return Ask<v1::Workspace>(u, r,
                                             [&](auto... a) { return ws()->GetWorkspace(a...); });
                 }});
  out.push_back({"GetWorkspace(slug)", "desk", "no-such-desk",
                 [=, this](const TestUser& u, const std::string& t) {
                   v1::GetWorkspaceRequest r;
                   r.set_slug(t);
                   return Ask<v1::Workspace>(u, r,
                                             [&](auto... a) { return ws()->GetWorkspace(a...); });
                 }});
  out.push_back({"ListMembers", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::ListMembersRequest r;
                   r.set_workspace_id(Id(t));
                   return Ask<v1::ListMembersResponse>(
                       u, r, [&](auto... a) { return ws()->ListMembers(a...); });
                 }});
  out.push_back({"SetMember", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::SetMemberRequest r;
                   r.set_workspace_id(Id(t));
                   r.set_handle(u.user.handle());
                   r.set_role(v1::ROLE_ADMIN);
                   return Ask<v1::Member>(u, r, [&](auto... a) { return ws()->SetMember(a...); });
                 }});
  out.push_back({"RemoveMember", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::RemoveMemberRequest r;
                   r.set_workspace_id(Id(t));
                   r.set_handle("ben");
                   return Ask<v1::RemoveMemberResponse>(
                       u, r, [&](auto... a) { return ws()->RemoveMember(a...); });
                 }});
  out.push_back({"UpdatePolicy", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::UpdatePolicyRequest r;
                   r.set_workspace_id(Id(t));
                   r.mutable_policy()->set_required_reviews(1);
                   r.mutable_policy()->set_dispute_rule(v1::DISPUTE_RULE_EDITOR_DECIDES);
                   return Ask<v1::Workspace>(u, r,
                                             [&](auto... a) { return ws()->UpdatePolicy(a...); });
                 }});
  out.push_back(
      {"SetRatingScale", id, {}, [=, this](const TestUser& u, const std::string& t) {
         v1::SetRatingScaleRequest r;
         r.set_workspace_id(Id(t));
         for (const auto& [label, value] : {std::pair{"True", 1.0}, std::pair{"False", 0.0}}) {
           auto* added = r.add_labels();
           added->set_label(label);
           added->set_ordered(true);
           added->set_value(value);
         }
         return Ask<v1::Workspace>(u, r, [&](auto... a) { return ws()->SetRatingScale(a...); });
       }});
  out.push_back({"UpdatePublisher", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::UpdatePublisherRequest r;
                   r.set_workspace_id(Id(t));
                   r.mutable_publisher()->set_name("The Desk");
                   return Ask<v1::Workspace>(
                       u, r, [&](auto... a) { return ws()->UpdatePublisher(a...); });
                 }});
  out.push_back({"ListTranscripts", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::ListTranscriptsRequest r;
                   r.set_workspace_id(Id(t));
                   return Ask<v1::ListTranscriptsResponse>(
                       u, r, [&](auto... a) { return tr()->ListTranscripts(a...); });
                 }});
  out.push_back({"ImportTranscript", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::ImportTranscriptRequest r;
                   r.set_workspace_id(Id(t));
                   r.set_filename("probe.txt");
                   r.set_content("Ana: The budget doubled.\n");
                   return Ask<v1::ImportTranscriptResponse>(
                       u, r, [&](auto... a) { return tr()->ImportTranscript(a...); });
                 }});
  out.push_back({"OpenLiveTranscript", id, {}, [=](const TestUser& u, const std::string& t) {
                   v1::OpenLiveTranscriptRequest r;
                   r.set_workspace_id(Id(t));
                   r.set_title("Probe, live");
                   return Ask<v1::Transcript>(
                       u, r, [&](auto... a) { return tr()->OpenLiveTranscript(a...); });
                 }});
  out.push_back({"SearchSegments", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::SearchSegmentsRequest r;
                   r.set_workspace_id(Id(t));
                   r.set_query("percent");
                   return Ask<v1::SearchSegmentsResponse>(
                       u, r, [&](auto... a) { return tr()->SearchSegments(a...); });
                 }});
  return out;
}

std::vector<Target> ExistenceTest::ClaimTargets() {
  auto cs = [this] { return server_->claims(); };
  const std::string id = std::to_string(claim_.id());
  std::vector<Target> out;
  out.push_back({"GetClaim", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::GetClaimRequest r;
                   r.set_claim_id(Id(t));
                   return Ask<v1::Claim>(u, r, [&](auto... a) { return cs()->GetClaim(a...); });
                 }});
  out.push_back({"GetClaimHistory", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::GetClaimHistoryRequest r;
                   r.set_claim_id(Id(t));
                   return Ask<v1::GetClaimHistoryResponse>(
                       u, r, [&](auto... a) { return cs()->GetClaimHistory(a...); });
                 }});
  out.push_back({"UpdateClaim", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::UpdateClaimRequest r;
                   r.set_claim_id(Id(t));
                   r.set_expected_version(claim_.version());
                   r.set_summary("Unemployment fell");
                   return Ask<v1::Claim>(u, r, [&](auto... a) { return cs()->UpdateClaim(a...); });
                 }});
  out.push_back({"AssignClaim", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::AssignClaimRequest r;
                   r.set_claim_id(Id(t));
                   r.set_expected_version(claim_.version());
                   return Ask<v1::Claim>(u, r, [&](auto... a) { return cs()->AssignClaim(a...); });
                 }});
  out.push_back({"TakeClaim", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::TakeClaimRequest r;
                   r.set_claim_id(Id(t));
                   return Ask<v1::Claim>(u, r, [&](auto... a) { return cs()->TakeClaim(a...); });
                 }});
  out.push_back({"DismissClaim", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::DismissClaimRequest r;
                   r.set_claim_id(Id(t));
                   r.set_expected_version(claim_.version());
                   r.set_reason(v1::DISMISS_REASON_OPINION);
                   return Ask<v1::Claim>(u, r, [&](auto... a) { return cs()->DismissClaim(a...); });
                 }});
  out.push_back({"ReopenClaim", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::ReopenClaimRequest r;
                   r.set_claim_id(Id(t));
                   r.set_expected_version(claim_.version());
                   r.set_reason("new figures");
                   return Ask<v1::Claim>(u, r, [&](auto... a) { return cs()->ReopenClaim(a...); });
                 }});
  out.push_back({"PublishClaim", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::PublishClaimRequest r;
                   r.set_claim_id(Id(t));
                   r.set_expected_version(claim_.version());
                   return Ask<v1::Claim>(u, r, [&](auto... a) { return cs()->PublishClaim(a...); });
                 }});
  out.push_back({"CorrectClaim", id, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::CorrectClaimRequest r;
                   r.set_claim_id(Id(t));
                   r.set_expected_version(claim_.version());
                   r.set_reason("typo");
                   r.set_summary("Unemployment fell");
                   return Ask<v1::Claim>(u, r, [&](auto... a) { return cs()->CorrectClaim(a...); });
                 }});
  return out;
}

std::vector<Target> ExistenceTest::RecordTargets() {
  auto rs = [this] { return server_->reviews(); };
  auto ss = [this] { return server_->sources(); };
  auto ns = [this] { return server_->notes(); };
  const std::string claim = std::to_string(claim_.id());
  std::vector<Target> out;
  out.push_back({"ListReviews", claim, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::ListReviewsRequest r;
                   r.set_claim_id(Id(t));
                   return Ask<v1::ListReviewsResponse>(
                       u, r, [&](auto... a) { return rs()->ListReviews(a...); });
                 }});
  out.push_back({"SubmitReview", claim, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::SubmitReviewRequest r;
                   r.set_claim_id(Id(t));
                   r.set_verdict("False");
                   r.set_rationale("The survey says otherwise.");
                   r.set_confidence(v1::CONFIDENCE_HIGH);
                   return Ask<v1::SubmitReviewResponse>(
                       u, r, [&](auto... a) { return rs()->SubmitReview(a...); });
                 }});
  out.push_back(
      {"GetDispute(claim)", claim, {}, [=, this](const TestUser& u, const std::string& t) {
         v1::GetDisputeRequest r;
         r.set_claim_id(Id(t));
         return Ask<v1::Dispute>(u, r, [&](auto... a) { return rs()->GetDispute(a...); });
       }});
  out.push_back({"GetDispute(id)",
                 std::to_string(dispute_id_),
                 {},
                 [=, this](const TestUser& u, const std::string& t) {
                   v1::GetDisputeRequest r;
                   r.set_dispute_id(Id(t));
                   return Ask<v1::Dispute>(u, r, [&](auto... a) { return rs()->GetDispute(a...); });
                 }});
  out.push_back({"DecideDispute",
                 std::to_string(dispute_id_),
                 {},
                 [=, this](const TestUser& u, const std::string& t) {
                   v1::DecideDisputeRequest r;
                   r.set_dispute_id(Id(t));
                   r.set_verdict("False");
                   r.set_reasoning("The survey decides it.");
                   return Ask<v1::Dispute>(u, r,
                                           [&](auto... a) { return rs()->DecideDispute(a...); });
                 }});
  out.push_back({"AddSource", claim, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::AddSourceRequest r;
                   r.set_claim_id(Id(t));
                   r.set_url("https://stats.example.org/probe");
                   r.set_stance(v1::STANCE_SUPPORTS);
                   return Ask<v1::Source>(u, r, [&](auto... a) { return ss()->AddSource(a...); });
                 }});
  out.push_back({"ListSources", claim, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::ListSourcesRequest r;
                   r.set_claim_id(Id(t));
                   return Ask<v1::ListSourcesResponse>(
                       u, r, [&](auto... a) { return ss()->ListSources(a...); });
                 }});
  out.push_back({"RemoveSource",
                 std::to_string(source_id_),
                 {},
                 [=, this](const TestUser& u, const std::string& t) {
                   v1::RemoveSourceRequest r;
                   r.set_source_id(Id(t));
                   return Ask<v1::Source>(u, r,
                                          [&](auto... a) { return ss()->RemoveSource(a...); });
                 }});
  out.push_back({"AddNote", claim, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::AddNoteRequest r;
                   r.set_claim_id(Id(t));
                   r.set_body("probe");
                   return Ask<v1::Note>(u, r, [&](auto... a) { return ns()->AddNote(a...); });
                 }});
  out.push_back({"ListNotes", claim, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::ListNotesRequest r;
                   r.set_claim_id(Id(t));
                   return Ask<v1::ListNotesResponse>(
                       u, r, [&](auto... a) { return ns()->ListNotes(a...); });
                 }});
  out.push_back({"EditNote",
                 std::to_string(note_id_),
                 {},
                 [=, this](const TestUser& u, const std::string& t) {
                   v1::EditNoteRequest r;
                   r.set_note_id(Id(t));
                   r.set_expected_version(1);
                   r.set_body("edited");
                   return Ask<v1::Note>(u, r, [&](auto... a) { return ns()->EditNote(a...); });
                 }});
  out.push_back({"RemoveNote",
                 std::to_string(note_id_),
                 {},
                 [=, this](const TestUser& u, const std::string& t) {
                   v1::RemoveNoteRequest r;
                   r.set_note_id(Id(t));
                   return Ask<v1::Note>(u, r, [&](auto... a) { return ns()->RemoveNote(a...); });
                 }});
  return out;
}

std::vector<Target> ExistenceTest::WebhookAndTokenTargets() {
  const std::string hook = std::to_string(webhook_id_);
  std::vector<Target> out;
  out.push_back({"RemoveWebhook", hook, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::RemoveWebhookRequest r;
                   r.set_webhook_id(Id(t));
                   return Ask<v1::RemoveWebhookResponse>(
                       u, r, [&](auto... a) { return hooks()->RemoveWebhook(a...); });
                 }});
  out.push_back({"TestWebhook", hook, {}, [=, this](const TestUser& u, const std::string& t) {
                   v1::TestWebhookRequest r;
                   r.set_webhook_id(Id(t));
                   return Ask<v1::TestWebhookResponse>(
                       u, r, [&](auto... a) { return hooks()->TestWebhook(a...); });
                 }});
  out.push_back(
      {"ListWebhookDeliveries", hook, {}, [=, this](const TestUser& u, const std::string& t) {
         v1::ListWebhookDeliveriesRequest r;
         r.set_webhook_id(Id(t));
         return Ask<v1::ListWebhookDeliveriesResponse>(
             u, r, [&](auto... a) { return hooks()->ListWebhookDeliveries(a...); });
       }});
  out.push_back({"RevokeToken",
                 std::to_string(TokenIdOf(ben_)),
                 {},
                 [=, this](const TestUser& u, const std::string& t) {
                   v1::RevokeTokenRequest r;
                   r.set_token_id(Id(t));
                   auto stub = v1::TokenService::NewStub(server_->channel());
                   return Ask<v1::RevokeTokenResponse>(
                       u, r, [&](auto... a) { return stub->RevokeToken(a...); });
                 }});
  return out;
}

// The workspace-wide RPCs that are not unary-and-simple: streams, presence, dashboards,
// disputes and claims listed, webhooks added and listed.
std::vector<Target> StreamAndListTargets(TestServer& server, std::int64_t ws) {
  std::vector<Target> out;
  const std::string id = std::to_string(ws);
  out.push_back({"Export", id, {}, [&server](const TestUser& u, const std::string& t) {
                   v1::ExportRequest r;
                   r.set_workspace_id(Id(t));
                   r.set_format(v1::EXPORT_FORMAT_CSV);
                   auto stub = v1::ExportService::NewStub(server.channel());
                   auto ctx = Ctx(u.token);
                   auto reader = stub->Export(ctx.get(), r);
                   for (v1::ExportChunk chunk; reader->Read(&chunk);) {
                   }
                   return reader->Finish();
                 }});
  out.push_back({"Subscribe", id, {}, [&server](const TestUser& u, const std::string& t) {
                   v1::SubscribeRequest r;
                   r.set_workspace_id(Id(t));
                   auto ctx = Ctx(u.token);
                   auto stub = server.live();
                   auto reader = stub->Subscribe(ctx.get(), r);
                   for (v1::SubscribeResponse event; reader->Read(&event);) {
                   }
                   return reader->Finish();
                 }});
  out.push_back({"UpdatePresence", id, {}, [&server](const TestUser& u, const std::string& t) {
                   v1::UpdatePresenceRequest r;
                   r.set_workspace_id(Id(t));
                   r.set_session_id("probe");
                   return Ask<v1::UpdatePresenceResponse>(
                       u, r, [&](auto... a) { return server.live()->UpdatePresence(a...); });
                 }});
  out.push_back({"GetDashboard", id, {}, [&server](const TestUser& u, const std::string& t) {
                   v1::GetDashboardRequest r;
                   r.set_workspace_id(Id(t));
                   return Ask<v1::Dashboard>(
                       u, r, [&](auto... a) { return server.dashboards()->GetDashboard(a...); });
                 }});
  out.push_back({"ListClaims", id, {}, [&server](const TestUser& u, const std::string& t) {
                   v1::ListClaimsRequest r;
                   r.set_workspace_id(Id(t));
                   return Ask<v1::ListClaimsResponse>(
                       u, r, [&](auto... a) { return server.claims()->ListClaims(a...); });
                 }});
  out.push_back({"ListDisputes", id, {}, [&server](const TestUser& u, const std::string& t) {
                   v1::ListDisputesRequest r;
                   r.set_workspace_id(Id(t));
                   return Ask<v1::ListDisputesResponse>(
                       u, r, [&](auto... a) { return server.reviews()->ListDisputes(a...); });
                 }});
  out.push_back({"AddWebhook", id, {}, [&server](const TestUser& u, const std::string& t) {
                   v1::AddWebhookRequest r;
                   r.set_workspace_id(Id(t));
                   r.set_url("https://cms.example.org/probe");
                   r.add_events("published");
                   auto stub = v1::WebhookService::NewStub(server.channel());
                   return Ask<v1::AddWebhookResponse>(
                       u, r, [&](auto... a) { return stub->AddWebhook(a...); });
                 }});
  out.push_back({"ListWebhooks", id, {}, [&server](const TestUser& u, const std::string& t) {
                   v1::ListWebhooksRequest r;
                   r.set_workspace_id(Id(t));
                   auto stub = v1::WebhookService::NewStub(server.channel());
                   return Ask<v1::ListWebhooksResponse>(
                       u, r, [&](auto... a) { return stub->ListWebhooks(a...); });
                 }});
  return out;
}

std::vector<Target> ExistenceTest::LiveTargets() {
  auto tr = [this] { return server_->transcripts(); };
  const std::string live = std::to_string(live_id_);
  const std::string segment = std::to_string(segments_.at(1).id());
  std::vector<Target> out;
  out.push_back({"AppendSegments", live, {}, [=](const TestUser& u, const std::string& t) {
                   v1::AppendSegmentsRequest r;
                   r.set_transcript_id(Id(t));
                   r.add_segments()->set_text("Probe.");
                   return Ask<v1::AppendSegmentsResponse>(
                       u, r, [&](auto... a) { return tr()->AppendSegments(a...); });
                 }});
  out.push_back({"CloseTranscript", live, {}, [=](const TestUser& u, const std::string& t) {
                   v1::CloseTranscriptRequest r;
                   r.set_transcript_id(Id(t));
                   return Ask<v1::Transcript>(
                       u, r, [&](auto... a) { return tr()->CloseTranscript(a...); });
                 }});
  out.push_back({"CorrectSegment", segment, {}, [=](const TestUser& u, const std::string& t) {
                   v1::CorrectSegmentRequest r;
                   r.set_segment_id(Id(t));
                   r.set_text("Probe.");
                   return Ask<v1::CorrectSegmentResponse>(
                       u, r, [&](auto... a) { return tr()->CorrectSegment(a...); });
                 }});
  out.push_back({"GetSegmentHistory", segment, {}, [=](const TestUser& u, const std::string& t) {
                   v1::GetSegmentHistoryRequest r;
                   r.set_segment_id(Id(t));
                   return Ask<v1::GetSegmentHistoryResponse>(
                       u, r, [&](auto... a) { return tr()->GetSegmentHistory(a...); });
                 }});
  out.push_back({"ReanchorClaim",
                 std::to_string(claim_.id()),
                 {},
                 [=, this](const TestUser& u, const std::string& t) {
                   v1::ReanchorClaimRequest r;
                   r.set_claim_id(Id(t));
                   r.set_expected_version(claim_.version());
                   r.set_start_byte(0);
                   r.set_end_byte(5);
                   return Ask<v1::Claim>(
                       u, r, [&](auto... a) { return server_->claims()->ReanchorClaim(a...); });
                 }});
  return out;
}

TEST_F(ExistenceTest, OutsidersCannotTellExistingTargetsFromMissingOnes) {
  for (const TestUser* outsider : {&oli_, &mia_}) {
    ExpectAlike(*outsider, WorkspaceTargets());
    ExpectAlike(*outsider, StreamAndListTargets(*server_, ws_));
    ExpectAlike(*outsider, ClaimTargets());
    ExpectAlike(*outsider, RecordTargets());
    ExpectAlike(*outsider, WebhookAndTokenTargets());
    ExpectAlike(*outsider, LiveTargets());
  }
}

// The records' answers to an outsider are NOT_FOUND "<record> N does not exist", which
// is what a member hears about a missing one.
TEST_F(ExistenceTest, MembersStillHearNotFoundForMissingRecords) {
  for (auto targets : {ClaimTargets(), RecordTargets(), WebhookAndTokenTargets(), LiveTargets()}) {
    for (const Target& t : targets) {
      SCOPED_TRACE(t.rpc);
      const auto before = server_->Snapshot();
      const grpc::Status missing = t.call(eve_, t.Missing());
      EXPECT_EQ(server_->Snapshot(), before);
      EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND) << missing.error_message();
      EXPECT_NE(missing.error_message().find(t.Missing()), std::string::npos)
          << missing.error_message();
    }
  }
  const grpc::Status claim = ClaimTargets().front().call(oli_, std::to_string(claim_.id()));
  EXPECT_EQ(claim.error_message(), "claim " + std::to_string(claim_.id()) + " does not exist");
}

// Removing someone by handle: a handle nobody has answers as one who is not a member,
// so an admin cannot probe which handles exist without adding them.
TEST_F(ExistenceTest, RemovingAHandleDoesNotTellWhetherItExists) {
  const auto before = server_->Snapshot();
  const Target remove{
      "RemoveMember(handle)", "mia", "nobody-here", [&](const TestUser& u, const std::string& t) {
        v1::RemoveMemberRequest r;
        r.set_workspace_id(ws_);
        r.set_handle(t);
        return Ask<v1::RemoveMemberResponse>(
            u, r, [&](auto... a) { return server_->workspaces()->RemoveMember(a...); });
      }};
  ExpectAlike(ana_, {remove});
  EXPECT_REFUSED(remove.call(ana_, "nobody-here"), grpc::StatusCode::NOT_FOUND,
                 "nobody-here is not a member of this workspace");
  for (const TestUser* outsider : {&oli_, &mia_}) ExpectAlike(*outsider, {remove});
  EXPECT_EQ(server_->Snapshot(), before);
}

// A transcript named inside a request about one's own workspace: one of another
// workspace and a missing one answer alike, to a member.
TEST_F(ExistenceTest, AnotherWorkspacesTranscriptAnswersAsAMissingOne) {
  v1::ImportTranscriptRequest import;
  import.set_workspace_id(elsewhere_);
  import.set_filename("other.txt");
  import.set_content("Ana: The budget doubled in a year.\n");
  v1::ImportTranscriptResponse imported;
  ASSERT_TRUE(
      server_->transcripts()->ImportTranscript(Ctx(mia_.token).get(), import, &imported).ok());
  const std::string theirs = std::to_string(imported.transcript().id());
  std::vector<Target> targets;
  targets.push_back(
      {"SearchSegments(transcript)", theirs, {}, [&](const TestUser& u, const std::string& t) {
         v1::SearchSegmentsRequest r;
         r.set_workspace_id(ws_);
         r.set_transcript_id(Id(t));
         r.set_query("budget");
         return Ask<v1::SearchSegmentsResponse>(
             u, r, [&](auto... a) { return server_->transcripts()->SearchSegments(a...); });
       }});
  targets.push_back(
      {"GetDashboard(transcript)", theirs, {}, [&](const TestUser& u, const std::string& t) {
         v1::GetDashboardRequest r;
         r.set_workspace_id(ws_);
         r.set_transcript_id(Id(t));
         return Ask<v1::Dashboard>(
             u, r, [&](auto... a) { return server_->dashboards()->GetDashboard(a...); });
       }});
  targets.push_back({"GetTranscript", theirs, {}, [&](const TestUser& u, const std::string& t) {
                       v1::GetTranscriptRequest r;
                       r.set_transcript_id(Id(t));
                       return Ask<v1::Transcript>(u, r, [&](auto... a) {
                         return server_->transcripts()->GetTranscript(a...);
                       });
                     }});
  targets.push_back({"ListSegments", theirs, {}, [&](const TestUser& u, const std::string& t) {
                       v1::ListSegmentsRequest r;
                       r.set_transcript_id(Id(t));
                       return Ask<v1::ListSegmentsResponse>(u, r, [&](auto... a) {
                         return server_->transcripts()->ListSegments(a...);
                       });
                     }});
  ExpectAlike(eve_, targets);
  EXPECT_REFUSED(targets.front().call(eve_, theirs), grpc::StatusCode::NOT_FOUND,
                 "transcript " + theirs + " is not in this workspace");
}

// Marking a claim on a segment of another workspace, and replying to a note of another
// workspace, answer as for a missing segment or note.
TEST_F(ExistenceTest, AnotherWorkspacesSegmentAndNoteAnswerAsMissingOnes) {
  v1::ImportTranscriptRequest import;
  import.set_workspace_id(elsewhere_);
  import.set_filename("other.txt");
  import.set_content("Ana: The budget doubled in a year.\n");
  v1::ImportTranscriptResponse imported;
  ASSERT_TRUE(
      server_->transcripts()->ImportTranscript(Ctx(mia_.token).get(), import, &imported).ok());
  v1::ListSegmentsRequest list;
  list.set_transcript_id(imported.transcript().id());
  v1::ListSegmentsResponse segments;
  ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(mia_.token).get(), list, &segments).ok());
  ASSERT_GT(segments.segments_size(), 0);
  v1::CreateClaimRequest mark;
  mark.set_segment_id(segments.segments(0).id());
  mark.set_start_byte(0);
  mark.set_end_byte(10);
  v1::Claim theirs;
  ASSERT_TRUE(server_->claims()->CreateClaim(Ctx(mia_.token).get(), mark, &theirs).ok());
  v1::AddNoteRequest note;
  note.set_claim_id(theirs.id());
  note.set_body("Their note.");
  v1::Note their_note;
  ASSERT_TRUE(server_->notes()->AddNote(Ctx(mia_.token).get(), note, &their_note).ok());

  const Target create{"CreateClaim",
                      std::to_string(mark.segment_id()),
                      {},
                      [&](const TestUser& u, const std::string& t) {
                        v1::CreateClaimRequest r = mark;
                        r.set_segment_id(Id(t));
                        return Ask<v1::Claim>(
                            u, r, [&](auto... a) { return server_->claims()->CreateClaim(a...); });
                      }};
  const Target reply{"AddNote(parent)",
                     std::to_string(their_note.id()),
                     {},
                     [&](const TestUser& u, const std::string& t) {
                       v1::AddNoteRequest r;
                       r.set_claim_id(claim_.id());
                       r.set_parent_id(Id(t));
                       r.set_body("A reply.");
                       return Ask<v1::Note>(
                           u, r, [&](auto... a) { return server_->notes()->AddNote(a...); });
                     }};
  ExpectAlike(ben_, {create}, true);
  ExpectAlike(ben_, {reply}, false);
  EXPECT_REFUSED(create.call(ben_, create.existing), grpc::StatusCode::NOT_FOUND,
                 "segment " + create.existing + " does not exist");
  EXPECT_REFUSED(reply.call(ben_, reply.existing), grpc::StatusCode::INVALID_ARGUMENT,
                 "parent_id: note " + reply.existing + " is not in this claim's");
}

}  // namespace
}  // namespace factdesk::testing
