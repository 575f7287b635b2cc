#include "client/desktop/test_hooks.h"

#include <chrono>
#include <cstdio>

#include "client/desktop/drawn_glyphs.h"
#include "client/model/change.h"
#include "client/ui/selection_actions.h"

namespace factdesk::desktop {

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TestHooks::TestHooks(const DesktopOptions& options, app::Controller& controller)
    : controller_(controller),
      report_(options.report_changes),
      report_glyphs_(options.report_glyphs) {
  if (!options.mark.empty()) {
    auto spec = ParseMarkSpec(options.mark);
    if (spec.ok()) mark_ = *spec;
  }
  if (mark_) {
    controller_.on_claim_created = [this](const v1::Claim& c) {
      marked_ = true;
      std::printf("claim-created id=%lld transcript=%lld quote=%s t_ms=%lld\n",
                  static_cast<long long>(c.id()), static_cast<long long>(c.transcript_id()),
                  c.quote().c_str(), static_cast<long long>(NowMs()));
      std::fflush(stdout);
    };
  }
  if (report_) {
    controller_.on_change = [](const model::Change& c) {
      std::printf("change seq=%lld subject=%s what=%s claim=%lld by_self=%d t_ms=%lld\n",
                  static_cast<long long>(c.seq), model::SubjectName(c.subject),
                  model::WhatName(c.what), static_cast<long long>(c.claim_id), c.by_self ? 1 : 0,
                  static_cast<long long>(NowMs()));
      std::fflush(stdout);
    };
  }
}

void TestHooks::ReportClaims() {
  const auto& model = controller_.model();
  if (model.claim_count() == reported_claims_) return;
  reported_claims_ = model.claim_count();
  std::string ids;
  for (const v1::Transcript* t : model.Transcripts()) {
    for (const v1::Claim* c : model.ClaimsOfTranscript(t->id())) {
      if (!ids.empty()) ids += ',';
      ids += std::to_string(c->id());
    }
  }
  std::printf("claims %s t_ms=%lld\n", ids.c_str(), static_cast<long long>(NowMs()));
  std::fflush(stdout);
}

void TestHooks::BeforeFrame(ui::UiState& state) {
  const auto& model = controller_.model();
  const auto& session = controller_.session();
  const bool live =
      session.connection.phase == ui::ConnectionInfo::Phase::kLive && model.has_workspace();
  if (report_ && live) {
    if (!ready_printed_) {
      ready_printed_ = true;
      reported_claims_ = model.claim_count();
      std::printf("ready workspace=%lld last_seq=%lld claims=%zu t_ms=%lld\n",
                  static_cast<long long>(model.workspace().id()),
                  static_cast<long long>(model.last_seq()), model.claim_count(),
                  static_cast<long long>(NowMs()));
      std::fflush(stdout);
    }
    ReportClaims();
  }
  if (mark_ && !mark_sent_ && live) {
    const v1::Segment* seg = model.SegmentAt(mark_->transcript_id, mark_->ordinal);
    if (seg == nullptr) {
      // Show the transcript so its segments load.
      state.transcript_id = mark_->transcript_id;
      return;
    }
    // Exactly what a mouse selection followed by Ctrl+M does.
    state.selection = {seg->id(), static_cast<std::size_t>(mark_->start),
                       static_cast<std::size_t>(mark_->end), false};
    if (auto mark = ui::MarkFromSelection(state.selection, *seg)) {
      controller_.Dispatch(*mark);
      state.selection.Clear();
    }
    mark_sent_ = true;
  }
}

void TestHooks::AfterRender(const ImDrawData& data, const ImFont& font) {
  if (!report_glyphs_) return;
  for (const ImFontGlyph* g : DrawnGlyphs(data, font)) {
    if (!reported_glyphs_.insert(g->Codepoint).second) continue;
    std::printf("glyph U+%04X advance=%.1f width=%.1f t_ms=%lld\n", g->Codepoint,
                static_cast<double>(g->AdvanceX), static_cast<double>(g->X1 - g->X0),
                static_cast<long long>(NowMs()));
  }
  std::fflush(stdout);
}

}  // namespace factdesk::desktop
