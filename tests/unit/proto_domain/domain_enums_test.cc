#include "proto/domain_enums.h"

#include <gtest/gtest.h>

namespace factdesk::v1 {
namespace {

// Every value of a proto enum but UNSPECIFIED maps to the domain and back to itself, and
// UNSPECIFIED and unknown numbers map to nothing.
template <typename E>
void ExpectRoundTrips(int known_values) {
  const auto* type = google::protobuf::GetEnumDescriptor<E>();
  ASSERT_EQ(type->value_count(), known_values + 1) << type->name();
  for (int i = 1; i < type->value_count(); ++i) {
    const auto value = static_cast<E>(type->value(i)->number());
    const auto domain = ToDomain(value);
    ASSERT_TRUE(domain.has_value()) << type->value(i)->name();
    EXPECT_EQ(ToProto(*domain), value) << type->value(i)->name();
  }
  EXPECT_FALSE(ToDomain(static_cast<E>(0)).has_value()) << type->name();
  EXPECT_FALSE(ToDomain(static_cast<E>(99)).has_value()) << type->name();
}

TEST(DomainEnums, EveryValueRoundTrips) {
  ExpectRoundTrips<ClaimStatus>(6);
  ExpectRoundTrips<Role>(4);
  ExpectRoundTrips<DismissReason>(5);
  ExpectRoundTrips<DisputeRule>(2);
}

TEST(DomainEnums, NamesAgreeWithTheDomainsNames) {
  // The store writes the domain's names and reads them back as proto enums.
  EXPECT_EQ(ToDomain(CLAIM_STATUS_IN_REVIEW), domain::ParseState("IN_REVIEW"));
  EXPECT_EQ(ToDomain(ROLE_EDITOR), domain::ParseRole("editor"));
  EXPECT_EQ(ToDomain(DISMISS_REASON_NOT_A_CLAIM), domain::ParseDismissReason("NOT_A_CLAIM"));
  EXPECT_EQ(ToDomain(DISPUTE_RULE_MAJORITY), domain::ParseDisputeRule("MAJORITY"));
}

TEST(DomainEnums, APolicyReadsAsTheRulesReadIt) {
  ReviewPolicy p;
  p.set_required_reviews(3);
  p.set_require_source(false);
  p.set_dispute_rule(DISPUTE_RULE_MAJORITY);
  const domain::Policy d = ToDomain(p);
  EXPECT_EQ(d.required_reviews, 3);
  EXPECT_FALSE(d.require_source);
  EXPECT_EQ(d.dispute_rule, domain::DisputeRule::kMajority);
  p.set_dispute_rule(DISPUTE_RULE_UNSPECIFIED);
  EXPECT_EQ(ToDomain(p).dispute_rule, domain::DisputeRule::kEditorDecides);
}

}  // namespace
}  // namespace factdesk::v1
