#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/unit/export/scenario.h"

namespace factdesk::exporting {
namespace {

using testing::Count;
using testing::ExportTranscript;
using testing::MakeScenario;
using testing::Scenario;

// The desk's report: every claim, in every state (most tests look at how each renders).
std::string Html(Scenario s) {
  s.context.audience = v1::EXPORT_AUDIENCE_DESK;
  return ExportTranscript(v1::EXPORT_FORMAT_HTML, s);
}

// The public report, the default.
std::string PublicHtml(const Scenario& s) {
  return ExportTranscript(v1::EXPORT_FORMAT_HTML, s);
}

// The body of the document outside <style>, where tags are markup.
std::string WithoutStyle(const std::string& html) {
  const std::size_t open = html.find("<style>");
  const std::size_t close = html.find("</style>");
  if (open == std::string::npos || close == std::string::npos) return html;
  return html.substr(0, open) + html.substr(close + 8);
}

struct Tag {
  std::string text;  // "<a href=...>" as written
  std::string name;  // "a"
  bool closing = false;
};

std::vector<Tag> Tags(const std::string& html) {
  std::vector<Tag> tags;
  for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    const std::size_t end = html.find('>', at);
    if (end == std::string::npos) break;
    Tag tag;
    tag.text = html.substr(at, end - at + 1);
    std::size_t p = at + 1;
    if (html[p] == '/') {
      tag.closing = true;
      ++p;
    }
    while (p < end && (std::isalnum(static_cast<unsigned char>(html[p])) || html[p] == '!')) {
      tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[p++])));
    }
    tags.push_back(tag);
  }
  return tags;
}

// Every element that is opened is closed, in nesting order.
void ExpectWellNested(const std::string& html) {
  const std::set<std::string> kVoid = {"!doctype", "meta", "br", "hr", "img", "link", "input"};
  std::vector<std::string> open;
  for (const Tag& tag : Tags(WithoutStyle(html))) {
    if (kVoid.contains(tag.name)) continue;
    if (!tag.closing) {
      open.push_back(tag.name);
      continue;
    }
    ASSERT_FALSE(open.empty()) << "stray " << tag.text;
    ASSERT_EQ(open.back(), tag.name) << "misnested " << tag.text;
    open.pop_back();
  }
  EXPECT_TRUE(open.empty()) << open.size() << " unclosed, first " << open.front();
}

TEST(HtmlTest, StandaloneDocument) {
  const std::string html = Html(MakeScenario());
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">"));
  EXPECT_TRUE(html.ends_with("</body>\n</html>\n"));
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_EQ(Count(html, "<style>"), 1U);
  ExpectWellNested(html);
}

TEST(HtmlTest, TranscriptTextCarriesTheTranscriptsLanguage) {
  Scenario s = MakeScenario();
  s.transcript.set_language("de-CH");
  const std::string html = Html(s);
  EXPECT_EQ(Count(html, "<p class=\"text\" lang=\"de-CH\">"), s.segments.size());
  ExpectWellNested(html);
  // Unknown ("und", or a transcript from before languages): no lang, the page's default.
  for (const std::string unknown : {"und", ""}) {
    s.transcript.set_language(unknown);
    EXPECT_EQ(Html(s).find(" lang="), std::string::npos) << unknown;
  }
}

TEST(HtmlTest, NoScriptsNoAssetsAndOnlyLinksReferToTheWeb) {
  const std::string html = Html(MakeScenario());
  for (const char* forbidden : {"<script", "<link", "<img", "<iframe", "src=", "url(", "@import"}) {
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden;
  }
  // A URL in markup is only ever an <a href> that opens without access to this page;
  // URLs in text (a summary quoting one) are escaped text.
  std::size_t links = 0;
  for (const Tag& tag : Tags(WithoutStyle(html))) {
    if (tag.text.find("http") == std::string::npos) continue;
    ++links;
    EXPECT_TRUE(tag.text.starts_with("<a class=\"ext\" href=\"http")) << tag.text;
    EXPECT_NE(tag.text.find("rel=\"noopener\""), std::string::npos) << tag.text;
    EXPECT_EQ(Count(tag.text, "http"), 1U) << tag.text;
  }
  // Recording, publisher, four sources and one archived copy.
  EXPECT_EQ(links, 7U);
  EXPECT_EQ(html.find("removed.example.com"), std::string::npos);
  EXPECT_NE(html.find("<a class=\"ext\" href=\"https://news.example.com/jobs?id=1&amp;ref=x\" "
                      "target=\"_blank\" rel=\"noopener\">Jobs report, explained</a>"),
            std::string::npos);
}

