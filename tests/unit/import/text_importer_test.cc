#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "common/utf8.h"
#include "import/importer.h"
#include "shared_fixture.h"

namespace factdesk::import {
namespace {

constexpr std::string_view kSeed = "seeds/000_964967168d34df55.txt";
constexpr std::string_view kHost = "Mary Kay Magistad";

// The seed podcast transcript, parsed once for the whole suite.
class SeedTranscriptTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string bytes = testing::ReadShared(kSeed);
    ASSERT_FALSE(bytes.empty()) << "cannot read " << testing::SharedPath(kSeed);
    auto parsed = Parse(bytes, Format::kText);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    transcript_ = new Transcript(std::move(parsed).value());
  }
  static void TearDownTestSuite() {
    delete transcript_;
    transcript_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(transcript_, nullptr); }

  // The segment whose text starts with `prefix`; fails the test if there is none.
  static const Segment& StartingWith(std::string_view prefix) {
    for (const Segment& segment : transcript_->segments) {
      if (std::string_view(segment.text).starts_with(prefix)) return segment;
    }
    ADD_FAILURE() << "no segment starts with \"" << prefix << "\"";
    static const Segment kNone;
    return kNone;
  }
  static std::size_t CountKind(SegmentKind kind) {
    return static_cast<std::size_t>(
        std::count_if(transcript_->segments.begin(), transcript_->segments.end(),
                      [kind](const Segment& s) { return s.kind == kind; }));
  }

  static Transcript* transcript_;
};

Transcript* SeedTranscriptTest::transcript_ = nullptr;

TEST_F(SeedTranscriptTest, EveryParagraphBecomesOneSegment) {
  // 180 non-blank paragraphs: 162 spoken, 12 cues in parentheses, 5 photo captions and
  // the "Episode Transcript" heading.
  EXPECT_EQ(transcript_->format, Format::kText);
  EXPECT_EQ(transcript_->segments.size(), 180U);
  EXPECT_EQ(CountKind(SegmentKind::kSpeech), 162U);
  EXPECT_EQ(CountKind(SegmentKind::kCue), 12U);
  EXPECT_EQ(CountKind(SegmentKind::kCaption), 6U);
}

TEST_F(SeedTranscriptTest, ListsTheSpeakersInOrderOfFirstAppearance) {
  const std::vector<std::string> expected = {
      "Mary Kay Magistad",   "Eric Pan",      "Xi Jinping",
      "Male voice, rapping", "Female",        "Male",
      "Adriana Moreno",      "Donald Trump",  "Xiao Qiang",
      "Felix Mueller",       "Melissa Chan",  "Graham Webster",
      "Julia Voo",           "Anne Roth",     "Stefano Zanero",
      "Plinio Innocenzi",    "Michael Brown", "Eric Schmidt",
      "Audrey Tang",         "Jason Hsu",     "Unidentified voice"};
  EXPECT_EQ(transcript_->speakers, expected);
}

TEST_F(SeedTranscriptTest, LabelledTurnsNameTheirSpeakerAndDropTheLabel) {
  const Segment& eric = StartingWith("So in a very, very short time");
  EXPECT_EQ(eric.speaker, "Eric Pan");
  EXPECT_EQ(eric.kind, SegmentKind::kSpeech);
  EXPECT_EQ(StartingWith("Which in America, is soccer.").speaker, kHost);
  EXPECT_EQ(StartingWith("We convinced many countries").speaker, "Donald Trump");
  EXPECT_EQ(StartingWith("\xE2\x80\x9CWheels, wings").speaker, "Male voice, rapping");
  EXPECT_EQ(StartingWith("So, naturally, we have to be concerned").speaker, "Unidentified voice");
}

TEST_F(SeedTranscriptTest, InitialsResolveToTheSpeakerNamedEarlier) {
  EXPECT_EQ(StartingWith("Huawei does not share any of its data").speaker, kHost);  // MKM
  EXPECT_EQ(StartingWith("No, we don\xE2\x80\x99t.").speaker, "Adriana Moreno");    // AM
  EXPECT_EQ(StartingWith("So what the Stasi was really concerned").speaker,
            "Felix Mueller");  // FM
  EXPECT_EQ(StartingWith("Right. And the same happened in Italy.").speaker,
            "Stefano Zanero");  // SZ
  for (const std::string_view initials : {"MKM", "AM", "FM", "SZ"}) {
    EXPECT_EQ(std::count(transcript_->speakers.begin(), transcript_->speakers.end(), initials), 0)
        << initials;
  }
}

