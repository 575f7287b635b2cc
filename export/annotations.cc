// W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/): one "assessing"
// Annotation per claim, in an AnnotationCollection whose single, embedded page holds them.
// A desk file: every claim (or only PUBLISHED ones with --published-only), its state as a
// "tagging" body and each correction as an "editing" body.
//
// Streaming: the collection is one JSON object written as it goes; `total` is a property
// like any other, so it comes last, after the items, once the count is known.
//
// Positions: the TextPositionSelector counts Unicode code points (the model's
// "characters"), not UTF-8 bytes or UTF-16 units, within the text of the claim's segment,
// which is the target's source ("urn:factdesk:segment:<id>"); the transcript's page or
// recording is the target's scope. A timed segment of a transcript with a URL adds a
// second target: the recording with a Media Fragments time selector.
#include <cstdint>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "export/formats.h"
#include "export/formatting.h"

namespace factdesk::exporting {
namespace {

using json = nlohmann::ordered_json;

std::string Urn(std::string_view kind, std::int64_t id) {
  return fmt::format("urn:factdesk:{}:{}", kind, id);
}

json Agent(const v1::User& user) {
  json agent = {{"id", Urn("user", user.id())}, {"type", "Person"}};
  if (!user.display_name().empty()) agent["name"] = user.display_name();
  if (!user.handle().empty()) agent["nickname"] = user.handle();
  return agent;
}

json Bodies(const ClaimRecord& record) {
  const v1::Claim& claim = record.claim;
  json bodies = json::array();
  bodies.push_back({{"type", "TextualBody"},
                    {"purpose", "describing"},
                    {"format", "text/plain"},
                    {"value", claim.summary().empty() ? claim.quote() : claim.summary()}});
  if (const v1::Verdict* verdict = CheckedVerdict(claim)) {
    bodies.push_back({{"type", "TextualBody"},
                      {"purpose", "assessing"},
                      {"format", "text/plain"},
                      {"value", verdict->label()}});
  }
  // Where the claim stands on the desk (this is a desk file), and its corrections.
  bodies.push_back({{"type", "TextualBody"},
                    {"purpose", "tagging"},
                    {"format", "text/plain"},
                    {"value", std::string(StatusName(claim.status()))}});
  for (const v1::ClaimCorrection& correction : record.corrections) {
    bodies.push_back({{"type", "TextualBody"},
                      {"purpose", "editing"},
                      {"format", "text/plain"},
                      {"value", CorrectionNotice(correction)}});
  }
  // Sources are the evidence the assessment links to.
  for (const v1::Source& source : record.sources) {
    if (source.removed() || source.url().empty()) continue;
    bodies.push_back(
        {{"type", "SpecificResource"}, {"purpose", "linking"}, {"source", source.url()}});
  }
  return bodies;
}

json Targets(const ClaimRecord& record) {
  const v1::Claim& claim = record.claim;
  const v1::Segment& segment = record.segment;
  const v1::Transcript& transcript = record.transcript;

  json quote = {{"type", "TextQuoteSelector"}, {"exact", claim.quote()}};
  if (!claim.prefix().empty()) quote["prefix"] = claim.prefix();
  if (!claim.suffix().empty()) quote["suffix"] = claim.suffix();
  json selectors = json::array({std::move(quote)});
  if (const auto range = ClaimRange(claim, segment.text())) {
    const std::string_view text = segment.text();
    const std::size_t start = utf8::CodePointCount(text.substr(0, range->start));
    const std::size_t length =
        utf8::CodePointCount(text.substr(range->start, range->end - range->start));
    selectors.push_back(
        {{"type", "TextPositionSelector"}, {"start", start}, {"end", start + length}});
  }
  json text_target = {
      {"type", "SpecificResource"},
      {"source", Urn("segment", segment.id() != 0 ? segment.id() : claim.segment_id())},
      {"scope",
       transcript.source_url().empty()
           ? Urn("transcript", transcript.id() != 0 ? transcript.id() : claim.transcript_id())
           : transcript.source_url()},
      {"selector", std::move(selectors)}};

  json targets = json::array({std::move(text_target)});
  if (!transcript.source_url().empty() && segment.has_start_ms() && segment.has_end_ms()) {
    const std::string fragment =
        fmt::format("t={:.3f},{:.3f}", static_cast<double>(segment.start_ms()) / 1000.0,
                    static_cast<double>(segment.end_ms()) / 1000.0);
    targets.push_back({{"type", "SpecificResource"},
                       {"source", transcript.source_url()},
                       {"selector",
                        {{"type", "FragmentSelector"},
                         {"conformsTo", "http://www.w3.org/TR/media-frags/"},
                         {"value", fragment}}}});
  }
  return targets;
}

class AnnotationsExporter final : public Exporter {
 public:
  std::string_view content_type() const override {
    return "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"";
  }
  std::string file_extension() const override { return "jsonld"; }

  void Begin(const ExportContext& context, const Sink& sink) override {
    generated_ = context.generated_at_iso;
    published_only_ = context.published_only;
    const std::string id = Urn("workspace", context.workspace.id()) + ":annotations";
    const json label = "Claims checked in " + context.workspace.name();
    // The head up to the opening of the items array; End closes what is opened here.
    sink(
        fmt::format("{{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":{},\"type\":"
                    "\"AnnotationCollection\",\"label\":{},\"first\":{{\"id\":{},\"type\":"
                    "\"AnnotationPage\",\"startIndex\":0,\"items\":[",
                    json(id).dump(),
                    EscapeScriptEnd(label.dump(-1, ' ', false, json::error_handler_t::replace)),
                    json(id + ":page:1").dump()));
  }

  void Add(const ClaimRecord& record, const Sink& sink) override {
    const v1::Claim& claim = record.claim;
    if (published_only_ && !IsPublished(claim)) return;
    json annotation = {
        {"id", Urn("claim", claim.id())}, {"type", "Annotation"}, {"motivation", "assessing"}};
    if (claim.has_created_by()) annotation["creator"] = Agent(claim.created_by());
    if (claim.has_created_at()) annotation["created"] = IsoDateTime(claim.created_at());
    if (claim.has_updated_at()) annotation["modified"] = IsoDateTime(claim.updated_at());
    annotation["generator"] = {
        {"id", "urn:factdesk:software"}, {"type", "Software"}, {"name", "Factdesk"}};
    if (!generated_.empty()) annotation["generated"] = generated_;
    annotation["body"] = Bodies(record);
    annotation["target"] = Targets(record);

    std::string text = total_ == 0 ? "\n" : ",\n";
    text += EscapeScriptEnd(annotation.dump(-1, ' ', false, json::error_handler_t::replace));
    sink(text);
    ++total_;
  }

  void End(const Sink& sink) override { sink(fmt::format("\n]}},\"total\":{}}}\n", total_)); }

 private:
  std::string generated_;
  bool published_only_ = false;
  std::int64_t total_ = 0;
};

}  // namespace

std::unique_ptr<Exporter> NewAnnotationsExporter() {
  return std::make_unique<AnnotationsExporter>();
}

}  // namespace factdesk::exporting