TEST(HtmlTest, EverythingIsEscaped) {
  const std::string html = Html(MakeScenario());
  EXPECT_NE(html.find("<title>Town hall &lt;live&gt; &amp; &quot;more&quot; — fact-check</title>"),
            std::string::npos);
  EXPECT_NE(html.find("<h1>Town hall &lt;live&gt; &amp; &quot;more&quot;</h1>"), std::string::npos);
  // The quote with a script tag is highlighted as text.
  EXPECT_NE(html.find("He said <mark class=\"claim st-disputed\" id=\"claim-104\" "
                      "data-claim=\"104\">&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; was "
                      "fine</mark><a class=\"ref\" href=\"#card-104\">[4]</a> &amp; "),
            std::string::npos);
  EXPECT_NE(html.find("Customs data shows &lt;b&gt;a fall&lt;/b&gt;."), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
}

TEST(HtmlTest, SegmentsWithSpeakersTimesAndKinds) {
  const std::string html = Html(MakeScenario());
  EXPECT_NE(html.find("<section class=\"seg speech\" id=\"seg-0\">\n<p class=\"who\"><span "
                      "class=\"speaker\">Ana Moreno</span><span class=\"time\">00:00:00–00:00:04"
                      "</span></p>"),
            std::string::npos);
  EXPECT_NE(html.find("<section class=\"seg cue\" id=\"seg-1\">\n<p class=\"who\"><span "
                      "class=\"time\">00:00:04–00:00:05</span></p>\n<p class=\"text\">(APPLAUSE)"
                      "</p>"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"time\">00:00:15–01:02:03</span>"), std::string::npos);
  EXPECT_NE(html.find("我们的<mark class=\"claim st-resolved v-false\" id=\"claim-102\" "
                      "data-claim=\"102\">出口增长了百分之二十</mark>"),
            std::string::npos);
  EXPECT_NE(html.find("<mark class=\"claim st-in-review\" id=\"claim-103\" data-claim=\"103\">"
                      "Exports grew 20% 🚀 in 2023</mark>"),
            std::string::npos);
}

TEST(HtmlTest, OverlappingClaimsNestInSplitPieces) {
  const std::string html = Html(MakeScenario());
  EXPECT_NE(html.find("<p class=\"text\">"
                      "<mark class=\"claim st-resolved v-mixed\" id=\"claim-106\" "
                      "data-claim=\"106\">Taxes rose and </mark>"
                      "<mark class=\"claim st-resolved v-mixed\" data-claim=\"106\">"
                      "<mark class=\"claim st-dismissed\" id=\"claim-107\" data-claim=\"107\">"
                      "wages fell</mark></mark><a class=\"ref\" href=\"#card-106\">[6]</a>"
                      "<mark class=\"claim st-dismissed\" data-claim=\"107\"> at the same time"
                      "</mark><a class=\"ref\" href=\"#card-107\">[7]</a>.</p>"),
            std::string::npos);
  // One id per claim however many pieces it has.
  EXPECT_EQ(Count(html, "id=\"claim-106\""), 1U);
  EXPECT_EQ(Count(html, "id=\"claim-107\""), 1U);
  ExpectWellNested(html);
}

TEST(HtmlTest, ManyOverlappingClaimsEachHighlightExactlyTheirQuote) {
  Scenario s = MakeScenario();
  v1::Segment segment = s.segments[4];
  segment.set_text("one two three four five");
  // Every run of whole words: 15 claims, nested, overlapping, sharing ends and starts.
  const std::vector<std::pair<int, int>> words = {{0, 3}, {4, 7}, {8, 13}, {14, 18}, {19, 23}};
  std::vector<ClaimRecord> claims;
  std::map<std::string, std::string> quotes;
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (std::size_t j = i; j < words.size(); ++j) {
      ClaimRecord record = s.claims[5];
      record.claim.set_id(static_cast<std::int64_t>(1000 + i * 10 + j));
      record.claim.set_start_byte(words[i].first);
      record.claim.set_end_byte(words[j].second);
      record.claim.set_quote(
          segment.text().substr(static_cast<std::size_t>(words[i].first),
                                static_cast<std::size_t>(words[j].second - words[i].first)));
      quotes[std::to_string(record.claim.id())] = record.claim.quote();
      claims.push_back(record);
    }
  }
  auto exporter = MakeTranscriptExporter(v1::EXPORT_FORMAT_HTML);
  ASSERT_TRUE(exporter.ok());
  testing::Capture out;
  s.context.audience = v1::EXPORT_AUDIENCE_DESK;  // the claims are RESOLVED, not published
  ASSERT_TRUE((*exporter)->Begin(s.context, s.transcript, out.sink()).ok());
  (*exporter)->AddSegment(segment, claims, out.sink());
  (*exporter)->End(out.sink());
  ExpectWellNested(out.bytes);

  // Text inside each claim's marks, read back through the nesting.
  const std::size_t start = out.bytes.find("<p class=\"text\">") + 16;
  const std::size_t end = out.bytes.find("</p>", start);
  std::map<std::string, std::string> marked;
  std::vector<std::string> open;
  std::string plain;
  for (std::size_t i = start; i < end;) {
    if (out.bytes[i] == '<') {
      const std::size_t close = out.bytes.find('>', i);
      const std::string tag = out.bytes.substr(i, close - i + 1);
      if (tag.starts_with("<mark")) {
        const std::size_t at = tag.find("data-claim=\"") + 12;
        open.push_back(tag.substr(at, tag.find('"', at) - at));
      } else if (tag == "</mark>") {
        open.pop_back();
      } else if (tag.starts_with("<a")) {
        i = out.bytes.find("</a>", close) + 4;  // a footnote reference, not text
        continue;
      }
      i = close + 1;
      continue;
    }
    for (const std::string& id : open) marked[id] += out.bytes[i];
    plain += out.bytes[i++];
  }
  EXPECT_EQ(plain, segment.text());
  EXPECT_EQ(marked, quotes);
}

