// The English check that keeps the English model off transcripts in other languages.
#include "checkworthy/language_check.h"

#include <gtest/gtest.h>

namespace factdesk::checkworthy {
namespace {

TEST(LanguageCheck, EnglishSpeechIsEnglish) {
  const LanguageVerdict v = CheckEnglish(
      {"Violent crime in Riverside fell by eighteen percent last year, and the council has "
       "said that it will hire forty more officers.",
       "We were told the budget would balance. It did not, and the deficit is now larger than "
       "at any time since 2009."});
  EXPECT_TRUE(v.english) << v.why;
  EXPECT_EQ(v.why, "");
}

TEST(LanguageCheck, SpanishIsNotEnglishAndSaysWhy) {
  const LanguageVerdict v = CheckEnglish(
      {"El desempleo bajó un dieciocho por ciento el año pasado según el gobierno.",
       "La ministra dijo que la inflación es la más baja de la región desde hace diez años, "
       "pero los datos del banco central muestran otra cosa."});
  EXPECT_FALSE(v.english);
  EXPECT_NE(v.why.find("common English words"), std::string::npos) << v.why;
  EXPECT_NE(v.why.find("model is English"), std::string::npos) << v.why;
}

TEST(LanguageCheck, GermanIsNotEnglish) {
  const LanguageVerdict v = CheckEnglish(
      {"Die Arbeitslosigkeit ist im letzten Jahr um achtzehn Prozent gesunken, sagte die "
       "Ministerin. Was die Opposition dazu sagt, wird sich zeigen, denn die Zahlen der "
       "Bundesbank zeigen etwas anderes."});
  EXPECT_FALSE(v.english) << v.why;
}

TEST(LanguageCheck, AnotherScriptIsNotEnglish) {
  const LanguageVerdict v =
      CheckEnglish({"去年河滨市的暴力犯罪下降了百分之十八。", "市议会表示将再雇用四十名警察。"});
  EXPECT_FALSE(v.english);
  EXPECT_NE(v.why.find("outside the Latin alphabet"), std::string::npos) << v.why;
}

TEST(LanguageCheck, TooLittleTextToTellCountsAsEnglish) {
  EXPECT_TRUE(CheckEnglish({"(APPLAUSE)"}).english);
  EXPECT_TRUE(CheckEnglish({"Hola."}).english);
  EXPECT_TRUE(CheckEnglish({}).english);
}

TEST(LanguageCheck, EnglishWithSomeForeignNamesIsEnglish) {
  const LanguageVerdict v = CheckEnglish(
      {"José Müller, the mayor of Zürich, said that the tunnel had cost more than the city "
       "was told, and that the contractor is to blame for all of it."});
  EXPECT_TRUE(v.english) << v.why;
}

}  // namespace
}  // namespace factdesk::checkworthy
