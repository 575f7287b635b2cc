// CPU time per desktop frame, headless (a real ImGui context with a built font atlas,
// the real views, no GL): a transcript of N segments of wrapped text and 2,000 claims
// loaded into a WorkspaceModel directly, drawn while scrolling (the mouse wheel turns
// every frame) and while idle. The same figure at 1,000 and 10,000 segments shows the
// reader is virtualised: per-frame cost does not grow with the transcript.
#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <imgui.h>

#include "client/model/workspace_model.h"
#include "client/ui/keys.h"
#include "client/ui/main_view.h"

namespace factdesk {
namespace {

constexpr std::int64_t kWorkspace = 1;
constexpr std::int64_t kTranscript = 10;
constexpr int kClaims = 2000;

const char* const kWords[] = {
    "the",     "economy", "grew",    "by",   "percent", "last",      "year",   "and",
    "we",      "created", "million", "jobs", "in",      "states",    "across", "the",
    "country", "while",   "taxes",   "went", "down",    "for",       "most",   "families",
    "that",    "is",      "simply",  "not",  "true",    "according", "to",     "data"};
const char* const kSpeakers[] = {"HOLT", "CLINTON", "TRUMP", "AUDIENCE MEMBER"};

// Segments of 12 to 110 words (1 to 8 wrapped lines), a cue now and then.
std::vector<v1::Segment> MakeSegments(int n) {
  std::mt19937 rng(42);
  std::vector<v1::Segment> out;
  for (int i = 0; i < n; ++i) {
    v1::Segment s;
    s.set_id(100000 + i);
    s.set_transcript_id(kTranscript);
    s.set_ordinal(i);
    s.set_start_ms(static_cast<std::int64_t>(i) * 4000);
    if (i % 17 == 16) {
      s.set_kind(v1::SEGMENT_KIND_CUE);
      s.set_text("(APPLAUSE)");
    } else {
      s.set_kind(v1::SEGMENT_KIND_SPEECH);
      s.set_speaker(kSpeakers[i % 4]);
      s.set_speaker_id(1 + i % 4);
      const int words = 12 + static_cast<int>(rng() % 100);
      std::string text;
      for (int w = 0; w < words; ++w) {
        if (w > 0) text += ' ';
        text += kWords[rng() % std::size(kWords)];
        if (w % 13 == 12) text += '.';
      }
      s.set_text(text);
    }
    out.push_back(std::move(s));
  }
  return out;
}

struct Fixture {
  explicit Fixture(int segments) {
    context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 1000);
    io.DeltaTime = 1.0F / 60.0F;
    ui::SetupKeyMap(io);
    ImFontConfig font;
    font.SizePixels = 16;
    io.Fonts->AddFontDefault(&font);
    unsigned char* px = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);

    v1::Workspace ws;
    ws.set_id(kWorkspace);
    ws.set_slug("bench");
    ws.set_name("Benchmark");
    ws.set_my_role(v1::ROLE_CHECKER);
    model.SetWorkspace(ws);
    v1::Transcript t;
    t.set_id(kTranscript);
    t.set_workspace_id(kWorkspace);
    t.set_title("Debate");
    t.set_segment_count(segments);
    model.UpsertTranscript(t);
    auto segs = MakeSegments(segments);
    // 2,000 claims spread over the speech segments, some overlapping their neighbours.
    std::vector<v1::Claim> claims;
    for (int i = 0; i < kClaims; ++i) {
      const auto& s = segs[static_cast<std::size_t>(
          (static_cast<std::int64_t>(i) * segments / kClaims + i % 3) % segments)];
      if (s.kind() != v1::SEGMENT_KIND_SPEECH) continue;
      v1::Claim c;
      c.set_id(i + 1);
      c.set_workspace_id(kWorkspace);
      c.set_transcript_id(kTranscript);
      c.set_segment_id(s.id());
      c.set_segment_ordinal(s.ordinal());
      const int len = static_cast<int>(s.text().size());
      const int start = (i * 7) % std::max(1, len / 2);
      c.set_start_byte(start);
      c.set_end_byte(std::min(len, start + 20 + (i % 5) * 15));
      c.set_status(static_cast<v1::ClaimStatus>(1 + i % 6));
      c.set_version(1);
      claims.push_back(std::move(c));
    }
    for (int from = 0; from < segments; from += 500) {
      const int to = std::min(segments, from + 500);
      (void)model.SetSegments(kTranscript, from,
                              std::vector<v1::Segment>(segs.begin() + from, segs.begin() + to));
    }
    model.UpsertClaims(claims);
    session.connection.phase = ui::ConnectionInfo::Phase::kLive;
    session.transcript_id = kTranscript;
    session.segments_complete = true;
    state.transcript_id = kTranscript;
    // Settle: the reader measures every row in the background (200 a frame).
    for (int i = 0; i < segments / 150 + 20; ++i) Frame();
  }
  ~Fixture() { ImGui::DestroyContext(context); }

  void Frame() {
    ImGui::NewFrame();
    ui::ViewContext ctx{model, session, state, actions};
    view.Draw(ctx);
    ImGui::Render();
    actions.clear();
  }

  ImGuiContext* context = nullptr;
  model::WorkspaceModel model;
  ui::SessionData session;
  ui::UiState state;
  ui::ActionList actions;
  ui::MainView view;
};

void BM_DesktopFrame(benchmark::State& state) {
  const int segments = static_cast<int>(state.range(0));
  const bool scrolling = state.range(1) != 0;
  Fixture f(segments);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(500, 500);  // over the reader
  std::int64_t frames = 0;
  for (auto _ : state) {
    if (scrolling) {
      io.MouseWheel = -1.0F;  // a notch a frame (about five lines)
      if (f.state.top_ordinal >= segments - 40) f.state.scroll_to_ordinal = 0;
    }
    f.Frame();
    ++frames;
  }
  state.counters["segments"] = segments;
  state.counters["rows_drawn"] = static_cast<double>(f.state.visible_rows.size());
  state.counters["rows_measured"] = static_cast<double>(f.view.reader().measured_rows());
  state.SetItemsProcessed(frames);
}

BENCHMARK(BM_DesktopFrame)
    ->ArgNames({"segments", "scrolling"})
    ->Args({1000, 1})
    ->Args({10000, 1})
    ->Args({1000, 0})
    ->Args({10000, 0})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace factdesk

BENCHMARK_MAIN();
