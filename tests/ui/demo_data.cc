#include "tests/ui/demo_data.h"

#include <algorithm>
#include <cctype>

#include "client/net/api_client.h"
#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/note.grpc.pb.h"
#include "factdesk/v1/review.grpc.pb.h"
#include "factdesk/v1/source.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "factdesk/v1/workspace.grpc.pb.h"

namespace factdesk::testing {
namespace {

// One call as `token`'s user, through the clients' own API client.
template <typename Service, typename Req, typename Resp>
Result<Resp> Rpc(const std::shared_ptr<grpc::Channel>& channel, const std::string& token,
                 grpc::Status (Service::Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                 const Req& req) {
  client::ConnectionOptions as;
  as.token = token;
  return client::ApiClient(channel, as).Call(method, req, {.timeout = std::chrono::seconds(60)});
}

// Sentences of a text: [start, end) byte ranges ending at . ! ? or the end, trimmed.
std::vector<std::pair<std::size_t, std::size_t>> Sentences(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  auto push = [&](std::size_t a, std::size_t b) {
    while (a < b && std::isspace(static_cast<unsigned char>(text[a])) != 0) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1])) != 0) --b;
    if (b > a + 12) out.emplace_back(a, b);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // "。" (U+3002) ends a Chinese sentence.
    const bool cjk_stop = text.compare(i, 3, "\xE3\x80\x82") == 0;
    if (c == '.' || c == '!' || c == '?' || cjk_stop) {
      const std::size_t end = cjk_stop ? i + 3 : i + 1;
      push(start, end);
      start = end;
      if (cjk_stop) i += 2;
    }
  }
  push(start, text.size());
  return out;
}

bool Checkable(const std::string& s) {
  if (std::any_of(s.begin(), s.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
    return true;
  }
  for (const char* w :
       {"percent", "million", "billion", "never", "every", "most", "first", "only"}) {
    if (s.find(w) != std::string::npos) return true;
  }
  // Chinese text is always worth a claim in the demo (it must render).
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return (static_cast<unsigned char>(c) & 0xF0U) == 0xE0U; });
}

}  // namespace

Result<v1::Transcript> ImportTranscript(const std::shared_ptr<grpc::Channel>& channel,
                                        const std::string& token, const std::string& slug,
                                        const std::string& filename, const std::string& content,
                                        const std::string& title) {
  v1::GetWorkspaceRequest wreq;
  wreq.set_slug(slug);
  FD_ASSIGN_OR_RETURN(
      auto ws,
      Rpc<v1::WorkspaceService>(channel, token, &v1::WorkspaceService::Stub::GetWorkspace, wreq));
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws.id());
  req.set_filename(filename);
  req.set_title(title);
  req.set_content(content);
  FD_ASSIGN_OR_RETURN(
      auto resp, Rpc<v1::TranscriptService>(channel, token,
                                            &v1::TranscriptService::Stub::ImportTranscript, req));
  return resp.transcript();
}

Result<std::vector<v1::Segment>> AllSegments(const std::shared_ptr<grpc::Channel>& channel,
                                             const std::string& token, std::int64_t transcript_id) {
  v1::ListSegmentsRequest req;
  req.set_transcript_id(transcript_id);
  req.set_page_size(500);
  client::ConnectionOptions as;
  as.token = token;
  return client::ApiClient(channel, as)
      .All(&v1::TranscriptService::Stub::ListSegments, req, &v1::ListSegmentsResponse::segments);
}

