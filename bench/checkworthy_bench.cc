// Check-worthiness scoring throughput on one core: the English model compiled into the
// binary scores every line of the 19 labelled debates (16,421 sentences, read in place);
// the same with the reasons; and the three debates of ../shared/data/debates imported into
// segments (speaker turns), split into sentences and scored, as the server will do.
// items_per_second is sentences per second.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "checkworthy/clef_tsv.h"
#include "checkworthy/english_model.h"
#include "checkworthy/sentence_splitter.h"
#include "import/importer.h"

namespace factdesk {
namespace {

std::string ReadShared(const std::string& relative) {
  std::ifstream in(std::string(FACTDESK_SHARED_DIR) + "/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read ../shared/" + relative);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::vector<std::string>& TrainingSentences() {
  static const std::vector<std::string> sentences = [] {
    std::vector<std::string> out;
    for (const char* name :
         {"20160209_msnbc_dem", "20160226_10_gop", "20160414_9dem", "20160722_trump_acceptance",
          "20160926_1pres", "20161005_vice_pres", "20161010_2pres", "20161019_3pres",
          "20170216_trump_press", "20170228_trump_address", "20170315_nashville",
          "20170601_paris_climate_n", "20170928_trump_tax", "20180916_trump_miami",
          "20180926_un_press", "20181010_medicare", "20181112_trump_pelosi", "20182601_trump_world",
          "20190108_oval_office"}) {
      const std::string file = std::string("data/checkworthy-2019/") + name + ".tsv";
      const auto lines = checkworthy::ParseClefTsv(ReadShared(file), file);
      if (!lines.ok()) throw std::runtime_error(lines.status().ToString());
      for (const auto& line : *lines) out.push_back(line.text);
    }
    return out;
  }();
  return sentences;
}

const std::vector<import::Segment>& DebateSegments() {
  static const std::vector<import::Segment> segments = [] {
    std::vector<import::Segment> out;
    for (const char* name : {"clef2018-task1-english-1st-Presidential.tsv",
                             "clef2018-task1-english-2nd-Presidential.tsv",
                             "clef2018-task1-english-Vice-Presidential.tsv"}) {
      const auto t =
          import::Parse(ReadShared(std::string("data/debates/") + name), import::Format::kTsv);
      if (!t.ok()) throw std::runtime_error(t.status().ToString());
      out.insert(out.end(), t->segments.begin(), t->segments.end());
    }
    return out;
  }();
  return segments;
}

const checkworthy::Scorer& English() {
  return **checkworthy::EnglishScorer();
}

void BM_ScoreSentences(benchmark::State& state) {
  const auto& sentences = TrainingSentences();
  const auto& scorer = English();
  for (auto _ : state) {
    for (const auto& s : sentences) benchmark::DoNotOptimize(scorer.Score(s));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sentences.size()));
}
BENCHMARK(BM_ScoreSentences)->Unit(benchmark::kMillisecond);

void BM_ScoreSentencesWithReasons(benchmark::State& state) {
  const auto& sentences = TrainingSentences();
  const auto& scorer = English();
  for (auto _ : state) {
    for (const auto& s : sentences) benchmark::DoNotOptimize(scorer.Explain(s, 3));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sentences.size()));
}
BENCHMARK(BM_ScoreSentencesWithReasons)->Unit(benchmark::kMillisecond);

void BM_ScoreDebateSegments(benchmark::State& state) {
  const auto& segments = DebateSegments();
  const auto& scorer = English();
  std::int64_t sentences = 0;
  for (const auto& s : segments) {
    sentences += static_cast<std::int64_t>(checkworthy::SplitSentences(s.text).size());
  }
  for (auto _ : state) {
    for (const auto& s : segments) benchmark::DoNotOptimize(scorer.ScoreSegment(s.text, s.kind, 3));
  }
  state.SetItemsProcessed(state.iterations() * sentences);
  state.counters["segments"] = static_cast<double>(segments.size());
  state.counters["sentences"] = static_cast<double>(sentences);
}
BENCHMARK(BM_ScoreDebateSegments)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace factdesk

BENCHMARK_MAIN();
