#include "client/ui/colors.h"

#include <set>

#include <gtest/gtest.h>

#include "client/ui/claim_style.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

TEST(SpeakerColors, StableAcrossCallsAndRuns) {
  EXPECT_EQ(SpeakerColor("CLINTON"), SpeakerColor("CLINTON"));
  // Pinned: FNV-1a is fixed, so colours never change between versions or machines.
  EXPECT_EQ(Fnv1a(""), 14695981039346656037ULL);
  EXPECT_EQ(Fnv1a("a"), 0xaf63dc4c8601ec8cULL);
  const Rgba c = SpeakerColor("Eric Pan");
  EXPECT_EQ(c, SpeakerColor(std::string("Eric ") + "Pan"));
  EXPECT_EQ(c.a, 255);
}

TEST(SpeakerColors, DifferentNamesMostlyDiffer) {
  std::set<std::uint32_t> colors;
  for (const char* name : {"CLINTON", "TRUMP", "HOLT", "Eric Pan", "Ana Moreno", "Ben Okafor",
                           "Mayor Lina Park", "Councillor Omar Reyes"}) {
    colors.insert(SpeakerColor(name).ToU32());
  }
  EXPECT_GE(colors.size(), 7U);
  EXPECT_EQ(SpeakerColor(""), palette::kDimText);
}

TEST(Colors, PackLikeImGuiAndMixOpaque) {
  EXPECT_EQ((Rgba{0x11, 0x22, 0x33, 0x44}.ToU32()), 0x44332211U);
  const Rgba m = Mix({255, 0, 0, 255}, {0, 0, 255, 255}, 0.25F);
  EXPECT_EQ(m, (Rgba{64, 0, 191, 255}));
  EXPECT_EQ(FromHsv(0, 1, 1), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(FromHsv(120, 1, 1), (Rgba{0, 255, 0, 255}));
}

TEST(ClaimStyle, StatusAndVerdictDecideTheColour) {
  v1::Claim c;
  c.set_status(v1::CLAIM_STATUS_OPEN);
  const Rgba open = ClaimColor(c);
  c.set_status(v1::CLAIM_STATUS_DISPUTED);
  EXPECT_NE(ClaimColor(c), open);
  c.set_status(v1::CLAIM_STATUS_RESOLVED);
  auto* v = c.mutable_final_verdict();
  v->set_label("False");
  v->set_ordered(true);
  v->set_value(1);
  v->set_best(5);
  v->set_worst(1);
  EXPECT_EQ(ClaimColor(c), palette::kBad);
  v->set_value(5);
  EXPECT_EQ(ClaimColor(c), palette::kGood);
  v->set_ordered(false);
  const Rgba off_scale = ClaimColor(c);
  EXPECT_NE(off_scale, palette::kGood);
  // Highlights are opaque and stronger where claims overlap.
  EXPECT_EQ(HighlightFill(c).a, 255);
  EXPECT_NE(HighlightFill(c, 2), HighlightFill(c, 1));
  EXPECT_EQ(v1::ClaimStatusLabel(v1::CLAIM_STATUS_IN_REVIEW), "In review");
}

}  // namespace
}  // namespace factdesk::ui
