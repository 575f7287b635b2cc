#include "client/ui/height_cache.h"

namespace factdesk::ui {

bool HeightCache::SetLayout(float wrap_width, float font_size) {
  if (wrap_width == wrap_width_ && font_size == font_size_) return false;
  wrap_width_ = wrap_width;
  font_size_ = font_size;
  for (Entry& e : entries_) e.measured = false;
  measured_count_ = 0;
  return true;
}

void HeightCache::Resize(std::size_t rows, float estimate) {
  if (rows == heights_.size()) return;
  if (rows < heights_.size()) {
    for (std::size_t i = rows; i < entries_.size(); ++i) measured_count_ -= entries_[i].measured;
  }
  heights_.resize(rows, estimate);
  entries_.resize(rows);
  Rebuild();
}

bool HeightCache::IsMeasured(std::size_t row, std::int64_t segment_id,
                             std::uint64_t text_fingerprint) const {
  if (row >= entries_.size()) return false;
  const Entry& e = entries_[row];
  return e.measured && e.segment_id == segment_id && e.fingerprint == text_fingerprint;
}

void HeightCache::SetMeasured(std::size_t row, std::int64_t segment_id,
                              std::uint64_t text_fingerprint, float height) {
  if (row >= entries_.size()) return;
  Entry& e = entries_[row];
  if (!e.measured) ++measured_count_;
  e = {segment_id, text_fingerprint, true};
  Add(row, static_cast<double>(height) - static_cast<double>(heights_[row]));
  heights_[row] = height;
}

void HeightCache::SetEstimate(std::size_t row, float height) {
  if (row >= entries_.size() || entries_[row].measured) return;
  Add(row, static_cast<double>(height) - static_cast<double>(heights_[row]));
  heights_[row] = height;
}

double HeightCache::Top(std::size_t row) const {
  double sum = 0;
  for (std::size_t i = row < heights_.size() ? row : heights_.size(); i > 0; i &= i - 1) {
    sum += tree_[i];
  }
  return sum;
}

std::size_t HeightCache::RowAt(double y) const {
  const std::size_t n = heights_.size();
  if (n == 0 || y <= 0) return 0;
  // Fenwick descent: the largest prefix whose sum is <= y.
  std::size_t pos = 0;
  std::size_t step = 1;
  while (step * 2 <= n) step *= 2;
  double remaining = y;
  for (; step > 0; step /= 2) {
    if (pos + step <= n && tree_[pos + step] <= remaining) {
      pos += step;
      remaining -= tree_[pos];
    }
  }
  return pos < n ? pos : n - 1;
}

void HeightCache::Add(std::size_t row, double delta) {
  for (std::size_t i = row + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] += delta;
}

void HeightCache::Rebuild() {
  const std::size_t n = heights_.size();
  tree_.assign(n + 1, 0.0);
  for (std::size_t i = 1; i <= n; ++i) {
    tree_[i] += heights_[i - 1];
    const std::size_t parent = i + (i & (~i + 1));
    if (parent <= n) tree_[parent] += tree_[i];
  }
}

}  // namespace factdesk::ui
