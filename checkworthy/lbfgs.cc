#include "checkworthy/lbfgs.h"

#include <cmath>
#include <deque>

namespace factdesk::checkworthy {
namespace {

double Dot(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

struct Correction {
  std::vector<double> s;  // x step
  std::vector<double> y;  // gradient change
  double rho = 0;         // 1 / (y . s)
};

// The two-loop recursion: an approximation of -H^-1 g from the stored corrections.
std::vector<double> Direction(const std::vector<double>& g, const std::deque<Correction>& memory) {
  std::vector<double> q = g;
  std::vector<double> alpha(memory.size());
  for (std::size_t k = memory.size(); k-- > 0;) {
    alpha[k] = memory[k].rho * Dot(memory[k].s, q);
    for (std::size_t i = 0; i < q.size(); ++i) q[i] -= alpha[k] * memory[k].y[i];
  }
  if (!memory.empty()) {
    const Correction& last = memory.back();
    const double gamma = Dot(last.s, last.y) / Dot(last.y, last.y);
    for (double& v : q) v *= gamma;
  }
  for (std::size_t k = 0; k < memory.size(); ++k) {
    const double beta = memory[k].rho * Dot(memory[k].y, q);
    for (std::size_t i = 0; i < q.size(); ++i) q[i] += (alpha[k] - beta) * memory[k].s[i];
  }
  for (double& v : q) v = -v;
  return q;
}

}  // namespace

std::vector<double> MinimiseLbfgs(const Objective& f, std::vector<double> x,
                                  const LbfgsOptions& options) {
  std::vector<double> g(x.size());
  double fx = f(x, g);
  std::deque<Correction> memory;
  std::vector<double> x_new(x.size()), g_new(x.size());
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    std::vector<double> d = Direction(g, memory);
    double slope = Dot(g, d);
    if (slope >= 0) {  // not a descent direction: start again from the gradient
      memory.clear();
      d = g;
      for (double& v : d) v = -v;
      slope = -Dot(g, g);
    }
    if (slope == 0) break;
    // First step of a fresh start: a unit step along a long gradient overshoots.
    double step = memory.empty() ? std::min(1.0, 1.0 / std::sqrt(-slope)) : 1.0;
    double f_new = 0;
    for (int tries = 0;; ++tries) {
      for (std::size_t i = 0; i < x.size(); ++i) x_new[i] = x[i] + step * d[i];
      f_new = f(x_new, g_new);
      if (f_new <= fx + 1e-4 * step * slope || tries == 40) break;  // Armijo
      step *= 0.5;
    }
    if (f_new > fx) break;  // no progress possible along d
    Correction c{std::vector<double>(x.size()), std::vector<double>(x.size()), 0};
    for (std::size_t i = 0; i < x.size(); ++i) {
      c.s[i] = x_new[i] - x[i];
      c.y[i] = g_new[i] - g[i];
    }
    const double ys = Dot(c.y, c.s);
    if (ys > 1e-12) {
      c.rho = 1.0 / ys;
      memory.push_back(std::move(c));
      if (static_cast<int>(memory.size()) > options.memory) memory.pop_front();
    }
    const double improvement = (fx - f_new) / std::max(1.0, std::fabs(fx));
    x.swap(x_new);
    g.swap(g_new);
    fx = f_new;
    if (improvement < options.tolerance) break;
  }
  return x;
}

}  // namespace factdesk::checkworthy
