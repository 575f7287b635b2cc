// export: a workspace's or transcript's checks as ClaimReview, annotations, CSV, HTML, VTT.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "client/cli/context.h"
#include "client/cli/control_filter.h"
#include "proto/enum_text.h"

namespace factdesk::cli {
namespace {

struct ExportOptions {
  std::string format;
  std::int64_t transcript_id = 0;
  std::string output;
  std::string audience = "public";
  bool audience_given = false;
  bool published_only = false;
};

// html and vtt render one transcript. Without --transcript: the workspace's only one, or
// INVALID_ARGUMENT listing them, before anything is written.
Result<std::int64_t> TranscriptToRender(CommandClient& api, const v1::Workspace& ws,
                                        const std::string& format) {
  v1::ListTranscriptsRequest req;
  req.set_workspace_id(ws.id());
  req.set_page_size(500);
  std::vector<v1::Transcript> all;
  FD_RETURN_IF_ERROR(
      api.Pages(&v1::TranscriptService::Stub::ListTranscripts, req, [&](const auto& page) {
        all.insert(all.end(), page.transcripts().begin(), page.transcripts().end());
        return true;
      }));
  if (all.size() == 1) return all.front().id();
  if (all.empty()) {
    return Status::FailedPrecondition(
        fmt::format("{} renders a transcript and {} has none yet", format, ws.slug()));
  }
  std::string ids;
  for (const auto& t : all)
    ids += fmt::format("{}{} \"{}\"", ids.empty() ? "" : ", ", t.id(), t.title());
  return Status::InvalidArgument(
      "--transcript",
      fmt::format("{} renders one transcript at a time and {} has {}: give --transcript ID, one "
                  "of {}",
                  format, ws.slug(), all.size(), ids));
}

// The request the options ask for; the one transcript to render when the format needs one.
Result<v1::ExportRequest> BuildExportRequest(CommandClient& api, const v1::Workspace& ws,
                                             const ExportOptions& o) {
  std::string name = o.format;
  std::replace(name.begin(), name.end(), '-', '_');
  v1::ExportRequest req;
  req.set_workspace_id(ws.id());
  req.set_transcript_id(o.transcript_id);
  req.set_format(*v1::EnumFromText<v1::ExportFormat>(name));
  const bool per_transcript =
      req.format() == v1::EXPORT_FORMAT_HTML || req.format() == v1::EXPORT_FORMAT_VTT;
  if (per_transcript && o.transcript_id == 0) {
    FD_ASSIGN_OR_RETURN(const std::int64_t only, TranscriptToRender(api, ws, o.format));
    req.set_transcript_id(only);
  }
  if (name == "html") {
    req.set_audience(o.audience == "desk" ? v1::EXPORT_AUDIENCE_DESK : v1::EXPORT_AUDIENCE_PUBLIC);
  } else if (o.audience_given) {
    return Status::InvalidArgument("--audience", "only the html export takes an audience");
  }
  req.set_published_only(o.published_only);
  return req;
}

Status Export(Context& ctx, const ExportOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  FD_ASSIGN_OR_RETURN(const v1::ExportRequest req, BuildExportRequest(*api, ws, o));

  // Written to FILE.part and renamed at the end, so a failed export leaves no
  // half-written file behind.
  const std::string part = o.output + ".part";
  std::ofstream file;
  if (!o.output.empty()) {
    file.open(part, std::ios::binary | std::ios::trunc);
    if (!file) return Status::InvalidArgument("-o", "cannot write " + part);
  }
  std::ostream& out = o.output.empty() ? DataStdout() : file;

  // Exports stream for as long as they take; the deadline only guards a hung server.
  auto call = api->StreamContext(std::chrono::minutes(30));
  auto reader = api->exports().Export(call.get(), req);
  v1::ExportChunk chunk;
  std::size_t bytes = 0;
  std::string content_type;
  while (reader->Read(&chunk)) {
    if (!chunk.content_type().empty()) content_type = chunk.content_type();
    out.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    bytes += chunk.data().size();
  }
  const grpc::Status finished = reader->Finish();
  out.flush();
  if (!finished.ok() || !out) {
    if (!o.output.empty()) {
      file.close();
      std::remove(part.c_str());
    }
    if (!finished.ok()) return api->Error(finished, call.get());
    return Status::InvalidArgument("-o", "cannot write " + o.output);
  }
  if (!o.output.empty()) {
    file.close();
    if (std::rename(part.c_str(), o.output.c_str()) != 0) {
      return Status::InvalidArgument("-o", "cannot write " + o.output);
    }
    std::cerr << fmt::format("wrote {} bytes ({}) to {}\n", bytes, content_type, o.output);
  }
  return Status::Ok();
}

}  // namespace

void AddExportCommand(Context& ctx, CLI::App& app) {
  auto o = std::make_shared<ExportOptions>();
  auto* cmd = ctx.Command(app, "export",
                          "Export checks: claimreview, annotations, csv, sources-csv, html, vtt",
                          [&ctx, o] { return Export(ctx, *o); });
  cmd->add_option("FORMAT", o->format, "claimreview, annotations, csv, sources-csv, html or vtt")
      ->required()
      ->check(CLI::IsMember({"claimreview", "annotations", "csv", "sources-csv", "html", "vtt"},
                            CLI::ignore_case));
  ctx.AddWorkspaceOption(cmd);
  cmd->add_option("--transcript", o->transcript_id,
                  "One transcript (html and vtt: default the workspace's only one)");
  cmd->add_option("-o,--output", o->output, "Write to FILE (default: standard output)");
  cmd->add_option_function<std::string>(
         "--audience",
         [o](const std::string& value) {
           o->audience = value;
           o->audience_given = true;
         },
         "html: public (published checks only, the default) or desk (every claim, internal)")
      ->check(CLI::IsMember({"public", "desk"}, CLI::ignore_case));
  cmd->add_flag("--published-only", o->published_only,
                "csv, sources-csv, annotations: only published claims");
}

}  // namespace factdesk::cli
