// Event kinds and their stable names: one mapping, both ways, for every kind.
#include "events/event_kind.h"

#include <set>
#include <string>
#include <vector>

#include <google/protobuf/generated_enum_reflection.h>
#include <gtest/gtest.h>

namespace factdesk::events {
namespace {

std::vector<v1::EventKind> AllKinds() {
  const auto* type = google::protobuf::GetEnumDescriptor<v1::EventKind>();
  std::vector<v1::EventKind> kinds;
  for (int i = 0; i < type->value_count(); ++i) {
    const auto kind = static_cast<v1::EventKind>(type->value(i)->number());
    if (kind != v1::EVENT_KIND_UNSPECIFIED) kinds.push_back(kind);
  }
  return kinds;
}

// What a client built before EventKind reads: the string in field 3.
std::string Field3(const v1::Event& e) {
  return e.GetReflection()->GetString(e, e.GetDescriptor()->FindFieldByNumber(3));
}

TEST(EventKind, EveryKindHasItsOwnNameAndComesBackFromIt) {
  std::set<std::string> names;
  for (const v1::EventKind kind : AllKinds()) {
    const std::string name(KindName(kind));
    EXPECT_FALSE(name.empty()) << v1::EventKind_Name(kind) << " has no name";
    EXPECT_TRUE(names.insert(name).second) << name << " names two kinds";
    EXPECT_EQ(KindFromName(name), kind) << name;
  }
  EXPECT_EQ(names.size(), AllKinds().size());
}

// The events table holds these names from before EventKind: they must read back as
// the same kinds, and clients and scripts match them.
TEST(EventKind, TheNamesStoredBeforeTheEnumAreUnchanged) {
  const std::vector<std::pair<const char*, v1::EventKind>> stored = {
      {"workspace.policy_updated", v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED},
      {"workspace.scale_updated", v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED},
      {"workspace.publisher_updated", v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED},
      {"member.set", v1::EVENT_KIND_MEMBER_SET},
      {"member.removed", v1::EVENT_KIND_MEMBER_REMOVED},
      {"transcript.imported", v1::EVENT_KIND_TRANSCRIPT_IMPORTED},
      {"claim.created", v1::EVENT_KIND_CLAIM_CREATED},
      {"claim.updated", v1::EVENT_KIND_CLAIM_UPDATED},
      {"claim.assigned", v1::EVENT_KIND_CLAIM_ASSIGNED},
      {"claim.taken", v1::EVENT_KIND_CLAIM_TAKEN},
      {"claim.dismissed", v1::EVENT_KIND_CLAIM_DISMISSED},
      {"claim.reopened", v1::EVENT_KIND_CLAIM_REOPENED},
      {"claim.published", v1::EVENT_KIND_CLAIM_PUBLISHED},
      {"claim.corrected", v1::EVENT_KIND_CLAIM_CORRECTED},
      {"source.added", v1::EVENT_KIND_SOURCE_ADDED},
      {"source.removed", v1::EVENT_KIND_SOURCE_REMOVED},
      {"note.added", v1::EVENT_KIND_NOTE_ADDED},
      {"note.edited", v1::EVENT_KIND_NOTE_EDITED},
      {"note.removed", v1::EVENT_KIND_NOTE_REMOVED},
      {"review.submitted", v1::EVENT_KIND_REVIEW_SUBMITTED},
      {"review.revised", v1::EVENT_KIND_REVIEW_REVISED},
      {"dispute.decided", v1::EVENT_KIND_DISPUTE_DECIDED},
      {"suggestion.added", v1::EVENT_KIND_SUGGESTIONS_ADDED},
      {"suggestion.accepted", v1::EVENT_KIND_SUGGESTION_ACCEPTED},
      {"suggestion.dismissed", v1::EVENT_KIND_SUGGESTION_DISMISSED},
      {"suggestion.rescored", v1::EVENT_KIND_SUGGESTIONS_RESCORED},
      {"transcript.opened", v1::EVENT_KIND_TRANSCRIPT_OPENED},
      {"transcript.appended", v1::EVENT_KIND_SEGMENTS_APPENDED},
      {"transcript.closed", v1::EVENT_KIND_TRANSCRIPT_CLOSED},
      {"segment.corrected", v1::EVENT_KIND_SEGMENT_CORRECTED},
      {"claim.reanchored", v1::EVENT_KIND_CLAIM_REANCHORED},
      {"suggestion.matched", v1::EVENT_KIND_SUGGESTIONS_MATCHED},
  };
  for (const auto& [name, kind] : stored) {
    EXPECT_EQ(KindFromName(name), kind) << name;
    EXPECT_EQ(KindName(kind), name);
  }
}

TEST(EventKind, UnknownNamesAreUnspecified) {
  EXPECT_EQ(KindName(v1::EVENT_KIND_UNSPECIFIED), "");
  for (const char* name : {"", "segment.appended", "SOURCE_ADDED", "EVENT_KIND_SOURCE_ADDED",
                           "Source.Added", "source.added ", "source"}) {
    EXPECT_EQ(KindFromName(name), v1::EVENT_KIND_UNSPECIFIED) << '"' << name << '"';
  }
}

TEST(EventKind, AStoredEventCarriesItsKindAndItsNameForOlderClients) {
  v1::Event e;
  SetKindFromStoredName(&e, "source.added");
  EXPECT_EQ(e.kind(), v1::EVENT_KIND_SOURCE_ADDED);
  EXPECT_EQ(Field3(e), "source.added");
  EXPECT_EQ(KindNameOf(e), "source.added");
}

TEST(EventKind, AKindFromANewerServerKeepsItsName) {
  v1::Event e;
  SetKindFromStoredName(&e, "segment.appended");
  EXPECT_EQ(e.kind(), v1::EVENT_KIND_UNSPECIFIED);
  EXPECT_EQ(Field3(e), "segment.appended");
  EXPECT_EQ(KindNameOf(e), "segment.appended");
}

TEST(EventKind, TagEventsHaveStableNames) {
  EXPECT_EQ(KindName(v1::EVENT_KIND_CLAIM_TAGGED), "claim.tagged");
  EXPECT_EQ(KindName(v1::EVENT_KIND_CLAIM_UNTAGGED), "claim.untagged");
  EXPECT_EQ(KindFromName("claim.tagged"), v1::EVENT_KIND_CLAIM_TAGGED);
  EXPECT_EQ(KindFromName("claim.untagged"), v1::EVENT_KIND_CLAIM_UNTAGGED);
}

TEST(EventKind, AnEventBuiltWithTheEnumIsNamedByIt) {
  v1::Event e;
  e.set_kind(v1::EVENT_KIND_DISPUTE_DECIDED);
  EXPECT_EQ(KindNameOf(e), "dispute.decided");
  EXPECT_EQ(KindNameOf(v1::Event()), "");
}

}  // namespace
}  // namespace factdesk::events
