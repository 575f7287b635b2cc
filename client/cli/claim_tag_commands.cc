// claim tag / claim untag.
#include <iostream>

#include "client/cli/claim_view.h"
#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/cli/precheck.h"
#include "domain/claim_tags.h"
#include "domain/field_checks.h"

namespace factdesk::cli {
namespace {

using CS = v1::ClaimService::Stub;

struct TagOptions {
  std::int64_t claim_id = 0;
  std::string tag;
};

// Checks what the server checks first (the id, the tag rule, the role, what the claim has
// now), then sends. Tags name no version: the server takes the claim as it is.
template <typename Req>
Status ChangeTag(Context& ctx, const TagOptions& o, bool adding,
                 grpc::Status (CS::*method)(grpc::ClientContext*, const Req&, v1::Claim*)) {
  FD_RETURN_IF_ERROR(domain::RequireId("claim_id", o.claim_id));
  FD_RETURN_IF_ERROR(domain::CheckTag(o.tag));
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::GetClaimRequest get;
  get.set_claim_id(o.claim_id);
  FD_ASSIGN_OR_RETURN(const v1::Claim current, api->Call(&CS::GetClaim, get));
  FD_RETURN_IF_ERROR(Precheck(*api, current, domain::Action::kTagClaim));
  const std::vector<std::string> tags(current.tags().begin(), current.tags().end());
  FD_RETURN_IF_ERROR(adding ? domain::CheckTagToAdd(current.id(), tags, o.tag)
                            : domain::CheckTagToRemove(current.id(), tags, o.tag));
  Req req;
  req.set_claim_id(o.claim_id);
  req.set_tag(o.tag);
  FD_ASSIGN_OR_RETURN(const v1::Claim claim, api->Call(method, req));
  if (ctx.json()) {
    PrintJson(ToJson(claim));
  } else {
    std::cout << ClaimLine(claim) << "  tags: " << TagList(claim) << "\n";
  }
  return Status::Ok();
}

void AddTagCommand(Context& ctx, CLI::App* claim, const std::string& name,
                   const std::string& description, const std::function<Status(TagOptions&)>& run) {
  auto o = std::make_shared<TagOptions>();
  auto* cmd = ctx.Command(*claim, name, description, [o, run] { return run(*o); });
  cmd->add_option("CLAIM_ID", o->claim_id, "Claim id")->required();
  cmd->add_option("TAG", o->tag, "A lowercase slug: economy, climate-2024")->required();
  ctx.AddJsonFlag(cmd);
}

}  // namespace

void AddClaimTagCommands(Context& ctx, CLI::App* claim) {
  AddTagCommand(ctx, claim, "tag", "Tag a claim with a topic (checker)",
                [&ctx](TagOptions& o) { return ChangeTag(ctx, o, true, &CS::TagClaim); });
  AddTagCommand(ctx, claim, "untag", "Remove a tag from a claim (checker)",
                [&ctx](TagOptions& o) { return ChangeTag(ctx, o, false, &CS::UntagClaim); });
}

}  // namespace factdesk::cli