// The value of attribute `name` in a tag, or "".
std::string Attribute(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string::npos) return {};
  const std::size_t start = at + key.size();
  return tag.substr(start, tag.find('"', start) - start);
}

TEST(HtmlTest, IdsAreUniqueAndEveryInPageLinkResolves) {
  Scenario s = MakeScenario();
  s.claims[1].claim.set_start_byte(10);  // one claim without a highlight
  std::set<std::string> ids;
  std::vector<std::string> targets;
  for (const Tag& tag : Tags(WithoutStyle(Html(s)))) {
    if (const std::string id = Attribute(tag.text, "id"); !id.empty()) {
      EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    }
    if (const std::string href = Attribute(tag.text, "href"); href.starts_with("#")) {
      targets.push_back(href.substr(1));
    }
  }
  // Six highlights link to their cards and six cards back; the unhighlighted claim has neither.
  EXPECT_EQ(targets.size(), 12U);
  for (const std::string& target : targets) EXPECT_TRUE(ids.contains(target)) << target;
}

TEST(HtmlTest, CardsWithBadgesRationalesAndSources) {
  const std::string html = Html(MakeScenario());
  EXPECT_NE(html.find("<aside class=\"card st-published v-true\" id=\"card-101\">\n<p><a "
                      "class=\"ref\" href=\"#claim-101\">[1]</a> <span class=\"badge v-true\">"
                      "Mostly true</span> <span class=\"badge pending state\">Published</span> "
                      "<span class=\"claimant\">Claim by Ana Moreno</span></p>"),
            std::string::npos);
  EXPECT_NE(html.find("<strong>María Kovač</strong> · Mostly true</p><p class=\"rationale\">The "
                      "rate was 3.7–3.9% all year.\nClose enough.</p>"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge v-false\">False</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge v-unrated\">Unverifiable</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge pending state\">In review</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge pending state\">Disputed</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge pending state\">Resolved</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"badge pending state\">Dismissed</span> <span class=\"note\">a "
                      "duplicate</span> <span class=\"claimant\">Claim by -Li Wei</span>"),
            std::string::npos);
  // Rationales of claims still under review stay unpublished.
  EXPECT_EQ(html.find("secret until resolved"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"summary\">=HYPERLINK(&quot;http://evil.example&quot;,&quot;x"
                      "&quot;)</p>"),
            std::string::npos);
  EXPECT_NE(html.find("海关总署：2023年出口数据</a> — General Administration of Customs <span "
                      "class=\"note\">(refutes, primary source)</span> <a class=\"ext\" "
                      "href=\"https://archive.example.org/trade\" target=\"_blank\" "
                      "rel=\"noopener\">archived copy</a>"),
            std::string::npos);
}

