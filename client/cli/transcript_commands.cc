// import, transcripts, show, search.
#include <algorithm>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "client/cli/claim_view.h"
#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/cli/search_hits.h"
#include "client/cli/segment_text.h"
#include "domain/language_tag.h"
#include "import/attribution.h"
#include "import/importer.h"
#include "import/preview_json.h"
#include "import/transcript_language.h"

namespace factdesk::cli {
namespace {

using TS = v1::TranscriptService::Stub;

struct ImportOptions {
  std::string file;
  std::string title;
  std::string format;
  std::string source_url;
  std::string aired_at;
  std::string speaker;
  std::string language;
  bool dry_run = false;
  int limit = 20;
};

std::string BaseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// YYYY-MM-DD as midnight UTC.
google::protobuf::Timestamp ParseDate(const std::string& text) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%d");
  if (in.fail() || !in.eof()) UsageError("--aired-at: must be a date as YYYY-MM-DD");
  google::protobuf::Timestamp t;
  t.set_seconds(timegm(&tm));
  return t;
}

// LIVE, CLOSED, or COMPLETE for a transcript imported whole (older servers leave it unset).
std::string StateText(const v1::Transcript& t) {
  return t.state() == v1::TRANSCRIPT_STATE_UNSPECIFIED ? "COMPLETE" : Upper(t.state());
}

// "und" for a transcript whose language could not be told (or an older server's).
std::string LanguageText(const v1::Transcript& t) {
  return t.language().empty() ? "und" : t.language();
}

std::string SpeakerList(const std::vector<std::string>& speakers) {
  std::string out;
  for (const auto& s : speakers) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The language the server will store: the one given, or its guess and why.
std::string PreviewLanguage(const std::string& given, const import::Transcript& t) {
  if (!given.empty()) return given + " (given)";
  const domain::LanguageGuess guess = import::GuessTranscriptLanguage(t);
  return fmt::format("{} (guessed: {}; --language sets it)", guess.tag, guess.why);
}

// `import --dry-run`: parse locally with the server's own importer, print the preview.
Status PreviewImport(Context& ctx, const ImportOptions& o, const std::string& bytes) {
  const import::Format format = o.format.empty() ? import::GuessFormat(BaseName(o.file), bytes)
                                                 : *import::ParseFormatName(o.format);
  import::Options options;
  options.speaker = o.speaker;
  FD_ASSIGN_OR_RETURN(const import::Transcript t, import::Parse(bytes, format, options));
  if (ctx.json()) {
    PrintJsonText(import::ToPreviewJson(t));
    return Status::Ok();
  }
  std::cout << fmt::format("format:   {}\nsegments: {}\nspeakers: {} ({})\nlanguage: {}\n",
                           import::FormatName(t.format), t.segments.size(), t.speakers.size(),
                           SpeakerList(t.speakers), PreviewLanguage(o.language, t));
  if (const std::string note = import::UnattributedNote(t); !note.empty()) {
    std::cout << "note:     " << note << "\n";
  }
  std::cout << "\n";
  const auto shown = std::min<std::size_t>(t.segments.size(), static_cast<std::size_t>(o.limit));
  // Times only for formats that have them.
  const bool timed = std::any_of(t.segments.begin(), t.segments.end(),
                                 [](const import::Segment& s) { return s.start_ms.has_value(); });
  Table table(timed ? std::vector<std::string>{"#", "KIND", "SPEAKER", "START", "END", "TEXT"}
                    : std::vector<std::string>{"#", "KIND", "SPEAKER", "TEXT"});
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& s = t.segments[i];
    std::vector<std::string> row = {std::to_string(SegmentNumber(s.ordinal)),
                                    std::string(import::SegmentKindName(s.kind)),
                                    s.speaker.empty() ? "-" : s.speaker};
    if (timed) row.insert(row.end(), {ClockTime(s.start_ms), ClockTime(s.end_ms)});
    row.push_back(Shorten(s.text, 80));
    table.Add(std::move(row));
  }
  table.Print(std::cout);
  if (shown < t.segments.size()) {
    std::cout << fmt::format("... and {} more segments\n", t.segments.size() - shown);
  }
  return Status::Ok();
}

Status Import(Context& ctx, const ImportOptions& o) {
  ImportOptions checked = o;
  if (!o.language.empty()) {
    FD_ASSIGN_OR_RETURN(checked.language, domain::NormalizeLanguageTag("language", o.language));
  }
  FD_ASSIGN_OR_RETURN(const std::string bytes, ReadInputFile("FILE", o.file));
  if (o.dry_run) return PreviewImport(ctx, checked, bytes);
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws.id());
  req.set_filename(BaseName(o.file));
  req.set_title(o.title);
  if (!o.format.empty()) req.set_format(*v1::EnumFromText<v1::TranscriptFormat>(o.format));
  req.set_content(bytes);
  req.set_source_url(o.source_url);
  req.set_speaker(o.speaker);
  req.set_language(checked.language);
  if (!o.aired_at.empty()) *req.mutable_aired_at() = ParseDate(o.aired_at);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&TS::ImportTranscript, req));
  const v1::Transcript& t = resp.transcript();
  if (ctx.json()) {
    PrintJson(ToJson(t));
  } else {
    std::cout << fmt::format(
        "imported transcript {} \"{}\" ({}, language {}): {} segments, {} speakers\n", t.id(),
        t.title(), Lower(t.format()), LanguageText(t), t.segment_count(), t.speakers_size());
  }
  return Status::Ok();
}

