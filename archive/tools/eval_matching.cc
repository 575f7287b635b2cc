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
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "archive/claimreview_reader.h"
#include "archive/match_index.h"
#include "archive/retrieval_metrics.h"

namespace {

namespace archive = factdesk::archive;

constexpr std::string_view kUrlPrefix = "https://checks.example/snopes/";

struct Query {
  std::int64_t id = 0;
  std::string text;
  std::set<std::int64_t> relevant;
};

// Rows of a TSV file after its header. A cell that starts with a double quote runs to the
// closing one (tabs and line breaks included; "" is a quote), as Python's csv module writes
// them: 12 of the verified claims span two lines.
std::vector<std::vector<std::string>> ReadTsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  bool cell_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        cell += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c == '"' && cell_start) {
      quoted = true;
      cell_start = false;
    } else if (c == '\t' || c == '\n') {
      rows.back().push_back(std::move(cell));
      cell.clear();
      cell_start = true;
      if (c == '\n') rows.emplace_back();
    } else if (c != '\r') {
      cell += c;
      cell_start = false;
    }
  }
  if (!cell.empty()) rows.back().push_back(std::move(cell));
  std::erase_if(rows, [](const auto& row) { return row.empty(); });
  if (!rows.empty()) rows.erase(rows.begin());  // the header
  return rows;
}

// The verified claims as a schema.org DataFeed of ClaimReviews, the shape aggregators
// publish and `archive import` reads.
std::string DataFeed(const std::string& dir) {
  nlohmann::json elements = nlohmann::json::array();
  for (const auto& row : ReadTsv(dir + "/verified_claims.docs.tsv")) {
    if (row.size() < 3) continue;
    elements.push_back({{"@type", "ClaimReview"},
                        {"url", std::string(kUrlPrefix) + row[0]},
                        {"claimReviewed", row[1]},
                        {"headline", row[2]},
                        {"author", {{"@type", "Organization"}, {"name", "Snopes"}}}});
  }
  return nlohmann::json{{"@context", "https://schema.org"},
                        {"@type", "DataFeed"},
                        {"dataFeedElement", std::move(elements)}}
      .dump();
}

std::vector<Query> Queries(const std::string& dir) {
  std::map<std::int64_t, Query> by_id;
  for (const auto& row : ReadTsv(dir + "/train.queries.tsv")) {
    if (row.size() < 2) continue;
    const std::int64_t id = std::stoll(row[0]);
    by_id[id] = Query{id, row[1], {}};
  }
  std::ifstream qrels(dir + "/train.qrels");
  for (std::int64_t tweet, zero, vclaim, one; qrels >> tweet >> zero >> vclaim >> one;) {
    if (by_id.contains(tweet)) by_id[tweet].relevant.insert(vclaim);
  }
  std::vector<Query> out;
  for (auto& [id, q] : by_id) out.push_back(std::move(q));
  return out;
}

struct Scores {
  double map1 = 0, map5 = 0, recall5 = 0;
  std::size_t queries = 0;
};

Scores Evaluate(const archive::MatchIndex& index, const std::vector<Query>& queries,
                bool held_out) {
  Scores s;
  for (const Query& q : queries) {
    if ((q.id % 5 == 0) != held_out) continue;
    std::vector<std::int64_t> ranked;
    for (const archive::MatchHit& hit : index.Search(q.text, 5)) ranked.push_back(hit.id);
    s.map1 += archive::AveragePrecisionAt(ranked, q.relevant, 1);
    s.map5 += archive::AveragePrecisionAt(ranked, q.relevant, 5);
    s.recall5 += archive::RecallAt(ranked, q.relevant, 5);
    ++s.queries;
  }
  const auto n = static_cast<double>(std::max<std::size_t>(s.queries, 1));
  s.map1 /= n;
  s.map5 /= n;
  s.recall5 /= n;
  return s;
}

archive::MatchIndex Index(const std::string& feed, const archive::TermOptions& terms) {
  archive::MatchIndex index(terms);
  std::istringstream in(feed);
  const auto summary = archive::ReadClaimReviews(in, [&](archive::ArchivedCheck c) {
    index.Put(std::stoll(c.url.substr(kUrlPrefix.size())), c.claim_reviewed, c.headline);
    return factdesk::Status::Ok();
  });
  if (!summary.ok()) throw std::runtime_error(std::string(summary.status().message()));
  return index;
}

void Print(const char* name, const Scores& tune, const Scores& held) {
  std::cout << fmt::format("{:<34} {:>7.4f} {:>7.4f} {:>7.4f}   {:>7.4f} {:>7.4f} {:>7.4f}\n", name,
                           tune.map1, tune.map5, tune.recall5, held.map1, held.map5, held.recall5);
}

void Grid(archive::MatchIndex& index, const std::vector<Query>& queries) {
  std::vector<std::pair<double, std::string>> results;
  for (double k1 : {0.6, 0.9, 1.2, 1.6, 2.0}) {
    for (double b : {0.3, 0.5, 0.75, 0.9}) {
      for (double headline : {0.25, 0.5, 1.0, 1.5}) {
        index.set_weights({k1, b, 1.0, headline});
        const Scores s = Evaluate(index, queries, false);
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
  app.add_option("--data", dir, "The claim-retrieval-2020 directory")->required();
  app.add_flag("--grid", grid, "Also search BM25F's parameters on the tuning tweets");
  CLI11_PARSE(app, argc, argv);

  const std::string feed = DataFeed(dir);
  const std::vector<Query> queries = Queries(dir);
  std::cout << fmt::format(
      "{} checks, {} tweets ({} tuning, held out: ids divisible by 5)\n\n",
      Index(feed, {false, false, false}).size(), queries.size(),
      std::count_if(queries.begin(), queries.end(), [](const Query& q) { return q.id % 5 != 0; }));
  std::cout << fmt::format("{:<34} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}\n", "", "tune", "", "",
                           "held", "out", "");
  std::cout << fmt::format("{:<34} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}\n", "", "MAP@1", "MAP@5",
                           "R@5", "MAP@1", "MAP@5", "R@5");
  const archive::MatchIndex plain = Index(feed, {false, false, false});
  Print("plain BM25 (k1 1.2, b 0.75)", Evaluate(plain, queries, false),
        Evaluate(plain, queries, true));
  archive::MatchIndex ours = Index(feed, {});
  Print("factdesk (match_index.h defaults)", Evaluate(ours, queries, false),
        Evaluate(ours, queries, true));
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