TEST(HtmlTest, HeaderAndVerdictSummary) {
  const std::string html = Html(MakeScenario());
  EXPECT_NE(html.find("<p class=\"meta\">Aired <time datetime=\"2024-03-05T20:00:00Z\">2024-03-05"
                      "</time> · <a class=\"ext\" href=\"https://video.example/townhall\""),
            std::string::npos);
  EXPECT_NE(html.find("<p class=\"meta\">Checked by <a class=\"ext\" "
                      "href=\"https://dailycheck.example/\" target=\"_blank\" rel=\"noopener\">"
                      "The Daily Check</a></p>"),
            std::string::npos);
  // Scale order, then claims without a verdict by status, then the total.
  const std::vector<std::string> rows = {
      "<span class=\"badge v-true\">Mostly true</span></td><td class=\"n\">1</td>",
      "<span class=\"badge v-mixed\">Half true</span></td><td class=\"n\">1</td>",
      "<span class=\"badge v-false\">False</span></td><td class=\"n\">1</td>",
      "<span class=\"badge v-unrated\">Unverifiable</span></td><td class=\"n\">1</td>",
      "<span class=\"badge pending\">In review</span> <span class=\"note\">no verdict</span></td>"
      "<td class=\"n\">1</td>",
      "<span class=\"badge pending\">Disputed</span> <span class=\"note\">no verdict</span></td>"
      "<td class=\"n\">1</td>",
      "<span class=\"badge pending\">Dismissed</span> <span class=\"note\">no verdict</span></td>"
      "<td class=\"n\">1</td>",
      "<tfoot><tr><th>All claims</th><td class=\"n\">7</td></tr></tfoot>",
  };
  std::size_t at = html.find("<h2>Verdicts</h2>");
  ASSERT_NE(at, std::string::npos);
  for (const std::string& row : rows) {
    const std::size_t found = html.find(row, at);
    ASSERT_NE(found, std::string::npos) << row;
    at = found;
  }
  EXPECT_EQ(html.find(">True</span>"), std::string::npos);  // no row for a count of zero
  EXPECT_NE(html.find("Exported from Factdesk on <time datetime=\"2024-03-09T08:00:00Z\">"),
            std::string::npos);
}

TEST(HtmlTest, ClaimThatDoesNotFitIsCardedNotHighlighted) {
  Scenario s = MakeScenario();
  for (ClaimRecord& record : s.claims) {
    if (record.claim.id() == 102) record.claim.set_start_byte(10);  // inside a character
  }
  const std::string html = Html(s);
  EXPECT_EQ(html.find("id=\"claim-102\""), std::string::npos);
  EXPECT_NE(html.find("<span class=\"ref\">[2]</span>"), std::string::npos);
  EXPECT_NE(html.find("<blockquote class=\"quote\">出口增长了百分之二十</blockquote>"),
            std::string::npos);
  ExpectWellNested(html);
}

TEST(HtmlTest, DeskReportSaysItIsInternal) {
  const std::string html = Html(MakeScenario());
  EXPECT_NE(html.find("<p class=\"internal\">Internal desk file: every claim and where it "
                      "stands, including checks not yet published. Do not publish.</p>"),
            std::string::npos);
  EXPECT_EQ(PublicHtml(MakeScenario()).find("class=\"internal\""), std::string::npos);
}