Status Transcripts(Context& ctx) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  std::vector<v1::Transcript> all;
  v1::ListTranscriptsRequest req;
  req.set_workspace_id(ws.id());
  req.set_page_size(500);
  FD_RETURN_IF_ERROR(api->Pages(&TS::ListTranscripts, req, [&](const auto& page) {
    all.insert(all.end(), page.transcripts().begin(), page.transcripts().end());
    return true;
  }));
  if (ctx.json()) {
    PrintJson(ToJsonArray(all));
    return Status::Ok();
  }
  Table table(
      {"ID", "TITLE", "FORMAT", "LANG", "STATE", "SEGMENTS", "SPEAKERS", "CLAIMS", "IMPORTED"});
  for (const auto& t : all) {
    table.Add({std::to_string(t.id()), Shorten(t.title(), 50), Lower(t.format()), LanguageText(t),
               StateText(t), std::to_string(t.segment_count()), std::to_string(t.speakers_size()),
               std::to_string(t.claim_count()),
               IsoDate(t.imported_at()) + " by " + t.imported_by().handle()});
  }
  table.Print(std::cout);
  return Status::Ok();
}

struct ShowOptions {
  std::int64_t transcript_id = 0;
  int from = 1;
  int limit = 0;
};

// `transcript show` as a table: the segments with their claims marked in the text.
void PrintTranscript(const v1::Transcript& t, const std::vector<v1::Segment>& segments,
                     const std::vector<v1::Claim>& claims) {
  std::map<std::int64_t, std::vector<ClaimMark>> marks;  // by segment id
  for (const auto& c : claims) {
    marks[c.segment_id()].push_back({c.id(), {c.start_byte(), c.end_byte()}, ClaimTag(c)});
  }
  std::cout << fmt::format("Transcript {}: {} ({}, {}, language {}, {} segments, {} claims)\n\n",
                           t.id(), t.title(), Lower(t.format()), StateText(t), LanguageText(t),
                           t.segment_count(), claims.size());
  bool timed = false;
  for (const auto& s : segments) timed = timed || s.has_start_ms();
  std::vector<std::string> headers = {"#"};
  if (timed) headers.emplace_back("TIME");
  headers.insert(headers.end(), {"SPEAKER", "TEXT"});
  Table table(headers);
  for (const auto& s : segments) {
    std::vector<std::string> row = {std::to_string(SegmentNumber(s.ordinal()))};
    if (timed)
      row.push_back(ClockTime(s.has_start_ms() ? std::optional(s.start_ms()) : std::nullopt));
    // Cues and captions have no speaker: their kind stands in its column.
    row.push_back(s.kind() == v1::SEGMENT_KIND_SPEECH ? s.speaker() : "[" + Lower(s.kind()) + "]");
    const auto it = marks.find(s.id());
    row.push_back(it == marks.end() ? s.text() : MarkClaims(s.text(), it->second));
    table.Add(std::move(row));
  }
  table.Print(std::cout, 0, TerminalWidth());
}

Status Show(Context& ctx, const ShowOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::GetTranscriptRequest get;
  get.set_transcript_id(o.transcript_id);
  FD_ASSIGN_OR_RETURN(const v1::Transcript t, api->Call(&TS::GetTranscript, get));

  std::vector<v1::Segment> segments;
  v1::ListSegmentsRequest req;
  req.set_transcript_id(t.id());
  req.set_from_ordinal(ApiOrdinal(o.from));
  req.set_page_size(o.limit > 0 ? std::min(o.limit, 500) : 500);
  FD_RETURN_IF_ERROR(api->Pages(&TS::ListSegments, req, [&](const auto& page) {
    for (const auto& s : page.segments()) {
      if (o.limit > 0 && static_cast<int>(segments.size()) == o.limit) return false;
      segments.push_back(s);
    }
    return o.limit == 0 || static_cast<int>(segments.size()) < o.limit;
  }));

  // The transcript's claims, to mark in the text.
  std::vector<v1::Claim> claims;
  v1::ListClaimsRequest claims_req;
  claims_req.set_workspace_id(t.workspace_id());
  claims_req.set_transcript_id(t.id());
  claims_req.set_page_size(500);
  FD_RETURN_IF_ERROR(
      api->Pages(&v1::ClaimService::Stub::ListClaims, claims_req, [&](const auto& page) {
        claims.insert(claims.end(), page.claims().begin(), page.claims().end());
        return true;
      }));
  if (ctx.json()) {
    PrintJson({{"transcript", ToJson(t)},
               {"segments", ToJsonArray(segments)},
               {"claims", ToJsonArray(claims)}});
    return Status::Ok();
  }

  PrintTranscript(t, segments, claims);
  return Status::Ok();
}

