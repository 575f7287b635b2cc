#include "client/ui/dashboard_figures.h"

#include <gtest/gtest.h>

#include "client/ui/claim_style.h"

namespace factdesk::ui {
namespace {

v1::RatingScale Scale() {
  v1::RatingScale s;
  s.set_best(5);
  s.set_worst(1);
  for (auto [label, value] : {std::pair{"True", 5.0}, {"Half true", 3.0}, {"False", 1.0}}) {
    auto* l = s.add_labels();
    l->set_label(label);
    l->set_ordered(true);
    l->set_value(value);
  }
  s.add_labels()->set_label("Unverifiable");
  return s;
}

v1::Dashboard Board() {
  v1::Dashboard d;
  auto status = [&](v1::ClaimStatus s, int n) {
    auto* sc = d.add_by_status();
    sc->set_status(s);
    sc->set_count(n);
  };
  status(v1::CLAIM_STATUS_RESOLVED, 4);
  status(v1::CLAIM_STATUS_OPEN, 8);
  status(v1::CLAIM_STATUS_DISPUTED, 2);
  auto verdict = [&](const char* label, int n) {
    auto* vc = d.add_by_verdict();
    vc->set_label(label);
    vc->set_count(n);
  };
  verdict("True", 1);
  verdict("False", 3);
  auto* a = d.add_speakers();
  a->set_speaker("TRUMP");
  a->set_claims(6);
  auto* av = a->add_verdicts();
  av->set_label("False");
  av->set_count(3);
  auto* b = d.add_speakers();
  b->set_speaker("CLINTON");
  b->set_claims(12);
  auto* bv = b->add_verdicts();
  bv->set_label("True");
  bv->set_count(1);
  return d;
}

TEST(DashboardFigures, StatusBarsInWorkflowOrderWithZeros) {
  const auto bars = StatusBars(Board());
  ASSERT_EQ(bars.size(), 6U);
  EXPECT_EQ(bars[0].label, "Open");
  EXPECT_EQ(bars[0].value, 8);
  EXPECT_EQ(bars[1].value, 0);  // in review
  EXPECT_EQ(bars[2].value, 2);
  EXPECT_EQ(bars[3].value, 4);
  EXPECT_EQ(bars[0].color, StatusColor(v1::CLAIM_STATUS_OPEN));
}

TEST(DashboardFigures, TheProgressHeadingAgreesWithTheRowsAPublishedClaimIsNotResolved) {
  v1::Dashboard d = Board();
  d.set_total_claims(15);
  d.set_resolved_claims(5);  // the server's figure counts the published one too
  auto* published = d.add_by_status();
  published->set_status(v1::CLAIM_STATUS_PUBLISHED);
  published->set_count(1);
  EXPECT_EQ(ProgressHeading(d), "15 claims: 4 resolved, 1 published");
  v1::Dashboard one;
  auto* open = one.add_by_status();
  open->set_status(v1::CLAIM_STATUS_OPEN);
  open->set_count(1);
  EXPECT_EQ(ProgressHeading(one), "1 claim: 0 resolved, 0 published");
}

TEST(DashboardFigures, VerdictsMostFrequentFirstColouredByScale) {
  const auto bars = VerdictBars(Board(), Scale());
  ASSERT_EQ(bars.size(), 2U);
  EXPECT_EQ(bars[0].label, "False");
  EXPECT_EQ(bars[0].color, palette::kBad);
  EXPECT_EQ(bars[1].color, palette::kGood);
  EXPECT_NE(LabelColor("Unverifiable", Scale()), palette::kGood);
}

TEST(DashboardFigures, BarGeometryScalesToTheLargest) {
  const auto bars = StatusBars(Board());
  const auto rects = BarRects(bars, 200, 20, 4);
  ASSERT_EQ(rects.size(), bars.size());
  EXPECT_FLOAT_EQ(rects[0].x1, 200);  // the largest fills the width
  EXPECT_FLOAT_EQ(rects[2].x1, 50);   // 2 of 8
  EXPECT_FLOAT_EQ(rects[1].x1, 0);
  EXPECT_FLOAT_EQ(rects[3].y0, 60);
  EXPECT_FLOAT_EQ(rects[3].y1, 76);
  // All zero: no division by zero, empty bars.
  const auto zero = BarRects({{"a", 0, {}}}, 200, 20, 4);
  EXPECT_FLOAT_EQ(zero[0].x1, 0);
}

TEST(DashboardFigures, SpeakerRowsStackVerdictsAgainstTheLargestTotal) {
  const auto rows = SpeakerRows(Board(), Scale());
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].label, "CLINTON");  // most claims first
  const auto rects = StackedRects(rows, 120, 20, 2);
  ASSERT_EQ(rects[1].size(), 1U);
  EXPECT_FLOAT_EQ(rects[1][0].x1, 30);  // 3 verdicts of a 12-claim scale width
  EXPECT_FLOAT_EQ(rects[0][0].x1, 10);
}

}  // namespace
}  // namespace factdesk::ui