TEST_F(SeedTranscriptTest, UnlabelledNarrationIsTheHostWhoIntroducesHerself) {
  // "I'm Mary Kay Magistad, a former Beijing-based China correspondent..."
  EXPECT_EQ(StartingWith("When I lived in China, from 2003 to 2013").speaker, kHost);
  EXPECT_EQ(StartingWith("This is Eric Pan.").speaker, kHost);
  EXPECT_EQ(StartingWith("Thanks to Melissa Chan, my partner reporter").speaker, kHost);
  // Sentences that end in a colon introduce a quote; they are not speaker labels.
  EXPECT_EQ(StartingWith("This is Felix Mueller:").speaker, kHost);
  EXPECT_EQ(StartingWith("Today in China, same idea, new tools:").speaker, kHost);
  // 90 narration paragraphs, two "Mary Kay Magistad:" turns and four "MKM:" turns.
  EXPECT_EQ(std::count_if(transcript_->segments.begin(), transcript_->segments.end(),
                          [](const Segment& s) { return s.speaker == kHost; }),
            96);
}

TEST_F(SeedTranscriptTest, SoundCuesHaveNoSpeaker) {
  for (const std::string_view cue :
       {"(Sound of construction)", "(Huawei commercial)", "(Sound of Taiwanese political rally)"}) {
    const Segment& segment = StartingWith(cue);
    EXPECT_EQ(segment.kind, SegmentKind::kCue) << cue;
    EXPECT_EQ(segment.speaker, "") << cue;
    EXPECT_EQ(segment.text, cue);
  }
}

TEST_F(SeedTranscriptTest, PhotoCaptionsAndHeadingsAreCaptions) {
  for (const std::string_view caption :
       {"Beijing, China, with a Statue of Liberty poster", "Chinese smartphones on display",
        "Plinio Innocenzi, a former science attach", "Episode Transcript"}) {
    const Segment& segment = StartingWith(caption);
    EXPECT_EQ(segment.kind, SegmentKind::kCaption) << caption;
    EXPECT_EQ(segment.speaker, "") << caption;
  }
  EXPECT_TRUE(std::string_view(StartingWith("Beijing, China").text)
                  .ends_with("in the foreground. (Mary Kay Magistad)"));
}

TEST_F(SeedTranscriptTest, SegmentsAreNumberedTrimmedAndUntimed) {
  for (std::size_t i = 0; i < transcript_->segments.size(); ++i) {
    const Segment& segment = transcript_->segments[i];
    EXPECT_EQ(segment.ordinal, static_cast<int>(i));
    ASSERT_FALSE(segment.text.empty()) << i;
    EXPECT_TRUE(utf8::IsValid(segment.text)) << i;
    // The seed ends many lines with a no-break space; none may survive.
    const std::string_view text = segment.text;
    EXPECT_FALSE(text.ends_with(' ') || text.ends_with("\xC2\xA0")) << i;
    EXPECT_FALSE(text.starts_with(' ') || text.starts_with("\xC2\xA0")) << i;
    EXPECT_FALSE(segment.start_ms.has_value()) << i;
    EXPECT_FALSE(segment.end_ms.has_value()) << i;
  }
  EXPECT_EQ(StartingWith("More recently, just in September 2020").kind, SegmentKind::kSpeech);
}

