#pragma once
// The pure part of the charts: data -> pixels. No drawing here, so it is unit-tested exactly
// (tests/ui/test_chart_scale.cpp); chart_view.cpp turns the geometry into ImDrawList primitives.
#include <optional>
#include <vector>

namespace kiosk::ui {

struct LinearScale {
  double domain_min = 0, domain_max = 1;
  float range_min = 0, range_max = 1;  // pixels; range_min may be > range_max (y grows downward)
  float map(double v) const;
  double invert(float px) const;
};

// "Nice" tick values (steps of 1, 2 or 5 times a power of ten) covering [lo, hi], at most max_ticks.
std::vector<double> nice_ticks(double lo, double hi, int max_ticks);

struct ChartPoint {
  int year = 0;
  double value = 0;
  bool sample = false;
};

struct ChartInput {
  std::vector<ChartPoint> series;      // increasing years
  std::optional<ChartPoint> baseline;  // drawn as a hollow marker
  ChartPoint target;                   // drawn as a dashed line and a marker at its year
};

struct PlotPoint {
  float x = 0, y = 0;
  bool sample = false;
};

struct ChartGeometry {
  LinearScale x, y;
  std::vector<PlotPoint> line;  // the series
  std::optional<PlotPoint> baseline;
  PlotPoint target;
  float target_y = 0;  // the dashed target line
  std::vector<double> y_ticks;
  std::vector<int> x_ticks;  // years that get a label
};

// Lays the chart out in the plot rectangle (x0,y0)-(x1,y1). The value axis starts at zero for data
// that is never negative, so a small change does not look like a large one.
ChartGeometry layout_chart(const ChartInput& in, float x0, float y0, float x1, float y1, int max_y_ticks = 5,
                           int max_x_ticks = 7);

}  // namespace kiosk::ui
