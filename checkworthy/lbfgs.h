#pragma once

#include <functional>
#include <vector>

namespace factdesk::checkworthy {

// f(x), writing the gradient at x into `gradient` (same size as x).
using Objective =
    std::function<double(const std::vector<double>& x, std::vector<double>& gradient)>;

struct LbfgsOptions {
  int max_iterations = 300;
  int memory = 10;          // correction pairs kept
  double tolerance = 1e-7;  // stop when f improves by less than this, relatively
};

// Minimises a smooth convex function from x (limited-memory BFGS with a backtracking line
// search). Deterministic: the same inputs give the same bits.
std::vector<double> MinimiseLbfgs(const Objective& f, std::vector<double> x,
                                  const LbfgsOptions& options);

}  // namespace factdesk::checkworthy
