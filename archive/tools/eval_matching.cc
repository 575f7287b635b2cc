// eval_matching: "checked before?" matching on CLEF CheckThat! 2020 task 2's training
// release (../shared/data/claim-retrieval-2020): 10,373 claims checked by Snopes and 800
// tweets with the checks that answer them.
//
// The checks go through the archive's own reader: written as a ClaimReview DataFeed, read
// back with ReadClaimReviews, indexed by MatchIndex. Each tweet is searched as `match`
// searches. Tweets are split by id: ids divisible by 5 are held out (167 tweets), the
// other 633 are where --grid tunes. MAP@1, MAP@5 and recall@5 are printed for each split,
// for Factdesk's matching (the defaults in archive/match_index.h), the same without its
// n-gram re-ranking, and a plain BM25 over claim and title (no cleanup, no stopwords, no
// stemming; k1 1.2, b 0.75), the baseline the task's organisers quote. --time measures
// search latency and the index's memory on a larger archive (the checks copied).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <malloc.h>

#include "archive/match_index.h"
#include "archive/tools/claim_retrieval_data.h"
#include "archive/tools/match_threshold.h"
#include "archive/tools/retrieval_eval.h"

namespace {

namespace archive = factdesk::archive;

void Print(const char* name, const archive::RetrievalScores& tune,
           const archive::RetrievalScores& held) {
  std::cout << fmt::format("{:<34} {:>7.4f} {:>7.4f} {:>7.4f}   {:>7.4f} {:>7.4f} {:>7.4f}\n", name,
                           tune.map1, tune.map5, tune.recall5, held.map1, held.map5, held.recall5);
}

void PrintBest(const char* title, std::vector<std::pair<double, std::string>> results) {
  std::sort(results.rbegin(), results.rend());
  std::cout << "\n" << title << ", best first (MAP@5):\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(8, results.size()); ++i) {
    std::cout << "  " << results[i].second << "\n";
  }
}

// Two grids on the tuning tweets: the re-ranking's weight and depth over the default BM25F,
// then BM25F's parameters under the default re-ranking.
void Grid(archive::MatchIndex& index, const std::vector<archive::RetrievalQuery>& queries) {
  const archive::MatchWeights defaults;
  std::vector<std::pair<double, std::string>> results;
  for (double ngram : {0.0, 2.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0}) {
    for (std::size_t depth : {5, 10, 20, 50}) {
      archive::MatchWeights w = defaults;
      w.ngram_weight = ngram;
      w.rerank_depth = depth;
      index.set_weights(w);
      const archive::RetrievalScores s = archive::Evaluate(index, queries, archive::Split::kTuning);
      results.emplace_back(
          s.map5, fmt::format("n-gram weight {:.1f} depth {}: MAP@5 {:.4f}", ngram, depth, s.map5));
    }
  }
  PrintBest("re-ranking grid on the tuning tweets", std::move(results));
  results.clear();
  for (double k1 : {0.6, 0.9, 1.2, 1.6, 2.0}) {
    for (double b : {0.3, 0.5, 0.75, 0.9}) {
      for (double headline : {0.5, 1.0, 1.5, 2.0}) {
        archive::MatchWeights w = defaults;
        w.k1 = k1;
        w.b = b;
        w.headline_weight = headline;
        index.set_weights(w);
        const archive::RetrievalScores s =
            archive::Evaluate(index, queries, archive::Split::kTuning);
        results.emplace_back(s.map5, fmt::format("k1 {:.2f} b {:.2f} headline {:.2f}: MAP@5 {:.4f}",
                                                 k1, b, headline, s.map5));
      }
    }
  }
  PrintBest("BM25F grid on the tuning tweets (default re-ranking)", std::move(results));
  index.set_weights(defaults);
}