TEST(HtmlTest, PublicReportHasOnlyPublishedClaims) {
  const std::string html = PublicHtml(MakeScenario());
  for (const char* id : {"102", "103", "104", "106", "107"}) {
    EXPECT_EQ(html.find(std::string("data-claim=\"") + id + "\""), std::string::npos) << id;
    EXPECT_EQ(html.find(std::string("id=\"card-") + id + "\""), std::string::npos) << id;
  }
  // Nothing of the unpublished checks: verdicts, rationales, sources.
  EXPECT_EQ(html.find("Exports grew by 20 percent"), std::string::npos);
  EXPECT_EQ(html.find("Customs data shows"), std::string::npos);
  EXPECT_EQ(html.find("Taxes rose; wages were flat."), std::string::npos);
  EXPECT_EQ(html.find("trade.example.cn"), std::string::npos);
  // The transcript itself is all there; unpublished claims are plain text in it.
  EXPECT_NE(html.find("<p class=\"text\">Taxes rose and wages fell at the same time.</p>"),
            std::string::npos);
  // Published cards carry their verdict, without the desk's state badge.
  EXPECT_NE(html.find("<a class=\"ref\" href=\"#claim-101\">[1]</a> <span class=\"badge "
                      "v-true\">Mostly true</span> <span class=\"claimant\">"),
            std::string::npos);
  EXPECT_EQ(html.find("badge pending state"), std::string::npos);
  // The summary counts published checks only.
  EXPECT_NE(html.find("<tfoot><tr><th>All claims</th><td class=\"n\">2</td></tr></tfoot>"),
            std::string::npos);
  EXPECT_EQ(html.find("no verdict"), std::string::npos);
  ExpectWellNested(html);
}

TEST(HtmlTest, PublicCardShowsDecisionAndCorrection) {
  const std::string html = PublicHtml(MakeScenario());
  const std::size_t card = html.find("id=\"card-105\"");
  ASSERT_NE(card, std::string::npos);
  const std::string body = html.substr(card, html.find("</aside>", card) - card);
  EXPECT_NE(body.find("<div class=\"decision\"><p><strong>Editor's decision</strong></p><p "
                      "class=\"rationale\">Two reviews differed; the police figures are not "
                      "public.</p></div>"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<p class=\"correction\">Corrected on 2024-03-09: The draft we cited "
                      "(&lt;/script&gt;) was withdrawn (earlier verdict: Mostly false)</p>"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<span class=\"badge v-unrated\">Unverifiable</span>"), std::string::npos);
  // The uncorrected card has no notice.
  const std::size_t first = html.find("id=\"card-101\"");
  EXPECT_EQ(html.substr(first, html.find("</aside>", first) - first).find("Corrected"),
            std::string::npos);
}

TEST(HtmlTest, PublicReportWithNothingPublished) {
  Scenario s = MakeScenario();
  for (ClaimRecord& record : s.claims) {
    if (record.claim.status() == v1::CLAIM_STATUS_PUBLISHED) {
      record.claim.set_status(v1::CLAIM_STATUS_RESOLVED);
    }
  }
  const std::string html = PublicHtml(s);
  EXPECT_EQ(html.find("<mark"), std::string::npos);
  EXPECT_EQ(html.find("<aside"), std::string::npos);
  EXPECT_NE(html.find("No checks of this transcript have been published."), std::string::npos);
  ExpectWellNested(html);
}

TEST(HtmlTest, NoPublisherNoClaims) {
  Scenario s = MakeScenario();
  s.context.workspace.clear_publisher();
  s.claims.clear();
  const std::string html = Html(s);
  EXPECT_NE(html.find("<p class=\"meta\">Checked by Town Hall Desk</p>"), std::string::npos);
  EXPECT_NE(html.find("No claims were marked in this transcript."), std::string::npos);
  EXPECT_EQ(html.find("<mark"), std::string::npos);
  ExpectWellNested(html);
}

}  // namespace
}  // namespace factdesk::exporting
