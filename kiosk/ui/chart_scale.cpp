#include "kiosk/ui/chart_scale.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

float LinearScale::map(double v) const {
  const double span = domain_max - domain_min;
  if (span == 0) return (range_min + range_max) * 0.5f;
  return static_cast<float>(range_min + (v - domain_min) / span * (range_max - range_min));
}

double LinearScale::invert(float px) const {
  const double span = range_max - range_min;
  if (span == 0) return domain_min;
  return domain_min + (px - range_min) / span * (domain_max - domain_min);
}

std::vector<double> nice_ticks(double lo, double hi, int max_ticks) {
  std::vector<double> ticks;
  if (!(hi > lo) || max_ticks < 2) {
    ticks.push_back(lo);
    return ticks;
  }
  const double raw = (hi - lo) / (max_ticks - 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (std::ceil(hi / step) - std::floor(lo / step) + 1 <= max_ticks) break;
  }
  const double first = std::floor(lo / step) * step;
  for (double v = first; v <= hi + step * 0.5 && ticks.size() < 64; v += step) {
    ticks.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);  // no "-0"
  }
  return ticks;
}

ChartGeometry layout_chart(const ChartInput& in, float x0, float y0, float x1, float y1, int max_y_ticks,
                           int max_x_ticks) {
  ChartGeometry g;
  int first_year = in.target.year, last_year = in.target.year;
  double lo = in.target.value, hi = in.target.value;
  const auto include = [&](const ChartPoint& p) {
    first_year = std::min(first_year, p.year);
    last_year = std::max(last_year, p.year);
    lo = std::min(lo, p.value);
    hi = std::max(hi, p.value);
  };
  for (const auto& p : in.series) include(p);
  if (in.baseline) include(*in.baseline);
  if (lo >= 0) lo = 0;  // honest scale for counts and shares
  if (hi == lo) hi = lo + 1;
  g.y_ticks = nice_ticks(lo, hi, max_y_ticks);
  g.x.domain_min = first_year;
  g.x.domain_max = std::max(last_year, first_year + 1);
  g.x.range_min = x0;
  g.x.range_max = x1;
  g.y.domain_min = g.y_ticks.front();
  g.y.domain_max = std::max(g.y_ticks.back(), hi);
  g.y.range_min = y1;  // value grows upward
  g.y.range_max = y0;
  for (const auto& p : in.series) g.line.push_back(PlotPoint{g.x.map(p.year), g.y.map(p.value), p.sample});
  if (in.baseline) g.baseline = PlotPoint{g.x.map(in.baseline->year), g.y.map(in.baseline->value), false};
  g.target = PlotPoint{g.x.map(in.target.year), g.y.map(in.target.value), false};
  g.target_y = g.target.y;
  const int years = static_cast<int>(g.x.domain_max - g.x.domain_min);
  const int every = std::max(1, static_cast<int>(std::ceil(static_cast<double>(years + 1) / max_x_ticks)));
  for (int y = first_year; y <= static_cast<int>(g.x.domain_max); y += every) g.x_ticks.push_back(y);
  return g;
}

}  // namespace kiosk::ui