Transcript ParseTextOk(std::string_view text) {
  auto parsed = ParseText(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? std::move(parsed).value() : Transcript{};
}

std::vector<std::string> Speakers(const Transcript& t) {
  std::vector<std::string> speakers;
  for (const Segment& s : t.segments) speakers.push_back(s.speaker);
  return speakers;
}

std::vector<std::string> Texts(const Transcript& t) {
  std::vector<std::string> texts;
  for (const Segment& s : t.segments) texts.push_back(s.text);
  return texts;
}

TEST(TextImporterTest, WithoutBlankLinesEveryLineIsAParagraph) {
  const Transcript t = ParseTextOk("Alice Smith: Hello there.\nBob Jones: Hi.\r\nAnd welcome.\n");
  EXPECT_EQ(Texts(t), (std::vector<std::string>{"Hello there.", "Hi.", "And welcome."}));
  EXPECT_EQ(Speakers(t), (std::vector<std::string>{"Alice Smith", "Bob Jones", ""}));
}

TEST(TextImporterTest, WrappedLinesJoinUntilABlankLineOrALabel) {
  const Transcript t = ParseTextOk(
      "Alice Smith: The first turn is\nwrapped over two lines.\nBob Jones: A new turn.\n\n"
      "Narration that is\nalso wrapped.\n");
  EXPECT_EQ(Texts(t), (std::vector<std::string>{"The first turn is wrapped over two lines.",
                                                "A new turn.", "Narration that is also wrapped."}));
  EXPECT_EQ(Speakers(t), (std::vector<std::string>{"Alice Smith", "Bob Jones", ""}));
}

TEST(TextImporterTest, NarrationWithoutASelfIntroductionIsAttributedToNobody) {
  const Transcript t = ParseTextOk("It was a cold morning.\n\nJohn Doe: Indeed it was.\n");
  EXPECT_EQ(t.speakers, (std::vector<std::string>{"John Doe"}));
  EXPECT_EQ(Speakers(t), (std::vector<std::string>{"", "John Doe"}));
  EXPECT_EQ(t.segments[0].kind, SegmentKind::kSpeech);
}

TEST(TextImporterTest, AHostWhoIsNeverLabelledIsNamedFromTheIntroduction) {
  const Transcript t = ParseTextOk(
      "Welcome back. I'm Jane Q. Public, and this is the show.\n\nBob Jones: Thanks.\n");
  EXPECT_EQ(Speakers(t), (std::vector<std::string>{"Jane Q. Public", "Bob Jones"}));
}

TEST(TextImporterTest, QuotedSelfIntroductionsDoNotMakeAHost) {
  const Transcript t = ParseTextOk(
      "The ad ran all week: \xE2\x80\x9CI\xE2\x80\x99m Donald Trump and I approve.\xE2\x80\x9D\n\n"
      "Donald Trump: We will win.\n");
  EXPECT_EQ(t.speakers, (std::vector<std::string>{"Donald Trump"}));
}

TEST(TextImporterTest, InitialsWithoutAMatchingNameStayAsWritten) {
  const Transcript t = ParseTextOk("JD: Who is speaking?\n\nAlice Smith: I am.\n\nAS: Me again.\n");
  EXPECT_EQ(Speakers(t), (std::vector<std::string>{"JD", "Alice Smith", "Alice Smith"}));
}

TEST(TextImporterTest, NotesAndHeadingsWithColonsAreNotSpeakers) {
  const Transcript t = ParseTextOk(
      "Note: this transcript was edited for clarity.\n\n"
      "Episode 12: the numbers game\n\n"
      "The ratio was 3:1 at 10:30 that night.\n\n"
      "A woman told me: it was fine.\n");
  EXPECT_TRUE(t.speakers.empty());
  EXPECT_EQ(t.segments.size(), 4U);
  EXPECT_EQ(t.segments[0].text, "Note: this transcript was edited for clarity.");
}

TEST(TextImporterTest, BracketedDirectionsAreCuesButSpokenLaughterIsNot) {
  const Transcript t = ParseTextOk(
      "[Music]\n\n(Laughter)\n\nJohn Doe: That was funny. (Laughter)\n\n"
      "(Inaudible) and then he left (Reuters)\n");
  ASSERT_EQ(t.segments.size(), 4U);
  EXPECT_EQ(t.segments[0].kind, SegmentKind::kCue);
  EXPECT_EQ(t.segments[1].kind, SegmentKind::kCue);
  EXPECT_EQ(t.segments[2].kind, SegmentKind::kSpeech);
  EXPECT_EQ(t.segments[2].speaker, "John Doe");
  // Not wholly in parentheses, and no sentence before the credit: narration.
  EXPECT_EQ(t.segments[3].kind, SegmentKind::kSpeech);
}

TEST(TextImporterTest, NamesWithParticlesInitialsAndAccents) {
  const Transcript t = ParseTextOk(
      "Ursula von der Leyen: First.\n\nJ. R. R. Tolkien: Second.\n\n"
      "Se\xC3\xA1n O\xE2\x80\x99"
      "Brien: Third.\n\nJean-Luc Picard: Fourth.\n\nJLP: Fifth.\n");
  EXPECT_EQ(Speakers(t), (std::vector<std::string>{"Ursula von der Leyen", "J. R. R. Tolkien",
                                                   "Se\xC3\xA1n O\xE2\x80\x99"
                                                   "Brien",
                                                   "Jean-Luc Picard", "Jean-Luc Picard"}));
}

TEST(TextImporterTest, ByteOrderMarkIsNotText) {
  const Transcript t = ParseTextOk("\xEF\xBB\xBFJohn Doe: Hello.\n");
  EXPECT_EQ(Speakers(t), (std::vector<std::string>{"John Doe"}));
}

}  // namespace
}  // namespace factdesk::import
