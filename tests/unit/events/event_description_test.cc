// Events in people's words: every kind, the blind rule, and who did it.
#include "events/event_description.h"

#include <google/protobuf/generated_enum_reflection.h>
#include <gtest/gtest.h>

namespace factdesk::events {
namespace {

v1::User Person(std::int64_t id, const std::string& handle, const std::string& name) {
  v1::User u;
  u.set_id(id);
  u.set_handle(handle);
  u.set_display_name(name);
  return u;
}

v1::User Ana() {
  return Person(1, "ana", "Ana Moreno");
}
v1::User Ben() {
  return Person(2, "ben", "Ben Okafor");
}
v1::User Cara() {
  return Person(3, "cara", "Cara Diaz");
}

v1::Event By(const v1::User& actor, v1::EventKind kind) {
  v1::Event e;
  e.set_kind(kind);
  *e.mutable_actor() = actor;
  return e;
}

v1::Event Review(v1::EventKind kind, bool hidden) {
  v1::Event e = By(Cara(), kind);
  v1::Review* r = e.mutable_review();
  *r->mutable_reviewer() = Cara();
  if (hidden) {
    r->set_hidden(true);
  } else {
    r->mutable_verdict()->set_label("Mostly false");
    r->set_confidence(v1::CONFIDENCE_HIGH);
    r->set_rationale("The report counts a different year.");
  }
  return e;
}

TEST(DescribeEvent, WorkspaceSettings) {
  EXPECT_EQ(DescribeEvent(By(Ana(), v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED)),
            "Ana Moreno changed the review policy");
  EXPECT_EQ(DescribeEvent(By(Ana(), v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED)),
            "Ana Moreno replaced the rating scale");
  EXPECT_EQ(DescribeEvent(By(Ana(), v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED)),
            "Ana Moreno changed who publishes the checks");
}

TEST(DescribeEvent, Members) {
  v1::Event set = By(Ana(), v1::EVENT_KIND_MEMBER_SET);
  *set.mutable_member()->mutable_user() = Cara();
  set.mutable_member()->set_role(v1::ROLE_CHECKER);
  EXPECT_EQ(DescribeEvent(set), "Ana Moreno made Cara Diaz a checker");
  set.mutable_member()->set_role(v1::ROLE_EDITOR);
  EXPECT_EQ(DescribeEvent(set), "Ana Moreno made Cara Diaz an editor");

  v1::Event removed = By(Ana(), v1::EVENT_KIND_MEMBER_REMOVED);
  *removed.mutable_member()->mutable_user() = Ben();
  EXPECT_EQ(DescribeEvent(removed), "Ana Moreno removed Ben Okafor from the workspace");
}

TEST(DescribeEvent, TheServersAdminCommandsHaveNoActor) {
  v1::Event e;
  e.set_kind(v1::EVENT_KIND_MEMBER_SET);
  *e.mutable_member()->mutable_user() = Ana();
  e.mutable_member()->set_role(v1::ROLE_ADMIN);
  EXPECT_EQ(DescribeEvent(e), "An administrator made Ana Moreno an admin");
}

TEST(DescribeEvent, Transcripts) {
  v1::Event e = By(Ben(), v1::EVENT_KIND_TRANSCRIPT_IMPORTED);
  e.mutable_transcript()->set_title("Riverside town hall");
  EXPECT_EQ(DescribeEvent(e), "Ben Okafor imported a transcript: Riverside town hall");
  e.mutable_transcript()->clear_title();
  EXPECT_EQ(DescribeEvent(e), "Ben Okafor imported a transcript");
}

TEST(DescribeEvent, Claims) {
  EXPECT_EQ(DescribeEvent(By(Ben(), v1::EVENT_KIND_CLAIM_CREATED)), "Ben Okafor marked the claim");
  EXPECT_EQ(DescribeEvent(By(Ben(), v1::EVENT_KIND_CLAIM_UPDATED)), "Ben Okafor edited the claim");
  EXPECT_EQ(DescribeEvent(By(Ana(), v1::EVENT_KIND_CLAIM_ASSIGNED)),
            "Ana Moreno changed who works on the claim");
  EXPECT_EQ(DescribeEvent(By(Ben(), v1::EVENT_KIND_CLAIM_TAKEN)), "Ben Okafor took the claim");
  v1::Event dismissed = By(Ana(), v1::EVENT_KIND_CLAIM_DISMISSED);
  dismissed.mutable_claim()->set_dismiss_reason(v1::DISMISS_REASON_OPINION);
  EXPECT_EQ(DescribeEvent(dismissed), "Ana Moreno dismissed the claim (opinion)");
  EXPECT_EQ(DescribeEvent(By(Ana(), v1::EVENT_KIND_CLAIM_REOPENED)),
            "Ana Moreno reopened the claim");
  EXPECT_EQ(DescribeEvent(By(Ana(), v1::EVENT_KIND_CLAIM_PUBLISHED)),
            "Ana Moreno published the check");
  EXPECT_EQ(DescribeEvent(By(Ana(), v1::EVENT_KIND_CLAIM_CORRECTED)),
            "Ana Moreno corrected the published check");
}

TEST(DescribeEvent, Sources) {
  v1::Event added = By(Ben(), v1::EVENT_KIND_SOURCE_ADDED);
  added.mutable_source()->set_url("https://example.org/riverside-police-annual-report");
  added.mutable_source()->set_title("Police annual report");
  added.mutable_source()->set_stance(v1::STANCE_REFUTES);
  EXPECT_EQ(DescribeEvent(added), "Ben Okafor added a source: Police annual report (refutes)");
  // Without a title, its address.
  added.mutable_source()->clear_title();
  added.mutable_source()->set_stance(v1::STANCE_CONTEXT);
  EXPECT_EQ(DescribeEvent(added),
            "Ben Okafor added a source: https://example.org/riverside-police-annual-report "
            "(context)");

  v1::Event removed = By(Ben(), v1::EVENT_KIND_SOURCE_REMOVED);
  removed.mutable_source()->set_url("https://example.org/old");
  EXPECT_EQ(DescribeEvent(removed), "Ben Okafor removed a source: https://example.org/old");
}

TEST(DescribeEvent, Notes) {
  v1::Event added = By(Cara(), v1::EVENT_KIND_NOTE_ADDED);
  added.mutable_note()->set_id(9);
  EXPECT_EQ(DescribeEvent(added), "Cara Diaz added a note");
  added.mutable_note()->set_parent_id(4);
  EXPECT_EQ(DescribeEvent(added), "Cara Diaz replied to a note");
  EXPECT_EQ(DescribeEvent(By(Cara(), v1::EVENT_KIND_NOTE_EDITED)), "Cara Diaz edited a note");
  EXPECT_EQ(DescribeEvent(By(Ana(), v1::EVENT_KIND_NOTE_REMOVED)), "Ana Moreno removed a note");
}

TEST(DescribeEvent, AVisibleReviewSaysItsVerdict) {
  EXPECT_EQ(DescribeEvent(Review(v1::EVENT_KIND_REVIEW_SUBMITTED, false)),
            "Cara Diaz submitted a review: Mostly false (confidence high)");
  EXPECT_EQ(DescribeEvent(Review(v1::EVENT_KIND_REVIEW_REVISED, false)),
            "Cara Diaz revised their review: Mostly false (confidence high)");
}

// The blind rule: a review the reader may not see yet says only that there is one.
TEST(DescribeEvent, AHiddenReviewSaysOnlyThatOneWasSubmitted) {
  EXPECT_EQ(DescribeEvent(Review(v1::EVENT_KIND_REVIEW_SUBMITTED, true)),
            "Cara Diaz submitted a review");
  EXPECT_EQ(DescribeEvent(Review(v1::EVENT_KIND_REVIEW_REVISED, true)),
            "Cara Diaz revised their review");
  EXPECT_EQ(DescribeAction(Review(v1::EVENT_KIND_REVIEW_SUBMITTED, true)), "submitted a review");
}

TEST(DescribeEvent, Disputes) {
  v1::Event e = By(Ana(), v1::EVENT_KIND_DISPUTE_DECIDED);
  e.mutable_dispute()->mutable_final_verdict()->set_label("False");
  EXPECT_EQ(DescribeEvent(e), "Ana Moreno decided the dispute: False");
}

TEST(DescribeEvent, Tags) {
  v1::Event tagged = By(Ana(), v1::EVENT_KIND_CLAIM_TAGGED);
  tagged.set_tag("economy");
  EXPECT_EQ(DescribeEvent(tagged), "Ana Moreno tagged the claim economy");
  v1::Event untagged = By(Ben(), v1::EVENT_KIND_CLAIM_UNTAGGED);
  untagged.set_tag("economy");
  EXPECT_EQ(DescribeEvent(untagged), "Ben Okafor removed the tag economy from the claim");
}

TEST(DescribeEvent, Suggestions) {
  v1::Event added;
  added.set_kind(v1::EVENT_KIND_SUGGESTIONS_ADDED);
  added.mutable_suggestions()->set_transcript_id(4);
  added.mutable_suggestions()->add_suggestions();
  added.mutable_suggestions()->add_suggestions();
  added.mutable_suggestions()->mutable_status()->set_scored_segments(64);
  added.mutable_suggestions()->mutable_status()->set_segment_count(100);
  EXPECT_EQ(DescribeEvent(added),
            "The scorer suggested 2 sentences of transcript 4 (64 of 100 segments scored)");
  v1::Event skipped;
  skipped.set_kind(v1::EVENT_KIND_SUGGESTIONS_ADDED);
  skipped.mutable_suggestions()->set_transcript_id(5);
  skipped.mutable_suggestions()->mutable_status()->set_state(v1::SCORING_STATE_NOT_ENGLISH);
  skipped.mutable_suggestions()->mutable_status()->set_note("not in English: ...");
  EXPECT_EQ(DescribeEvent(skipped),
            "The scorer gave transcript 5 no suggestions: not in English: ...");
  v1::Event dismissed = By(Ben(), v1::EVENT_KIND_SUGGESTION_DISMISSED);
  dismissed.mutable_suggestions()->add_suggestions()->set_reason("a joke");
  EXPECT_EQ(DescribeEvent(dismissed), "Ben Okafor dismissed a suggestion: a joke");
  EXPECT_EQ(DescribeEvent(By(Ben(), v1::EVENT_KIND_SUGGESTION_ACCEPTED)),
            "Ben Okafor accepted a suggestion as a claim");
}

TEST(DescribeEvent, AKindThisBuildDoesNotKnow) {
  EXPECT_EQ(DescribeEvent(By(Ben(), v1::EVENT_KIND_UNSPECIFIED)), "Ben Okafor made a change");
}

TEST(DescribeEvent, APersonWithoutADisplayNameIsTheirHandle) {
  EXPECT_EQ(DescribeEvent(By(Person(4, "dev", ""), v1::EVENT_KIND_CLAIM_TAKEN)),
            "dev took the claim");
}

TEST(DescribeEvent, MatchesAndLinksSayWhatWasFoundAndWhatTheClaimIsTheSameAs) {
  v1::Event matched = By(Ben(), v1::EVENT_KIND_CLAIM_MATCHED);
  EXPECT_EQ(DescribeAction(matched), "found no earlier check of the claim");
  matched.add_matches();
  matched.add_matches();
  EXPECT_EQ(DescribeAction(matched), "found 2 earlier checks of the claim");
  matched.clear_actor();
  EXPECT_EQ(DescribeEvent(matched), "Factdesk found 2 earlier checks of the claim");

  // The suggestions' matching: only those that now have matches are counted.
  v1::Event suggestions = By(v1::User(), v1::EVENT_KIND_SUGGESTIONS_MATCHED);
  suggestions.mutable_suggestions()->set_transcript_id(4);
  suggestions.mutable_suggestions()->add_suggestions()->add_matches();
  suggestions.mutable_suggestions()->add_suggestions();
  EXPECT_EQ(DescribeEvent(suggestions),
            "Factdesk found earlier checks for 1 suggestion of transcript 4");
  suggestions.mutable_suggestions()->mutable_suggestions(0)->clear_matches();
  EXPECT_EQ(DescribeEvent(suggestions),
            "Factdesk found no earlier check for 2 suggestions of transcript 4");

  v1::Event linked = By(Ben(), v1::EVENT_KIND_CLAIM_LINKED);
  EXPECT_EQ(DescribeAction(linked), "removed the claim's link");
  linked.mutable_claim()->mutable_link()->set_check_id(12);
  linked.mutable_claim()->mutable_link()->set_author_name("River Check");
  EXPECT_EQ(DescribeAction(linked), "marked it the same claim as River Check's check 12");
  linked.mutable_claim()->mutable_link()->set_claim_id(7);
  EXPECT_EQ(DescribeAction(linked), "marked it the same claim as claim 7");
}

// A kind added to the enum without words of its own would read "made a change".
TEST(DescribeEvent, EveryKindHasWordsOfItsOwn) {
  const auto* type = google::protobuf::GetEnumDescriptor<v1::EventKind>();
  for (int i = 0; i < type->value_count(); ++i) {
    const auto kind = static_cast<v1::EventKind>(type->value(i)->number());
    if (kind == v1::EVENT_KIND_UNSPECIFIED) continue;
    const std::string action = DescribeAction(By(Ben(), kind));
    EXPECT_NE(action, "made a change") << v1::EventKind_Name(kind);
    EXPECT_FALSE(action.empty()) << v1::EventKind_Name(kind);
  }
}

}  // namespace
}  // namespace factdesk::events
