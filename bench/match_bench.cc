// match_bench: "checked before?" matching at archive scale, on one core. The 10,375
// verified claims of ../shared/data/claim-retrieval-2020, copied 10 times with new ids
// (103,750 checks), are read as a ClaimReview DataFeed by the archive's streaming reader
// and indexed; then each of the 800 tweets is searched (top 5) three times.
// Baselines in the same run: parsing the same feed into one nlohmann::json document
// (no indexing), and a plain BM25 index of the same checks (no cleanup, stopwords or
// stemming). Medians and p99 of per-search latency, and the ratios, are printed.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archive/match_index.h"
#include "archive/tools/claim_retrieval_data.h"
#include "archive/tools/retrieval_eval.h"

namespace {

namespace archive = factdesk::archive;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[at];
}

// Reads and indexes the feed; returns the seconds it took.
double Index(const std::string& feed, archive::MatchIndex& index) {
  const auto start = Clock::now();
  archive::IndexClaimRetrievalFeed(feed, index);
  return Seconds(Clock::now() - start);
}

// Per-search latency in microseconds, every tweet `rounds` times.
std::vector<double> SearchAll(const archive::MatchIndex& index,
                              const std::vector<archive::RetrievalQuery>& queries, int rounds) {
  std::vector<double> us;
  std::size_t sink = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& q : queries) {
      const auto start = Clock::now();
      sink += index.Search(q.text, 5).size();
      us.push_back(Seconds(Clock::now() - start) * 1e6);
    }
  }
  if (sink == 0) throw std::runtime_error("no search found anything");
  return us;
}

int Run(int argc, char** argv) {
  CLI::App app{"match_bench: archive import and matching at 100,000 checks"};
  std::string dir = std::string(FACTDESK_SHARED_DIR) + "/data/claim-retrieval-2020";
  int copies = 10;
  app.add_option("--data", dir, "The claim-retrieval-2020 directory");
  app.add_option("--copies", copies, "Copies of the verified claims (10)")
      ->check(CLI::Range(1, 100));
  CLI11_PARSE(app, argc, argv);

  const std::string feed = archive::ClaimRetrievalFeed(dir, copies);
  const auto queries = archive::ClaimRetrievalQueries(dir);
  const auto parse_start = Clock::now();
  const auto document = nlohmann::json::parse(feed);
  const double parse_s = Seconds(Clock::now() - parse_start);
  const std::size_t n = document["dataFeedElement"].size();

  archive::MatchIndex ours;
  archive::MatchIndex plain(archive::kPlainBm25Terms, archive::kPlainBm25Weights);
  const double ours_s = Index(feed, ours);
  const double plain_s = Index(feed, plain);
  std::cout << fmt::format("{} checks ({:.1f} MB of ClaimReview JSON-LD), {} tweets\n\n", n,
                           static_cast<double>(feed.size()) / 1e6, queries.size());
  std::cout << fmt::format("{:<44} {:>9} {:>12} {:>8}\n", "import", "s", "checks/s", "ratio");
  std::cout << fmt::format("{:<44} {:>9.2f} {:>12.0f} {:>8}\n",
                           "baseline: json::parse into one document", parse_s,
                           static_cast<double>(n) / parse_s, "1.00");
  std::cout << fmt::format("{:<44} {:>9.2f} {:>12.0f} {:>8.2f}\n",
                           "archive: stream-read + index (factdesk)", ours_s,
                           static_cast<double>(n) / ours_s, ours_s / parse_s);
  std::cout << fmt::format("{:<44} {:>9.2f} {:>12.0f} {:>8.2f}\n",
                           "archive: stream-read + index (plain BM25)", plain_s,
                           static_cast<double>(n) / plain_s, plain_s / parse_s);

  const auto plain_us = SearchAll(plain, queries, 3);
  const auto ours_us = SearchAll(ours, queries, 3);
  const double plain_p50 = Percentile(plain_us, 0.5);
  std::cout << fmt::format("\n{:<44} {:>9} {:>9} {:>12}\n", "search (top 5), per tweet", "p50 us",
                           "p99 us", "p50 ratio");
  std::cout << fmt::format("{:<44} {:>9.0f} {:>9.0f} {:>12}\n", "baseline: plain BM25", plain_p50,
                           Percentile(plain_us, 0.99), "1.00");
  std::cout << fmt::format("{:<44} {:>9.0f} {:>9.0f} {:>12.2f}\n", "factdesk matching",
                           Percentile(ours_us, 0.5), Percentile(ours_us, 0.99),
                           Percentile(ours_us, 0.5) / plain_p50);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "match_bench: " << e.what() << "\n";
    return 1;
  }
}
