#include "archive/tools/claim_retrieval_data.h"

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "archive/claimreview_reader.h"

namespace factdesk::archive {
namespace {

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

}  // namespace

std::string ClaimRetrievalFeed(const std::string& dir, int copies) {
  const auto rows = ReadTsv(dir + "/verified_claims.docs.tsv");
  nlohmann::json elements = nlohmann::json::array();
  for (int k = 0; k < copies; ++k) {
    for (const auto& row : rows) {
      if (row.size() < 3) continue;
      const std::int64_t id = std::stoll(row[0]) + std::int64_t{k} * 100000;
      elements.push_back({{"@type", "ClaimReview"},
                          {"url", std::string(kClaimRetrievalUrlPrefix) + std::to_string(id)},
                          {"claimReviewed", row[1]},
                          {"headline", row[2]},
                          {"author", {{"@type", "Organization"}, {"name", "Snopes"}}}});
    }
  }
  return nlohmann::json{{"@context", "https://schema.org"},
                        {"@type", "DataFeed"},
                        {"dataFeedElement", std::move(elements)}}
      .dump();
}

void IndexClaimRetrievalFeed(const std::string& feed, MatchIndex& index) {
  std::istringstream in(feed);
  const auto summary = ReadClaimReviews(in, [&](ArchivedCheck c) {
    index.Put(std::stoll(c.url.substr(kClaimRetrievalUrlPrefix.size())), c.claim_reviewed,
              c.headline);
    return Status::Ok();
  });
  if (!summary.ok()) throw std::runtime_error(std::string(summary.status().message()));
}

std::vector<RetrievalQuery> ClaimRetrievalQueries(const std::string& dir) {
  std::map<std::int64_t, RetrievalQuery> by_id;
  for (const auto& row : ReadTsv(dir + "/train.queries.tsv")) {
    if (row.size() < 2) continue;
    const std::int64_t id = std::stoll(row[0]);
    by_id[id] = RetrievalQuery{id, row[1], {}};
  }
  std::ifstream qrels(dir + "/train.qrels");
  if (!qrels) throw std::runtime_error("cannot read " + dir + "/train.qrels");
  for (std::int64_t tweet, zero, vclaim, one; qrels >> tweet >> zero >> vclaim >> one;) {
    if (by_id.contains(tweet)) by_id[tweet].relevant.insert(vclaim);
  }
  std::vector<RetrievalQuery> out;
  out.reserve(by_id.size());
  for (auto& [id, q] : by_id) out.push_back(std::move(q));
  return out;
}

}  // namespace factdesk::archive
