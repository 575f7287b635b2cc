// One standalone HTML5 report of a transcript: every segment with its speaker and times,
// claims highlighted in the text, a card per claim (verdict, summary, review rationales,
// sources) and a verdict summary at the end. For the public (the default) only PUBLISHED
// claims appear, each with its verdict, the editor's reasoning when a dispute was decided,
// its sources and a notice per correction; for the desk every claim appears, its card
// stating its state, under a banner saying the file is internal. No scripts and no external assets:
// the CSS is inline, and the only URLs are links (sources, the recording, the publisher), so the
// file can be mailed, archived and printed as it is. Every piece of text is escaped.
//
// Overlapping claims: the segment text is cut at every claim boundary, and each piece is
// wrapped in one <mark> per claim covering it (outermost first), so the markup always
// nests, and overlaps show as stacked highlights.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "export/formats.h"
#include "export/formatting.h"
#include "proto/labels.h"

namespace factdesk::exporting {
namespace {

constexpr std::string_view kStyle = R"css(
:root{color-scheme:light}
body{font:16px/1.55 Georgia,"Times New Roman",serif;color:#1d1d1f;background:#fff;max-width:46rem;margin:2rem auto;padding:0 1rem}
header{border-bottom:2px solid #1d1d1f;margin-bottom:1.5rem}
.kicker{font:600 .8rem/1 system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#666;margin:0}
h1{margin:.3rem 0 .5rem;font-size:1.9rem;line-height:1.2}
.meta{font:.9rem system-ui,sans-serif;color:#555;margin:.2rem 0}
.seg{margin:0 0 1rem}
.who{font:600 .85rem system-ui,sans-serif;margin:0;color:#333}
.time{font:400 .8rem ui-monospace,Menlo,Consolas,monospace;color:#777;margin-left:.4rem}
.text{margin:.15rem 0}
.seg.cue .text,.seg.caption .text{font-style:italic;color:#666;font-size:.92rem}
.seg.caption .text{border-left:3px solid #ccc;padding-left:.6rem}
mark{background:#fff1a8;color:inherit;padding:0 1px;border-radius:2px}
mark mark{border-bottom:2px solid #444}
mark.v-true{background:#cfeed5}
mark.v-mixed{background:#fde3ad}
mark.v-false{background:#f8cbc5}
mark.v-unrated{background:#e3e3f0}
mark.st-dismissed{background:#eee;text-decoration:line-through}
.ref{font:600 .7rem system-ui,sans-serif;vertical-align:super;text-decoration:none;color:#555}
.card{font:.9rem/1.45 system-ui,sans-serif;border:1px solid #d6d6d6;border-left:4px solid #999;border-radius:4px;padding:.5rem .75rem;margin:.5rem 0 .9rem 1.25rem;background:#fafafa}
.card.v-true{border-left-color:#2e8b47}
.card.v-mixed{border-left-color:#c98a00}
.card.v-false{border-left-color:#c0392b}
.card p{margin:.25rem 0}
.badge{display:inline-block;font:700 .75rem/1.4 system-ui,sans-serif;padding:0 .45rem;border-radius:3px;background:#777;color:#fff}
.badge.v-true{background:#2e8b47}
.badge.v-mixed{background:#b07800}
.badge.v-false{background:#c0392b}
.badge.v-unrated{background:#5a5a7a}
.badge.pending{background:#fff;color:#555;border:1px solid #aaa}
.claimant{color:#555}
.quote{margin:.3rem 0;padding-left:.6rem;border-left:2px solid #ccc;color:#444}
.review{margin:.35rem 0}
.rationale{white-space:pre-wrap}
.sources{margin:.3rem 0;padding-left:1.1rem}
.note{color:#666;font-size:.8rem}
.internal{font:700 .9rem system-ui,sans-serif;background:#7a1f1f;color:#fff;padding:.5rem .75rem;border-radius:4px}
.decision,.correction{margin:.35rem 0}
.correction{border-left:3px solid #c98a00;padding-left:.5rem}
table{border-collapse:collapse;font:.9rem system-ui,sans-serif;margin:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.3rem .8rem;text-align:left}
td.n{text-align:right}
footer{margin-top:2rem;border-top:1px solid #ccc;font:.8rem system-ui,sans-serif;color:#666}
@media print{
body{max-width:none;margin:0;font-size:11pt}
.card{break-inside:avoid;background:#fff}
.seg{break-inside:avoid-page}
a{color:inherit;text-decoration:none}
.card a.ext::after{content:" <" attr(href) ">";font-size:.75rem;color:#555;word-break:break-all}
mark,.badge{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
)css";

void AppendEscaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string Escaped(std::string_view text) {
  std::string out;
  AppendEscaped(out, text);
  return out;
}

// A link only for http(s) URLs; anything else (never stored, but) stays inert text.
void AppendLink(std::string& out, std::string_view url, std::string_view text) {
  if (!IsWebUrl(url)) {
    AppendEscaped(out, text);
    return;
  }
  out += "<a class=\"ext\" href=\"";
  AppendEscaped(out, url);
  out += "\" target=\"_blank\" rel=\"noopener\">";
  AppendEscaped(out, text);
  out += "</a>";
}

std::string_view ToneClass(VerdictTone tone) {
  switch (tone) {
    case VerdictTone::kTrue:
      return "v-true";
    case VerdictTone::kMixed:
      return "v-mixed";
    case VerdictTone::kFalse:
      return "v-false";
    case VerdictTone::kUnrated:
      break;
  }
  return "v-unrated";
}

std::string StatusClass(v1::ClaimStatus status) {
  std::string name = "st-" + std::string(StatusName(status));
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

// Classes shared by a claim's highlight and card: its status and, once checked, its tone.
std::string ClaimClasses(const v1::Claim& claim) {
  std::string classes = StatusClass(claim.status());
  if (const v1::Verdict* verdict = CheckedVerdict(claim)) {
    classes += ' ';
    classes += ToneClass(ToneOf(*verdict));
  }
  return classes;
}

std::string TimeSpan(const v1::Segment& segment) {
  if (!segment.has_start_ms()) return {};
  // Whole seconds read better; the exact times are in the VTT and CSV exports.
  auto clock = [](std::int64_t ms) { return ClockTime(ms).substr(0, 8); };
  std::string span = clock(segment.start_ms());
  if (segment.has_end_ms()) span += "–" + clock(segment.end_ms());
  return span;
}

std::string_view DismissReasonText(v1::DismissReason reason) {
  switch (reason) {
    case v1::DISMISS_REASON_OPINION:
      return "an opinion";
    case v1::DISMISS_REASON_PREDICTION:
      return "a prediction";
    case v1::DISMISS_REASON_NOT_CHECKABLE:
      return "not checkable";
    case v1::DISMISS_REASON_NOT_A_CLAIM:
      return "not a claim";
    case v1::DISMISS_REASON_DUPLICATE:
      return "a duplicate";
    default:
      return {};
  }
}

std::string_view KindClass(v1::SegmentKind kind) {
  switch (kind) {
    case v1::SEGMENT_KIND_CUE:
      return "cue";
    case v1::SEGMENT_KIND_CAPTION:
      return "caption";
    default:
      return "speech";
  }
}

// One claim as the segment renderer sees it.
struct Placed {
  const ClaimRecord* record;
  int number;                      // running footnote number in the report
  std::optional<ByteRange> range;  // nullopt: not highlighted
};

class HtmlExporter final : public TranscriptExporter {
 public:
  std::string_view content_type() const override { return "text/html; charset=utf-8"; }
  std::string file_extension() const override { return "html"; }

  Status Begin(const ExportContext& context, const v1::Transcript& transcript,
               const Sink& sink) override {
    generated_ = context.generated_at_iso;
    language_ = ContentLanguage(transcript);
    desk_ = context.audience == v1::EXPORT_AUDIENCE_DESK;
    // The summary lists verdicts in the scale's order; labels no longer on it follow.
    for (const v1::RatingLabel& label : context.workspace.rating_scale().labels()) {
      tally_.push_back({label.label(), 0, VerdictTone::kUnrated});
    }
    const std::string title = transcript.title().empty() ? "Transcript" : transcript.title();
    std::string out =
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"Factdesk\">\n<title>";
    AppendEscaped(out, title);
    out += " — fact-check</title>\n<style>";
    out += kStyle;
    out += "</style>\n</head>\n<body>\n<header>\n<p class=\"kicker\">Fact-check</p>\n<h1>";
    AppendEscaped(out, title);
    out += "</h1>\n";
    if (transcript.has_aired_at() || !transcript.source_url().empty()) {
      out += "<p class=\"meta\">";
      if (transcript.has_aired_at()) {
        out += "Aired <time datetime=\"" + IsoDateTime(transcript.aired_at()) + "\">" +
               IsoDate(transcript.aired_at()) + "</time>";
        if (!transcript.source_url().empty()) out += " · ";
      }
      if (!transcript.source_url().empty()) AppendLink(out, transcript.source_url(), "Recording");
      out += "</p>\n";
    }
    const v1::Publisher& publisher = context.workspace.publisher();
    const std::string& by = publisher.name().empty() ? context.workspace.name() : publisher.name();
    if (!by.empty()) {
      out += "<p class=\"meta\">Checked by ";
      if (publisher.url().empty()) {
        AppendEscaped(out, by);
      } else {
        AppendLink(out, publisher.url(), by);
      }
      out += "</p>\n";
    }
    if (desk_) {
      out +=
          "<p class=\"internal\">Internal desk file: every claim and where it stands, "
          "including checks not yet published. Do not publish.</p>\n";
    }
    out += "</header>\n<main>\n";
    sink(out);
    return Status::Ok();
  }

  void AddSegment(const v1::Segment& segment, std::span<const ClaimRecord> claims,
                  const Sink& sink) override {
    std::vector<Placed> placed;
    placed.reserve(claims.size());
    for (const ClaimRecord& record : claims) {
      if (!desk_ && !IsPublished(record.claim)) continue;  // only published checks are public
      std::optional<ByteRange> range = ClaimRange(record.claim, segment.text());
      if (range && range->start == range->end) range.reset();  // nothing to highlight
      placed.push_back({&record, 0, range});
    }
    // Text order; at one start the longer claim is the outer highlight.
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
      const auto key = [](const Placed& p) {
        return std::make_tuple(p.record->claim.start_byte(), -p.record->claim.end_byte(),
                               p.record->claim.id());
      };
      return key(a) < key(b);
    });
    for (Placed& p : placed) p.number = ++claim_count_;

    std::string out = fmt::format("<section class=\"seg {}\" id=\"seg-{}\">\n",
                                  KindClass(segment.kind()), segment.ordinal());
    const std::string time = TimeSpan(segment);
    if (!segment.speaker().empty() || !time.empty()) {
      out += "<p class=\"who\">";
      if (!segment.speaker().empty()) {
        out += "<span class=\"speaker\">";
        AppendEscaped(out, segment.speaker());
        out += "</span>";
      }
      if (!time.empty()) out += "<span class=\"time\">" + time + "</span>";
      out += "</p>\n";
    }
    // The page's own words are English; the transcript's are in its language.
    out += "<p class=\"text\"";
    if (!language_.empty()) {
      out += " lang=\"";
      AppendEscaped(out, language_);
      out += "\"";
    }
    out += ">";
    AppendHighlighted(out, segment.text(), placed);
    out += "</p>\n";
    for (const Placed& p : placed) {
      AppendCard(out, p, desk_);
      Count(p.record->claim);
    }
    out += "</section>\n";
    sink(out);
  }

  void End(const Sink& sink) override {
    std::string out = "</main>\n<section class=\"verdicts\">\n<h2>Verdicts</h2>\n";
    if (claim_count_ == 0) {
      out += desk_ ? "<p>No claims were marked in this transcript.</p>\n"
                   : "<p>No checks of this transcript have been published.</p>\n";
    } else {
      out += "<table>\n<thead><tr><th>Verdict</th><th>Claims</th></tr></thead>\n<tbody>\n";
      for (const Tally& row : tally_) {
        if (row.count == 0) continue;
        out += fmt::format(
            "<tr><td><span class=\"badge {}\">{}</span></td><td class=\"n\">{}</td></tr>\n",
            ToneClass(row.tone), Escaped(row.label), row.count);
      }
      // Claims without a current verdict, by where they stand.
      for (const v1::ClaimStatus status :
           {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW, v1::CLAIM_STATUS_DISPUTED,
            v1::CLAIM_STATUS_RESOLVED, v1::CLAIM_STATUS_PUBLISHED, v1::CLAIM_STATUS_DISMISSED,
            v1::CLAIM_STATUS_UNSPECIFIED}) {
        const int count = unchecked_[static_cast<std::size_t>(status)];
        if (count == 0) continue;
        out += fmt::format(
            "<tr><td><span class=\"badge pending\">{}</span> <span class=\"note\">no verdict"
            "</span></td><td class=\"n\">{}</td></tr>\n",
            v1::ClaimStatusLabel(status), count);
      }
      out += fmt::format(
          "</tbody>\n<tfoot><tr><th>All claims</th><td class=\"n\">{}</td></tr></tfoot>\n"
          "</table>\n",
          claim_count_);
    }
    out += "</section>\n<footer>\n<p>Exported from Factdesk";
    if (!generated_.empty()) {
      out +=
          " on <time datetime=\"" + Escaped(generated_) + "\">" + Escaped(generated_) + "</time>";
    }
    out += ".</p>\n</footer>\n</body>\n</html>\n";
    sink(out);
  }

 private:
  struct Tally {
    std::string label;
    int count = 0;
    VerdictTone tone = VerdictTone::kUnrated;
  };

  // Cuts `text` at every boundary of a highlighted claim; each piece is wrapped in a mark
  // per covering claim, and a claim's footnote reference follows its last piece.
  static void AppendHighlighted(std::string& out, std::string_view text,
                                const std::vector<Placed>& placed) {
    std::vector<std::size_t> cuts = {0, text.size()};
    for (const Placed& p : placed) {
      if (!p.range) continue;
      cuts.push_back(p.range->start);
      cuts.push_back(p.range->end);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<bool> opened(placed.size(), false);
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      const std::size_t from = cuts[i];
      const std::size_t to = cuts[i + 1];
      int depth = 0;
      for (std::size_t k = 0; k < placed.size(); ++k) {  // placed is outermost-first
        const Placed& p = placed[k];
        if (!p.range || p.range->start > from || p.range->end < to) continue;
        const std::int64_t id = p.record->claim.id();
        out += "<mark class=\"claim " + ClaimClasses(p.record->claim) + "\"";
        if (!opened[k]) out += fmt::format(" id=\"claim-{}\"", id);
        out += fmt::format(" data-claim=\"{}\">", id);
        opened[k] = true;
        ++depth;
      }
      AppendEscaped(out, text.substr(from, to - from));
      for (int d = 0; d < depth; ++d) out += "</mark>";
      for (const Placed& p : placed) {
        if (p.range && p.range->end == to) {
          out += fmt::format("<a class=\"ref\" href=\"#card-{}\">[{}]</a>", p.record->claim.id(),
                             p.number);
        }
      }
    }
  }

  static void AppendCard(std::string& out, const Placed& p, bool desk) {
    const v1::Claim& claim = p.record->claim;
    out += fmt::format("<aside class=\"card {}\" id=\"card-{}\">\n<p>", ClaimClasses(claim),
                       claim.id());
    AppendCardHeading(out, p, desk);
    out += "</p>\n<p class=\"summary\">";
    AppendEscaped(out, claim.summary().empty() ? claim.quote() : claim.summary());
    out += "</p>\n";
    if (!p.range && !claim.quote().empty()) {
      out += "<blockquote class=\"quote\">";
      AppendEscaped(out, claim.quote());
      out += "</blockquote>\n";
    }
    // Rationales are published with the verdict, never before (the blind rule).
    if (IsChecked(claim)) {
      AppendDecision(out, p.record->decision_reasoning);
      AppendReviews(out, p.record->reviews);
    }
    AppendSources(out, p.record->sources);
    AppendCorrections(out, p.record->corrections);
    out += "</aside>\n";
  }

  // The card's first line: its number, the verdict (or where the claim stands) and
  // who made the claim.
  static void AppendCardHeading(std::string& out, const Placed& p, bool desk) {
    const v1::Claim& claim = p.record->claim;
    if (p.range) {
      out += fmt::format("<a class=\"ref\" href=\"#claim-{}\">[{}]</a> ", claim.id(), p.number);
    } else {
      out += fmt::format("<span class=\"ref\">[{}]</span> ", p.number);
    }
    if (const v1::Verdict* verdict = CheckedVerdict(claim); verdict != nullptr) {
      out += fmt::format("<span class=\"badge {}\">", ToneClass(ToneOf(*verdict)));
      AppendEscaped(out, verdict->label());
      out += "</span>";
      if (desk) {
        out += fmt::format(" <span class=\"badge pending state\">{}</span>",
                           v1::ClaimStatusLabel(claim.status()));
      }
    } else {
      out += fmt::format("<span class=\"badge pending state\">{}</span>",
                         v1::ClaimStatusLabel(claim.status()));
      const std::string_view why = claim.status() == v1::CLAIM_STATUS_DISMISSED
                                       ? DismissReasonText(claim.dismiss_reason())
                                       : std::string_view();
      if (!why.empty()) out += fmt::format(" <span class=\"note\">{}</span>", why);
    }
    if (!claim.claimant().empty()) {
      out += " <span class=\"claimant\">Claim by ";
      AppendEscaped(out, claim.claimant());
      out += "</span>";
    }
  }

  static void AppendDecision(std::string& out, const std::string& reasoning) {
    if (reasoning.empty()) return;
    out +=
        "<div class=\"decision\"><p><strong>Editor's decision</strong></p>"
        "<p class=\"rationale\">";
    AppendEscaped(out, reasoning);
    out += "</p></div>\n";
  }

  static void AppendCorrections(std::string& out,
                                const std::vector<v1::ClaimCorrection>& corrections) {
    for (const v1::ClaimCorrection& correction : corrections) {
      out += "<p class=\"correction\">";
      AppendEscaped(out, CorrectionNotice(correction));
      out += "</p>\n";
    }
  }

  static void AppendReviews(std::string& out, const std::vector<v1::Review>& reviews) {
    for (const v1::Review& review : reviews) {
      if (review.hidden() || review.rationale().empty()) continue;
      out += "<div class=\"review\"><p><strong>";
      AppendEscaped(out, v1::NameOf(review.reviewer()));
      out += "</strong>";
      if (!review.verdict().label().empty()) {
        out += " · ";
        AppendEscaped(out, review.verdict().label());
      }
      out += "</p><p class=\"rationale\">";
      AppendEscaped(out, review.rationale());
      out += "</p></div>\n";
    }
  }

  static void AppendSources(std::string& out, const std::vector<v1::Source>& sources) {
    bool any_source = false;
    for (const v1::Source& source : sources) {
      if (source.removed() || source.url().empty()) continue;
      out += any_source ? "" : "<ul class=\"sources\">\n";
      any_source = true;
      out += "<li>";
      AppendLink(out, source.url(), source.title().empty() ? source.url() : source.title());
      if (!source.publisher().empty()) {
        out += " — ";
        AppendEscaped(out, source.publisher());
      }
      out += fmt::format(" <span class=\"note\">({}{})</span>", v1::StanceLabel(source.stance()),
                         source.primary() ? ", primary source" : "");
      if (!source.archived_url().empty()) {
        out += " ";
        AppendLink(out, source.archived_url(), "archived copy");
      }
      out += "</li>\n";
    }
    if (any_source) out += "</ul>\n";
  }

  void Count(const v1::Claim& claim) {
    const v1::Verdict* verdict = CheckedVerdict(claim);
    if (verdict == nullptr) {
      const auto status = static_cast<std::size_t>(claim.status());
      ++unchecked_[status < unchecked_.size() ? status : 0];
      return;
    }
    auto row = std::find_if(tally_.begin(), tally_.end(),
                            [&](const Tally& t) { return t.label == verdict->label(); });
    if (row == tally_.end()) row = tally_.insert(tally_.end(), {verdict->label(), 0, {}});
    if (row->count == 0) row->tone = ToneOf(*verdict);
    ++row->count;
  }

  std::string generated_;
  std::string language_;  // the transcript's tag; empty when unknown
  bool desk_ = false;
  std::vector<Tally> tally_;
  std::array<int, 7> unchecked_{};  // by ClaimStatus number
  int claim_count_ = 0;
};

}  // namespace

std::unique_ptr<TranscriptExporter> NewHtmlExporter() {
  return std::make_unique<HtmlExporter>();
}

}  // namespace factdesk::exporting
