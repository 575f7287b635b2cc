// BCP 47 tags as transcripts carry them, and the search configuration each one gets.
#include "domain/language_tag.h"

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

std::string Normal(std::string_view tag) {
  auto r = NormalizeLanguageTag("language", tag);
  EXPECT_TRUE(r.ok()) << tag << ": " << r.status().message();
  return r.ok() ? *r : std::string();
}

TEST(LanguageTag, NormalisesCaseOfEachSubtag) {
  EXPECT_EQ(Normal("en"), "en");
  EXPECT_EQ(Normal("DE"), "de");
  EXPECT_EQ(Normal("de-ch"), "de-CH");
  EXPECT_EQ(Normal("ZH-hant-tw"), "zh-Hant-TW");
  EXPECT_EQ(Normal("es-419"), "es-419");
  EXPECT_EQ(Normal("sl-ROZAJ"), "sl-rozaj");
  EXPECT_EQ(Normal("de-CH-1901"), "de-CH-1901");
  EXPECT_EQ(Normal("und"), "und");
  EXPECT_EQ(Normal("yue-Hant-HK"), "yue-Hant-HK");
}

TEST(LanguageTag, RefusesWhatIsNotATagNamingTheField) {
  for (const std::string_view bad :
       {"english", "e", "de_DE", "de-", "-de", "de--CH", "d3", "en-US-x-private", "zh-Hans-CN-u",
        "de-CH-Latn", "中文", "en US"}) {
    const auto r = NormalizeLanguageTag("language", bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().message().rfind("language: ", 0), 0U) << r.status().message();
    EXPECT_NE(r.status().message().find("not a BCP 47 language tag"), std::string::npos)
        << r.status().message();
  }
  EXPECT_EQ(NormalizeLanguageTag("language", "").status().message(), "language: must not be empty");
  EXPECT_FALSE(NormalizeLanguageTag("language", std::string(36, 'a')).ok());
}

// The scorer runs on "en" and "en-GB" alike, and not on "eng" or "und".
TEST(LanguageTag, PrimaryLanguageIsTheFirstSubtag) {
  EXPECT_EQ(PrimaryLanguage("en"), "en");
  EXPECT_EQ(PrimaryLanguage("en-GB"), "en");
  EXPECT_EQ(PrimaryLanguage("zh-Hans-CN"), "zh");
  EXPECT_NE(PrimaryLanguage("eng"), "en");
  EXPECT_EQ(PrimaryLanguage("und"), "und");
}

TEST(LanguageTag, SearchConfigurationFollowsTheLanguageSubtag) {
  EXPECT_EQ(SearchConfigFor("en"), "english");
  EXPECT_EQ(SearchConfigFor("en-GB"), "english");
  EXPECT_EQ(SearchConfigFor("de-CH"), "german");
  EXPECT_EQ(SearchConfigFor("es-419"), "spanish");
  EXPECT_EQ(SearchConfigFor("nb"), "norwegian");
  EXPECT_EQ(SearchConfigFor("ru"), "russian");
  // Before transcripts had a language everything was searched as English.
  EXPECT_EQ(SearchConfigFor("und"), "english");
  // Languages PostgreSQL has no stemmer for: character n-grams.
  EXPECT_EQ(SearchConfigFor("zh"), kNgramSearch);
  EXPECT_EQ(SearchConfigFor("zh-Hans"), kNgramSearch);
  EXPECT_EQ(SearchConfigFor("ja"), kNgramSearch);
  EXPECT_EQ(SearchConfigFor("ko"), kNgramSearch);
  EXPECT_EQ(SearchConfigFor("pl"), kNgramSearch);
}

TEST(LanguageTag, NamesLanguagesForMessages) {
  EXPECT_EQ(LanguageName("de-AT"), "German");
  EXPECT_EQ(LanguageName("zh-Hant"), "Chinese");
  EXPECT_EQ(LanguageName("tlh"), "tlh");
}

}  // namespace
}  // namespace factdesk::domain
