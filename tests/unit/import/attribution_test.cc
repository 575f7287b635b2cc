#include "import/attribution.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "import/importer.h"

namespace factdesk::import {
namespace {

constexpr std::string_view kSpeech =
    "We cut the deficit by a third in four years.\n\n"
    "And unemployment is the lowest it has been since 1975.\n";

Transcript ImportOk(std::string_view text, Format format = Format::kText, Options options = {}) {
  auto parsed = Parse(text, format, options);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? std::move(parsed).value() : Transcript{};
}

TEST(AttributionTest, PlainTextWithoutAnyNameIsRefusedNamingTheSpeakerField) {
  const Transcript t = ImportOk(kSpeech);
  EXPECT_TRUE(t.speakers.empty());
  EXPECT_EQ(CountUnattributedSpeech(t), 2);
  const Status refused = RequireNamedSpeaker(t);
  EXPECT_EQ(refused.code(), Code::kInvalidArgument);
  EXPECT_TRUE(refused.message().starts_with("speaker: no speaker labels were found"))
      << refused.message();
  EXPECT_NE(refused.message().find("2 segments of speech"), std::string::npos);
  EXPECT_NE(refused.message().find("--speaker NAME"), std::string::npos);
}

TEST(AttributionTest, ANamedSpeakerSaysEveryUnlabelledParagraph) {
  Options options;
  options.speaker = "Jane Minister";
  const Transcript t = ImportOk(kSpeech, Format::kText, options);
  EXPECT_EQ(t.speakers, (std::vector<std::string>{"Jane Minister"}));
  for (const Segment& s : t.segments) EXPECT_EQ(s.speaker, "Jane Minister");
  EXPECT_EQ(CountUnattributedSpeech(t), 0);
  EXPECT_TRUE(RequireNamedSpeaker(t).ok());
  EXPECT_EQ(UnattributedNote(t), "");
}

TEST(AttributionTest, ANamedSpeakerReplacesTheHostTheImporterWouldGuess) {
  const std::string text =
      "Welcome back. I'm Jane Q. Public, and this is the show.\n\nBob Jones: Thanks.\n";
  EXPECT_EQ(ImportOk(text).segments[0].speaker, "Jane Q. Public");
  Options options;
  options.speaker = "Mary Host";
  const Transcript t = ImportOk(text, Format::kText, options);
  EXPECT_EQ(t.speakers, (std::vector<std::string>{"Mary Host", "Bob Jones"}));
}

TEST(AttributionTest, LabelledTextWithUnlabelledNarrationIsImportedAndTheNoteSaysSo) {
  const Transcript t = ImportOk("It was a cold morning.\n\nJohn Doe: Indeed it was.\n");
  EXPECT_TRUE(RequireNamedSpeaker(t).ok());
  EXPECT_EQ(UnattributedNote(t),
            "1 segment of speech has no speaker label, and nobody introduces the narrator: it "
            "stays unattributed (a claim there names no claimant unless given one). --speaker "
            "NAME attributes it.");
}

TEST(AttributionTest, PlainTextNoteSaysTheImportIsRefusedWithoutAName) {
  EXPECT_EQ(UnattributedNote(ImportOk(kSpeech)),
            "No speaker labels were found: nobody is named as saying the 2 segments of speech. "
            "Name the speaker (--speaker NAME); the import is refused without one.");
}

TEST(AttributionTest, CaptionsWithoutVoicesAreImportedAndANameFillsThemAll) {
  const std::string vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nTaxes went up twice.\n\n"
      "00:00:04.000 --> 00:00:06.000\n<v Ann Lee>No, once.\n";
  const Transcript bare = ImportOk(vtt, Format::kVtt);
  EXPECT_TRUE(RequireNamedSpeaker(bare).ok());  // captions often name nobody
  EXPECT_EQ(CountUnattributedSpeech(bare), 1);
  Options options;
  options.speaker = "Bob Roe";
  const Transcript named = ImportOk(vtt, Format::kVtt, options);
  EXPECT_EQ(named.speakers, (std::vector<std::string>{"Bob Roe", "Ann Lee"}));
  EXPECT_EQ(named.segments[1].speaker, "Ann Lee");  // a voice tag still wins
}

TEST(AttributionTest, CuesAndCaptionsNeedNoSpeaker) {
  const Transcript t = ImportOk("(Applause)\n\n[Music]\n");
  EXPECT_EQ(CountUnattributedSpeech(t), 0);
  EXPECT_TRUE(RequireNamedSpeaker(t).ok());
  EXPECT_EQ(UnattributedNote(t), "");
}

}  // namespace
}  // namespace factdesk::import