Result<DemoResult> SeedDemo(const std::shared_ptr<grpc::Channel>& channel, const DemoPeople& people,
                            const std::string& slug, const std::string& filename,
                            const std::string& content, const std::string& title) {
  DemoResult out;
  const std::string& ed = people.editor_token;
  const std::string& ben = people.checker_token;
  const std::string& cho = people.second_checker_token;
  FD_ASSIGN_OR_RETURN(auto transcript,
                      ImportTranscript(channel, ben, slug, filename, content, title));
  out.transcript_id = transcript.id();
  out.workspace_id = transcript.workspace_id();
  FD_ASSIGN_OR_RETURN(auto segments, AllSegments(channel, ben, transcript.id()));

  // Up to a dozen checkable sentences, spread over the transcript.
  std::vector<v1::Claim> claims;
  for (const auto& seg : segments) {
    if (claims.size() >= 12) break;
    if (seg.kind() != v1::SEGMENT_KIND_SPEECH) continue;
    for (const auto& [a, b] : Sentences(seg.text())) {
      if (!Checkable(seg.text().substr(a, b - a))) continue;
      v1::CreateClaimRequest req;
      req.set_segment_id(seg.id());
      req.set_start_byte(static_cast<int>(a));
      req.set_end_byte(static_cast<int>(b));
      FD_ASSIGN_OR_RETURN(auto claim, Rpc<v1::ClaimService>(
                                          channel, ben, &v1::ClaimService::Stub::CreateClaim, req));
      claims.push_back(claim);
      break;  // one per segment
    }
  }
  out.claims = static_cast<int>(claims.size());
  if (claims.empty()) return out;

  auto source = [&](const v1::Claim& c, v1::Stance stance, const std::string& title,
                    const std::string& publisher) -> Status {
    v1::AddSourceRequest req;
    req.set_claim_id(c.id());
    req.set_url("https://example.org/evidence/" + std::to_string(c.id()));
    req.set_title(title);
    req.set_publisher(publisher);
    req.set_excerpt("The figures published for the period tell a different story.");
    req.set_stance(stance);
    return Rpc<v1::SourceService>(channel, ben, &v1::SourceService::Stub::AddSource, req).status();
  };
  auto review = [&](const std::string& token, const v1::Claim& c, const std::string& verdict,
                    const std::string& why) -> Status {
    v1::SubmitReviewRequest req;
    req.set_claim_id(c.id());
    req.set_verdict(verdict);
    req.set_rationale(why);
    req.set_confidence(v1::CONFIDENCE_HIGH);
    return Rpc<v1::ReviewService>(channel, token, &v1::ReviewService::Stub::SubmitReview, req)
        .status();
  };
  auto note = [&](const std::string& token, const v1::Claim& c, const std::string& body,
                  std::int64_t parent) -> Result<v1::Note> {
    v1::AddNoteRequest req;
    req.set_claim_id(c.id());
    req.set_body(body);
    req.set_parent_id(parent);
    return Rpc<v1::NoteService>(channel, token, &v1::NoteService::Stub::AddNote, req);
  };

  // 0: resolved False (two agreeing reviews with a refuting source).
  FD_RETURN_IF_ERROR(source(claims[0], v1::STANCE_REFUTES, "Annual statistics release",
                            "National Statistics Office"));
  FD_RETURN_IF_ERROR(
      review(ben, claims[0], "False", "The official series shows the opposite trend."));
  FD_RETURN_IF_ERROR(
      review(cho, claims[0], "False", "Checked the release tables; the number is wrong."));
  out.showcase_claim_id = claims[0].id();
  FD_ASSIGN_OR_RETURN(
      auto n1, note(cho, claims[0],
                    "The release was revised in March; both versions contradict the claim.", 0));
  FD_RETURN_IF_ERROR(note(ben, claims[0], "Agreed. I linked the revised table.", n1.id()).status());
  if (claims.size() > 1) {
    // 1: disputed (the reviews disagree).
    FD_RETURN_IF_ERROR(source(claims[1], v1::STANCE_SUPPORTS, "Budget report", "Treasury"));
    FD_RETURN_IF_ERROR(
        review(ben, claims[1], "Mostly true", "Right order of magnitude, rounded up."));
    FD_RETURN_IF_ERROR(review(cho, claims[1], "Half true", "Leaves out the one-off items."));
  }
  if (claims.size() > 2) {
    // 2: resolved Mostly true.
    FD_RETURN_IF_ERROR(
        source(claims[2], v1::STANCE_SUPPORTS, "Survey results", "Research Institute"));
    FD_RETURN_IF_ERROR(
        review(ben, claims[2], "Mostly true", "Matches the survey within its margin."));
    FD_RETURN_IF_ERROR(review(cho, claims[2], "Mostly true", "Survey supports it."));
  }
  if (claims.size() > 3) {
    // 3: assigned, in review, with a discussion.
    v1::AssignClaimRequest req;
    req.set_claim_id(claims[3].id());
    req.set_expected_version(claims[3].version());
    FD_ASSIGN_OR_RETURN(
        auto members,
        Rpc<v1::WorkspaceService>(channel, ed, &v1::WorkspaceService::Stub::ListMembers, [&] {
          v1::ListMembersRequest m;
          m.set_workspace_id(out.workspace_id);
          return m;
        }()));
    for (const auto& m : members.members()) {
      if (m.role() == v1::ROLE_CHECKER) req.add_assignee_ids(m.user().id());
    }
    FD_RETURN_IF_ERROR(
        Rpc<v1::ClaimService>(channel, ed, &v1::ClaimService::Stub::AssignClaim, req).status());
    FD_RETURN_IF_ERROR(note(ben, claims[3], "Looking for the original dataset.", 0).status());
  }
  if (claims.size() > 4) {
    // 4: dismissed as opinion.
    v1::DismissClaimRequest req;
    req.set_claim_id(claims[4].id());
    req.set_expected_version(claims[4].version());
    req.set_reason(v1::DISMISS_REASON_OPINION);
    req.set_explanation("A value judgement, not a checkable fact.");
    FD_RETURN_IF_ERROR(
        Rpc<v1::ClaimService>(channel, ed, &v1::ClaimService::Stub::DismissClaim, req).status());
  }
  if (claims.size() > 5) {
    // 5: resolved False too (the verdict chart has more than one bar).
    FD_RETURN_IF_ERROR(source(claims[5], v1::STANCE_REFUTES, "Court records", "Supreme Court"));
    FD_RETURN_IF_ERROR(review(ben, claims[5], "False", "Records show otherwise."));
    FD_RETURN_IF_ERROR(review(cho, claims[5], "False", "Confirmed with the clerk."));
  }
  return out;
}

}  // namespace factdesk::testing