// Heap bytes in use (glibc): what the index holds, unlike the resident size, which reuses
// what the feed's parsing freed.
double HeapBytes() {
  return static_cast<double>(mallinfo2().uordblks);
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Search latency (top 5) with the checks copied `copies` times, with and without the
// re-ranking, interleaved in one run so that the machine's load falls on both alike.
void Time(const std::string& dir, int copies, const std::vector<archive::RetrievalQuery>& queries) {
  const std::string feed = archive::ClaimRetrievalFeed(dir, copies);
  const double before = HeapBytes();
  archive::MatchIndex index;
  archive::IndexClaimRetrievalFeed(feed, index);
  const double after = HeapBytes();
  archive::MatchWeights off;
  off.ngram_weight = 0;
  std::vector<double> with, without;
  std::size_t sink = 0;
  for (int round = 0; round < 3; ++round) {
    for (const archive::RetrievalQuery& q : queries) {
      for (bool rerank : {false, true}) {
        index.set_weights(rerank ? archive::MatchWeights{} : off);
        const auto start = std::chrono::steady_clock::now();
        sink += index.Search(q.text, 5).size();
        const std::chrono::duration<double, std::milli> took =
            std::chrono::steady_clock::now() - start;
        (rerank ? with : without).push_back(took.count());
      }
    }
  }
  std::cout << fmt::format(
      "\n{} checks: index {:.1f} MiB of heap ({:.0f} bytes a check); search top 5, {} "
      "searches each ({} hits)\n",
      index.size(), (after - before) / (1024.0 * 1024.0),
      (after - before) / static_cast<double>(index.size()), with.size(), sink);
  std::cout << fmt::format("  without re-ranking: p50 {:.2f} ms, p99 {:.2f} ms\n",
                           Percentile(without, 0.5), Percentile(without, 0.99));
  std::cout << fmt::format(
      "  with re-ranking:    p50 {:.2f} ms, p99 {:.2f} ms (p50 ratio {:.2f})\n",
      Percentile(with, 0.5), Percentile(with, 0.99),
      Percentile(with, 0.5) / Percentile(without, 0.5));
}

int Run(int argc, char** argv) {
  CLI::App app{"eval_matching: checked-before matching on CLEF CheckThat! 2020 task 2 (training)"};
  std::string dir;
  bool grid = false;
  int copies = 0;
  std::string debates;
  app.add_option("--data", dir, "The claim-retrieval-2020 directory")->required();
  app.add_option("--thresholds", debates,
                 "Also the best match's score on the tuning tweets against the sentences of "
                 "this checkworthy-2019 directory labelled not worth checking");
  app.add_flag("--grid", grid,
               "Also search the re-ranking's and BM25F's parameters on the tuning tweets");
  app.add_option("--time", copies,
                 "Also time searches with the checks copied this many times (10: 103,750)");
  CLI11_PARSE(app, argc, argv);

  const std::string feed = archive::ClaimRetrievalFeed(dir);
  const std::vector<archive::RetrievalQuery> queries = archive::ClaimRetrievalQueries(dir);
  std::cout << fmt::format("{} checks, {} tweets ({} tuning, held out: ids divisible by 5)\n\n",
                           archive::PlainBm25Index(feed).size(), queries.size(),
                           std::count_if(queries.begin(), queries.end(), [](const auto& q) {
                             return archive::InSplit(q, archive::Split::kTuning);
                           }));
  std::cout << fmt::format("{:<34} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}\n", "", "tune", "", "",
                           "held", "out", "");
  std::cout << fmt::format("{:<34} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}\n", "", "MAP@1", "MAP@5",
                           "R@5", "MAP@1", "MAP@5", "R@5");
  const archive::MatchIndex plain = archive::PlainBm25Index(feed);
  Print("plain BM25 (k1 1.2, b 0.75)", archive::Evaluate(plain, queries, archive::Split::kTuning),
        archive::Evaluate(plain, queries, archive::Split::kHeldOut));
  archive::MatchWeights no_rerank;
  no_rerank.ngram_weight = 0;
  const archive::MatchIndex terms_only = archive::IndexFeed(feed, {}, no_rerank);
  Print("factdesk without re-ranking",
        archive::Evaluate(terms_only, queries, archive::Split::kTuning),
        archive::Evaluate(terms_only, queries, archive::Split::kHeldOut));
  archive::MatchIndex ours = archive::IndexFeed(feed, {});
  Print("factdesk (match_index.h defaults)",
        archive::Evaluate(ours, queries, archive::Split::kTuning),
        archive::Evaluate(ours, queries, archive::Split::kHeldOut));
  if (!debates.empty()) {
    archive::PrintThresholds(ours, queries, archive::NotCheckWorthySentences(debates));
  }
  if (grid) Grid(ours, queries);
  if (copies > 0) Time(dir, copies, queries);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "eval_matching: " << e.what() << "\n";
    return 1;
  }
}
