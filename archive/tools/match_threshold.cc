#include "archive/tools/match_threshold.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "archive/tools/retrieval_eval.h"

namespace factdesk::archive {
namespace {

struct Best {
  double score = 0;
  bool right = false;
};

// One line per threshold on the best match's score: of the tuning tweets, the share whose
// best match is right and kept, and the share of kept best matches that are right; of
// the sentences, the share whose best match is kept.
void PrintTable(const std::vector<Best>& tweets, const std::vector<double>& noise, double step) {
  std::cout << "  threshold  tweets right+kept  kept right  sentences kept\n";
  for (int i = 0; i <= 14; ++i) {
    const double t = i * step;
    int kept = 0, right = 0;
    for (const Best& b : tweets) {
      if (b.score < t || b.score == 0) continue;
      ++kept;
      right += b.right ? 1 : 0;
    }
    const auto noisy =
        std::count_if(noise.begin(), noise.end(), [&](double s) { return s > 0 && s >= t; });
    std::cout << fmt::format("  {:9.2f}  {:17.3f}  {:10.3f}  {:14.3f}\n", t,
                             static_cast<double>(right) / static_cast<double>(tweets.size()),
                             kept == 0 ? 0.0 : static_cast<double>(right) / kept,
                             static_cast<double>(noisy) / static_cast<double>(noise.size()));
  }
}

// Splits a TSV line at tabs.
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out(1);
  for (const char c : line) {
    if (c == '\t') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> NotCheckWorthySentences(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const auto& path : files) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      const std::vector<std::string> f = Fields(line);
      if (f.size() >= 4 && f[3] == "0") out.push_back(f[2]);
    }
  }
  return out;
}

void PrintThresholds(const MatchIndex& index, const std::vector<RetrievalQuery>& queries,
                     const std::vector<std::string>& noise) {
  std::vector<Best> tweets;
  for (const RetrievalQuery& q : queries) {
    if (!InSplit(q, Split::kTuning)) continue;
    const auto hits = index.Search(q.text, 1);
    tweets.push_back(hits.empty() ? Best{} : Best{hits[0].score, q.relevant.contains(hits[0].id)});
  }
  std::vector<double> noise_best;
  for (const std::string& text : noise) {
    const auto hits = index.Search(text, 1);
    noise_best.push_back(hits.empty() ? 0 : hits[0].score);
  }
  std::cout << fmt::format(
      "\nbest match kept at a score threshold: {} tuning tweets, {} debate "
      "sentences not worth checking\n",
      tweets.size(), noise.size());
  PrintTable(tweets, noise_best, 2.5);
}

}  // namespace factdesk::archive
