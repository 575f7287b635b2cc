// eval_matching: "checked before?" matching on CLEF CheckThat! 2020 task 2's training
// release (../shared/data/claim-retrieval-2020): 10,373 claims checked by Snopes and 800
// tweets with the checks that answer them.
//
// The checks go through the archive's own reader: written as a ClaimReview DataFeed, read
// back with ReadClaimReviews, indexed by MatchIndex. Each tweet is searched as `match`
// searches. Tweets are split by id: ids divisible by 5 are held out (160 tweets), the
// other 633 are where --grid tunes. MAP@1, MAP@5 and recall@5 are printed for each split,
// for Factdesk's matching (the defaults in archive/match_index.h) and for a plain BM25
// over claim and title (no cleanup, no stopwords, no stemming; k1 1.2, b 0.75), the
// baseline the task's organisers quote.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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

void Grid(archive::MatchIndex& index, const std::vector<archive::RetrievalQuery>& queries) {
  std::vector<std::pair<double, std::string>> results;
  for (double k1 : {0.6, 0.9, 1.2, 1.6, 2.0}) {
    for (double b : {0.3, 0.5, 0.75, 0.9}) {
      for (double headline : {0.25, 0.5, 1.0, 1.5}) {
        index.set_weights({k1, b, 1.0, headline});
        const archive::RetrievalScores s =
            archive::Evaluate(index, queries, archive::Split::kTuning);
        results.emplace_back(s.map5, fmt::format("k1 {:.2f} b {:.2f} headline {:.2f}: MAP@5 {:.4f}",
                                                 k1, b, headline, s.map5));
      }
    }
  }
  std::sort(results.rbegin(), results.rend());
  std::cout << "\ngrid on the tuning tweets, best first (MAP@5):\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(8, results.size()); ++i) {
    std::cout << "  " << results[i].second << "\n";
  }
}

int Run(int argc, char** argv) {
  CLI::App app{"eval_matching: checked-before matching on CLEF CheckThat! 2020 task 2 (training)"};
  std::string dir;
  bool grid = false;
  std::string debates;
  app.add_option("--data", dir, "The claim-retrieval-2020 directory")->required();
  app.add_option("--thresholds", debates,
                 "Also the best match's score on the tuning tweets against the sentences of "
                 "this checkworthy-2019 directory labelled not worth checking");
  app.add_flag("--grid", grid, "Also search BM25F's parameters on the tuning tweets");
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
  archive::MatchIndex ours = archive::IndexFeed(feed, {});
  Print("factdesk (match_index.h defaults)",
        archive::Evaluate(ours, queries, archive::Split::kTuning),
        archive::Evaluate(ours, queries, archive::Split::kHeldOut));
  if (!debates.empty()) {
    archive::PrintThresholds(ours, queries, archive::NotCheckWorthySentences(debates));
  }
  if (grid) Grid(ours, queries);
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
