// The language a transcript gets when it is imported or opened without one.
#include "domain/language_guess.h"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

std::string Guess(const std::vector<std::string_view>& texts) {
  const LanguageGuess g = GuessLanguage(texts);
  EXPECT_FALSE(g.why.empty());
  return g.tag;
}

TEST(LanguageGuess, TheSeedPodcastIsEnglish) {
  std::ifstream in(std::string(FACTDESK_SHARED_DIR) + "/seeds/000_964967168d34df55.txt",
                   std::ios::binary);
  ASSERT_TRUE(in) << "the seed transcript is missing";
  std::stringstream text;
  text << in.rdbuf();
  const std::string seed = text.str();
  const LanguageGuess g = GuessLanguage({seed});
  EXPECT_EQ(g.tag, "en") << g.why;
  EXPECT_TRUE(g.enough_text);
  EXPECT_NE(g.why.find("common English words"), std::string::npos) << g.why;
}

TEST(LanguageGuess, LatinAlphabetLanguagesByTheirCommonestWords) {
  EXPECT_EQ(Guess({"Die Regierung hat angekündigt, dass die Steuer auf Benzin im nächsten Jahr "
                   "steigen wird. Der Minister sagte, die Einnahmen seien für den Ausbau der "
                   "Bahn und für die Schulen bestimmt."}),
            "de");
  EXPECT_EQ(Guess({"Le gouvernement a annoncé que le chômage est en baisse pour la troisième "
                   "année. Selon le ministre, les chiffres de cette année sont les meilleurs "
                   "depuis dix ans, mais les syndicats ne sont pas d'accord."}),
            "fr");
  EXPECT_EQ(Guess({"El desempleo bajó un dieciocho por ciento el año pasado según el gobierno. "
                   "La ministra dijo que la inflación es la más baja de la región desde hace "
                   "diez años, pero los datos del banco central muestran otra cosa."}),
            "es");
  EXPECT_EQ(Guess({"Il governo ha detto che la disoccupazione è scesa del due per cento. Secondo "
                   "il ministro questo è il dato più basso degli ultimi dieci anni, ma non tutti "
                   "sono d'accordo con lui e con la sua lettura dei numeri."}),
            "it");
  EXPECT_EQ(Guess({"O governo disse que o desemprego caiu para o nível mais baixo em dez anos. "
                   "Segundo a ministra, os dados do instituto mostram uma melhora, mas os "
                   "sindicatos não concordam com a leitura dos números."}),
            "pt");
  EXPECT_EQ(Guess({"De regering heeft gezegd dat de werkloosheid in het afgelopen jaar is gedaald. "
                   "Volgens de minister is dat het laagste cijfer van de laatste tien jaar, maar "
                   "de vakbonden zijn het er niet mee eens."}),
            "nl");
  EXPECT_EQ(Guess({"Regeringen har sagt att arbetslösheten har sjunkit under det senaste året. "
                   "Enligt ministern är det den lägsta siffran på tio år, men facket är inte "
                   "överens och menar att det är för tidigt att säga något om det."}),
            "sv");
  EXPECT_EQ(Guess({"Hallitus on sanonut, että työttömyys on laskenut viime vuonna. Ministerin "
                   "mukaan se on alin luku kymmeneen vuoteen, mutta ammattiliitot eivät ole "
                   "samaa mieltä ja sanovat että on liian aikaista sanoa mitä se tarkoittaa."}),
            "fi");
}

TEST(LanguageGuess, NorwegianAndDanishByTheWordsTheyDoNotShare) {
  EXPECT_EQ(Guess({"Regjeringen har sagt at arbeidsledigheten ble lavere etter valget, og at det "
                   "nå er færre som står uten jobb enn noen gang. Hva betyr det for meg, spør "
                   "mange, og svaret er ikke så enkelt som det ser ut."}),
            "no");
  EXPECT_EQ(Guess({"Regeringen har sagt at arbejdsløsheden blev lavere efter valget, og at der "
                   "nu er færre som står uden job end nogen sinde. Hvad betyder det for mig, "
                   "spørger mange, og svaret er ikke så enkelt som det ser ud."}),
            "da");
}

TEST(LanguageGuess, OtherScriptsByTheirLetters) {
  EXPECT_EQ(Guess({"去年河滨市的暴力犯罪下降了百分之十八。", "市议会表示将再雇用四十名警察。"}),
            "zh");
  EXPECT_EQ(Guess({"昨年、リバーサイド市の暴力犯罪は十八パーセント減少したと市議会は発表した。"}),
            "ja");
  EXPECT_EQ(Guess({"지난해 리버사이드 시의 강력 범죄가 18퍼센트 감소했다고 시의회가 밝혔다."}),
            "ko");
  EXPECT_EQ(Guess({"В прошлом году уровень безработицы снизился на восемнадцать процентов."}),
            "ru");
  EXPECT_EQ(Guess({"Минулого року рівень безробіття знизився на вісімнадцять відсотків, і це "
                   "їхній найкращий результат."}),
            "uk");
  EXPECT_EQ(Guess({"Η ανεργία μειώθηκε κατά δεκαοκτώ τοις εκατό πέρυσι, είπε ο υπουργός."}), "el");
  EXPECT_EQ(Guess({"انخفضت البطالة بنسبة ثمانية عشر بالمئة في العام الماضي حسب الوزير."}), "ar");
  EXPECT_EQ(Guess({"האבטלה ירדה בשמונה עשר אחוזים בשנה שעברה, אמר השר."}), "he");
  EXPECT_EQ(Guess({"पिछले साल बेरोज़गारी अठारह प्रतिशत कम हुई, मंत्री ने कहा।"}), "hi");
}

TEST(LanguageGuess, EnglishQuotingChineseNamesIsEnglish) {
  const LanguageGuess g = GuessLanguage(
      {"The minister, Wang Yi (王毅), said that the talks had gone well and that China would "
       "keep buying more soybeans from the United States this year, which is what the farmers "
       "were hoping for."});
  EXPECT_EQ(g.tag, "en") << g.why;
}

TEST(LanguageGuess, UndeterminedWhenItCannotTell) {
  const LanguageGuess little = GuessLanguage({"Hola. (APPLAUSE)"});
  EXPECT_EQ(little.tag, "und");
  EXPECT_FALSE(little.enough_text);
  EXPECT_NE(little.why.find("too little text"), std::string::npos) << little.why;
  EXPECT_EQ(GuessLanguage({}).tag, "und");
  // Polish: enough words, none of the languages it knows.
  const LanguageGuess polish = GuessLanguage(
      {"Rząd poinformował, że bezrobocie spadło w zeszłym roku o osiemnaście procent. Minister "
       "powiedział, że to najlepszy wynik od dziesięciu lat, ale związkowcy mają inne zdanie "
       "na temat tych liczb."});
  EXPECT_EQ(polish.tag, "und") << polish.why;
  EXPECT_TRUE(polish.enough_text);
}

}  // namespace
}  // namespace factdesk::domain
