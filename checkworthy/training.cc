#include "checkworthy/training.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "checkworthy/features.h"
#include "checkworthy/lbfgs.h"
#include "checkworthy/tokenizer.h"

namespace factdesk::checkworthy {
namespace {

// Sparse rows, columns sorted by feature name.
struct Matrix {
  std::vector<std::size_t> row_start{0};
  std::vector<std::uint32_t> column;
  std::vector<double> value;
  std::vector<std::string> names;  // by column
  std::vector<double> penalty;     // L2 strength by column
};

using Row = std::vector<std::pair<std::uint32_t, double>>;

// Gives every feature name an id as it first comes.
class NameSink : public FeatureSink {
 public:
  explicit NameSink(std::unordered_map<std::string, std::uint32_t>& ids) : ids_(ids) {}
  void Add(std::string_view family, std::string_view term, double value) override {
    name_.assign(family).append(term);
    const auto [it, added] = ids_.try_emplace(name_, static_cast<std::uint32_t>(ids_.size()));
    row.emplace_back(it->second, value);
  }
  Row row;

 private:
  std::unordered_map<std::string, std::uint32_t>& ids_;
  std::string name_;
};

// Sums the values of a feature that came more than once.
void MergeRow(Row& row) {
  std::sort(row.begin(), row.end());
  std::size_t out = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (out > 0 && row[out - 1].first == row[i].first) {
      row[out - 1].second += row[i].second;
    } else {
      row[out++] = row[i];
    }
  }
  row.resize(out);
}

// The training matrix: features seen in at least min_count sentences (named features
// always), columns in name order, so ids from hash maps never reach the model.
Matrix BuildMatrix(std::span<const Example> examples, const TrainingOptions& options) {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<Row> rows;
  for (const Example& e : examples) {
    NameSink sink(ids);
    ExtractFeatures(Tokenize(e.text), options.features, sink);
    MergeRow(sink.row);
    rows.push_back(std::move(sink.row));
  }
  std::vector<int> count(ids.size(), 0);
  for (const Row& row : rows) {
    for (const auto& [id, value] : row) ++count[id];
  }
  std::vector<std::pair<std::string, std::uint32_t>> kept;
  for (const auto& [name, id] : ids) {
    if (count[id] >= options.min_count || name.starts_with(kCueFamily)) kept.emplace_back(name, id);
  }
  std::sort(kept.begin(), kept.end());
  constexpr auto kDropped = static_cast<std::uint32_t>(-1);
  std::vector<std::uint32_t> column_of(ids.size(), kDropped);
  Matrix m;
  for (const auto& [name, id] : kept) {
    column_of[id] = static_cast<std::uint32_t>(m.names.size());
    m.names.push_back(name);
    m.penalty.push_back(name.starts_with(kCueFamily) ? options.cue_l2 : options.l2);
  }
  for (Row& row : rows) {
    for (auto& [id, value] : row) id = column_of[id];
    std::erase_if(row, [](const auto& entry) { return entry.first == kDropped; });
    std::sort(row.begin(), row.end());
    for (const auto& [column, value] : row) {
      m.column.push_back(column);
      m.value.push_back(value);
    }
    m.row_start.push_back(m.column.size());
  }
  return m;
}

double Softplus(double t) {
  return t > 0 ? t + std::log1p(std::exp(-t)) : std::log1p(std::exp(t));
}

// The weighted logistic loss plus the L2 penalty; x = {bias, weights by column}.
class Loss {
 public:
  Loss(const Matrix& m, std::vector<double> label_sign, std::vector<double> example_weight)
      : m_(m), sign_(std::move(label_sign)), weight_(std::move(example_weight)) {}

  double operator()(const std::vector<double>& x, std::vector<double>& gradient) const {
    std::fill(gradient.begin(), gradient.end(), 0.0);
    double loss = 0;
    for (std::size_t i = 0; i + 1 < m_.row_start.size(); ++i) {
      double z = x[0];
      for (std::size_t k = m_.row_start[i]; k < m_.row_start[i + 1]; ++k) {
        z += x[1 + m_.column[k]] * m_.value[k];
      }
      const double margin = sign_[i] * z;
      loss += weight_[i] * Softplus(-margin);
      const double dz = -weight_[i] * sign_[i] / (1.0 + std::exp(margin));
      gradient[0] += dz;
      for (std::size_t k = m_.row_start[i]; k < m_.row_start[i + 1]; ++k) {
        gradient[1 + m_.column[k]] += dz * m_.value[k];
      }
    }
    for (std::size_t j = 0; j < m_.names.size(); ++j) {
      loss += 0.5 * m_.penalty[j] * x[1 + j] * x[1 + j];
      gradient[1 + j] += m_.penalty[j] * x[1 + j];
    }
    return loss;
  }