struct SearchOptions {
  std::string query;
  std::int64_t transcript_id = 0;
  int limit = 20;
};

Status Search(Context& ctx, const SearchOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::SearchSegmentsRequest req;
  req.set_workspace_id(ws.id());
  req.set_transcript_id(o.transcript_id);
  req.set_query(o.query);
  req.set_page_size(std::min(o.limit, 500));
  SearchHits<v1::SearchHit> found;
  FD_RETURN_IF_ERROR(ReadSearchHits(*api, &TS::SearchSegments, req, o.limit, found));
  const std::vector<v1::SearchHit>& hits = found.hits;
  const int total = found.total;
  if (ctx.json()) {
    PrintJson(ToJsonArray(hits));
    return Status::Ok();
  }
  const bool terminal = StdoutIsTerminal();
  Table table({"TRANSCRIPT", "#", "SPEAKER", "SNIPPET"});
  for (const auto& h : hits) {
    table.Add({fmt::format("{} {}", h.segment().transcript_id(), Shorten(h.transcript_title(), 30)),
               std::to_string(SegmentNumber(h.segment().ordinal())),
               h.segment().speaker().empty() ? "[" + Lower(h.segment().kind()) + "]"
                                             : h.segment().speaker(),
               RenderSnippet(h.snippet(), terminal)});
  }
  table.Print(std::cout, 0, TerminalWidth());
  std::cout << fmt::format("{} of {} hits\n", hits.size(), total);
  return Status::Ok();
}

}  // namespace

void AddTranscriptCommands(Context& ctx, CLI::App& app) {
  const std::vector<std::string> formats = {"text", "vtt", "srt", "tsv"};
  {
    auto o = std::make_shared<ImportOptions>();
    auto* cmd = ctx.Command(app, "import",
                            "Import a transcript (or preview it without a server: --dry-run)",
                            [&ctx, o] { return Import(ctx, *o); });
    cmd->add_option("FILE", o->file, "Transcript file")->required();
    ctx.AddWorkspaceOption(cmd);
    cmd->add_option("--title", o->title, "Title (default: the file name)");
    cmd->add_option("--format", o->format, "text, vtt, srt or tsv (default: guessed)")
        ->check(CLI::IsMember(formats, CLI::ignore_case));
    cmd->add_option("--source-url", o->source_url, "Where the recording lives");
    cmd->add_option("--aired-at", o->aired_at, "When it aired, YYYY-MM-DD");
    cmd->add_option("--speaker", o->speaker,
                    "Who speaks the text no \"Name:\" label attributes (required for plain "
                    "text that names nobody)");
    cmd->add_option("--language", o->language,
                    "BCP 47 tag of its language: en, de, es, zh-Hans... (default: guessed)");
    cmd->add_flag("--dry-run", o->dry_run, "Parse locally and print a preview; send nothing");
    cmd->add_option("--limit", o->limit, "Segments in the --dry-run preview (default 20)")
        ->check(CLI::NonNegativeNumber);
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(app, "transcripts", "List a workspace's transcripts",
                            [&ctx] { return Transcripts(ctx); });
    ctx.AddWorkspaceOption(cmd);
    ctx.AddJsonFlag(cmd);
  }
  {
    auto o = std::make_shared<ShowOptions>();
    auto* cmd = ctx.Command(app, "show", "Print a transcript's segments with its claims marked",
                            [&ctx, o] { return Show(ctx, *o); });
    cmd->add_option("TRANSCRIPT_ID", o->transcript_id, "Transcript id")->required();
    cmd->add_option("--from", o->from, "First segment to print (numbered from 1)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--limit", o->limit, "Segments to print (default: all)")
        ->check(CLI::NonNegativeNumber);
    ctx.AddJsonFlag(cmd);
  }
  {
    auto o = std::make_shared<SearchOptions>();
    auto* cmd = ctx.Command(app, "search", "Full-text search over a workspace's segments",
                            [&ctx, o] { return Search(ctx, *o); });
    cmd->add_option("QUERY", o->query, "Words, \"quoted phrases\", -excluded, OR")->required();
    ctx.AddWorkspaceOption(cmd);
    cmd->add_option("--transcript", o->transcript_id, "Only this transcript");
    cmd->add_option("--limit", o->limit, "Hits to print (default 20)")->check(CLI::PositiveNumber);
    ctx.AddJsonFlag(cmd);
  }
}

}  // namespace factdesk::cli
