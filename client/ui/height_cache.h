#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace factdesk::ui {

// Row heights of a virtualised list (the reader's segments), with prefix sums in a
// Fenwick tree so "which row is at y" and "where does row i start" are O(log n) for
// 10,000+ rows. Rows not measured yet carry an estimate; a row is measured when it is
// first laid out and stays valid while its key holds: the wrap width and font size
// (for all rows: changing either drops every measurement) and, per row, the segment id
// and a fingerprint of its text.
class HeightCache {
 public:
  // Sets the layout key; a change invalidates every row (heights fall back to
  // estimates). Returns whether it changed.
  bool SetLayout(float wrap_width, float font_size);
  // Grows or shrinks to `rows`; new rows get `estimate`.
  void Resize(std::size_t rows, float estimate);

  std::size_t size() const { return heights_.size(); }
  float Height(std::size_t row) const { return heights_[row]; }
  // Whether the row's measurement is valid for this segment and text.
  bool IsMeasured(std::size_t row, std::int64_t segment_id, std::uint64_t text_fingerprint) const;
  void SetMeasured(std::size_t row, std::int64_t segment_id, std::uint64_t text_fingerprint,
                   float height);
  // Replaces the estimate of an unmeasured row (a measured one is left alone).
  void SetEstimate(std::size_t row, float height);
  std::size_t measured_count() const { return measured_count_; }

  // Sum of the heights of rows before `row` (row == size() gives Total()).
  double Top(std::size_t row) const;
  double Total() const { return Top(heights_.size()); }
  // The row containing y (clamped to the first and last rows; 0 when empty).
  std::size_t RowAt(double y) const;

 private:
  struct Entry {
    std::int64_t segment_id = 0;
    std::uint64_t fingerprint = 0;
    bool measured = false;
  };
  void Add(std::size_t row, double delta);
  void Rebuild();

  float wrap_width_ = -1;
  float font_size_ = -1;
  std::vector<float> heights_;
  std::vector<Entry> entries_;
  std::vector<double> tree_;  // Fenwick tree, 1-based
  std::size_t measured_count_ = 0;
};

}  // namespace factdesk::ui