 private:
  const Matrix& m_;
  std::vector<double> sign_;
  std::vector<double> weight_;
};

std::vector<double> Fit(const Matrix& m, std::span<const Example> examples,
                        const TrainingOptions& options, std::vector<double> start) {
  std::size_t worthy = 0;
  for (const Example& e : examples) worthy += e.worthy ? 1 : 0;
  const double positive =
      options.positive_weight > 0
          ? options.positive_weight
          : static_cast<double>(examples.size() - worthy) / static_cast<double>(worthy);
  std::vector<double> sign, weight;
  for (const Example& e : examples) {
    sign.push_back(e.worthy ? 1.0 : -1.0);
    weight.push_back(e.worthy ? positive : 1.0);
  }
  const Loss loss(m, std::move(sign), std::move(weight));
  return MinimiseLbfgs(loss, std::move(start), {.max_iterations = options.iterations});
}

// The columns to keep: the heaviest weights, at most max_features, none below min_weight.
std::vector<std::uint32_t> Heaviest(const Matrix& m, const std::vector<double>& x,
                                    const TrainingOptions& options) {
  std::vector<std::uint32_t> columns;
  for (std::uint32_t j = 0; j < m.names.size(); ++j) {
    if (std::fabs(RoundWeight(x[1 + j])) >= options.min_weight) columns.push_back(j);
  }
  std::stable_sort(columns.begin(), columns.end(), [&x](std::uint32_t a, std::uint32_t b) {
    return std::fabs(x[1 + a]) > std::fabs(x[1 + b]);
  });
  if (columns.size() > options.max_features) columns.resize(options.max_features);
  std::sort(columns.begin(), columns.end());
  return columns;
}

// The matrix with only `columns` (sorted), renumbered in the same order.
Matrix Restrict(const Matrix& m, const std::vector<std::uint32_t>& columns) {
  constexpr auto kDropped = static_cast<std::uint32_t>(-1);
  std::vector<std::uint32_t> new_column(m.names.size(), kDropped);
  Matrix out;
  for (std::uint32_t k = 0; k < columns.size(); ++k) {
    new_column[columns[k]] = k;
    out.names.push_back(m.names[columns[k]]);
    out.penalty.push_back(m.penalty[columns[k]]);
  }
  for (std::size_t i = 0; i + 1 < m.row_start.size(); ++i) {
    for (std::size_t k = m.row_start[i]; k < m.row_start[i + 1]; ++k) {
      if (new_column[m.column[k]] == kDropped) continue;
      out.column.push_back(new_column[m.column[k]]);
      out.value.push_back(m.value[k]);
    }
    out.row_start.push_back(out.column.size());
  }
  return out;
}

Status CheckClasses(std::span<const Example> examples) {
  const auto worthy =
      std::count_if(examples.begin(), examples.end(), [](const Example& e) { return e.worthy; });
  if (worthy == 0 || worthy == static_cast<std::ptrdiff_t>(examples.size())) {
    return Status::InvalidArgument(
        "examples", "training needs sentences judged worthy and sentences judged not (" +
                        std::to_string(worthy) + " of " + std::to_string(examples.size()) +
                        " are worthy)");
  }
  return Status::Ok();
}

}  // namespace

std::string DescribeOptions(const TrainingOptions& o) {
  return fmt::format(
      "features={} l2={} cue_l2={} positive_weight={} min_count={} iterations={} "
      "max_features={} min_weight={}",
      FeatureSetName(o.features), o.l2, o.cue_l2,
      o.positive_weight > 0 ? fmt::format("{}", o.positive_weight) : "balanced", o.min_count,
      o.iterations, o.max_features, o.min_weight);
}

Result<Model> Train(std::span<const Example> examples, const TrainingOptions& options) {
  FD_RETURN_IF_ERROR(CheckClasses(examples));
  const Matrix all = BuildMatrix(examples, options);
  const std::vector<double> first =
      Fit(all, examples, options, std::vector<double>(1 + all.names.size(), 0.0));
  const std::vector<std::uint32_t> columns = Heaviest(all, first, options);
  const Matrix kept = Restrict(all, columns);
  std::vector<double> start{first[0]};
  for (const std::uint32_t j : columns) start.push_back(first[1 + j]);
  const std::vector<double> x = Fit(kept, examples, options, std::move(start));
  Model model;
  model.features = options.features;
  model.bias = RoundWeight(x[0]);
  for (std::size_t j = 0; j < kept.names.size(); ++j) {
    const double w = RoundWeight(x[1 + j]);
    if (std::fabs(w) >= options.min_weight) model.weights.emplace_back(kept.names[j], w);
  }
  return model;
}

}  // namespace factdesk::checkworthy
