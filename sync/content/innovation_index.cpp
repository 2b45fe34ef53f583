#include "sync/content/innovation_index.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::content {

std::optional<double> raw_progress(const Indicator& x, double current) {
  const double target = x.target.value;
  if (x.baseline) {
    const double base = x.baseline->value;
    const double span = x.direction == Direction::higher ? target - base : base - target;
    if (!(span > 0)) return std::nullopt;  // validation forbids this; stay safe on raw input
    const double gained = x.direction == Direction::higher ? current - base : base - current;
    return gained / span;
  }
  // No baseline: share of the target reached (higher is better), or target over current (lower).
  if (x.direction == Direction::higher) {
    if (!(target > 0)) return std::nullopt;
    return current / target;
  }
  if (!(current > 0)) return std::nullopt;
  return target / current;
}

IndicatorProgress measure(const Indicator& x) {
  IndicatorProgress p;
  p.indicator = &x;
  if (!x.series.empty()) {
    const auto& last = x.series.back();  // validation keeps periods increasing
    p.current = last.value;
    p.current_period = last.period;
    p.current_is_sample = last.sample;
  } else if (x.baseline) {
    p.current = x.baseline->value;
    p.current_period = std::to_string(x.baseline->year);
  }
  if (p.current) {
    if (auto raw = raw_progress(x, *p.current); raw && std::isfinite(*raw)) {
      p.progress = std::clamp(*raw, 0.0, 1.0);
    }
  }
  return p;
}

IndexScores compute_index(const std::vector<Indicator>& indicators) {
  IndexScores out;
  std::array<double, 5> weighted{};
  std::array<double, 5> weights{};
  for (std::size_t g = 0; g < out.groups.size(); ++g) out.groups[g].group = static_cast<IndicatorGroup>(g);
  for (const auto& x : indicators) {
    const auto g = static_cast<std::size_t>(x.group);
    ++out.groups[g].total;
    const auto p = measure(x);
    if (!p.progress) continue;
    ++out.groups[g].scored;
    weighted[g] += x.weight * *p.progress;
    weights[g] += x.weight;
  }
  double sum = 0;
  int groups_scored = 0;
  for (std::size_t g = 0; g < out.groups.size(); ++g) {
    if (weights[g] > 0) {
      out.groups[g].score = 100.0 * weighted[g] / weights[g];
      sum += *out.groups[g].score;
      ++groups_scored;
    }
  }
  if (groups_scored > 0) out.composite = sum / groups_scored;
  return out;
}

}  // namespace kiosk::content
