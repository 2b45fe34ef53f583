#include <doctest/doctest.h>

#include "kiosk/ui/chart_scale.hpp"
#include "kiosk/ui/chart_view.hpp"

using namespace kiosk::ui;

TEST_CASE("a linear scale maps and inverts - including a flipped pixel range") {
  const LinearScale s{0, 100, 500, 100};  // value up = pixel up
  CHECK(s.map(0) == doctest::Approx(500));
  CHECK(s.map(100) == doctest::Approx(100));
  CHECK(s.map(25) == doctest::Approx(400));
  CHECK(s.invert(300) == doctest::Approx(50));
  const LinearScale flat{5, 5, 0, 10};
  CHECK(flat.map(5) == doctest::Approx(5));  // no division by zero
}

TEST_CASE("nice ticks are 1 - 2 or 5 times a power of ten and cover the range") {
  CHECK(nice_ticks(0, 10000, 6) == std::vector<double>{0, 2000, 4000, 6000, 8000, 10000});
  CHECK(nice_ticks(0, 4, 5) == std::vector<double>{0, 1, 2, 3, 4});
  CHECK(nice_ticks(0, 35, 5) == std::vector<double>{0, 10, 20, 30, 40});
  const auto t = nice_ticks(23.5, 35, 5);
  CHECK(t.front() <= 23.5);
  CHECK(t.back() >= 35);
  CHECK(t.size() <= 5);
  CHECK(nice_ticks(-1, 1, 5) == std::vector<double>{-1, -0.5, 0, 0.5, 1});
}

TEST_CASE("chart layout: zero-based value axis - years across - target line at its value") {
  ChartInput in;
  in.series = {{2016, 6000, true}, {2018, 7800, true}, {2020, 9380, true}};
  in.baseline = ChartPoint{2015, 5576, false};
  in.target = {2020, 10000, false};
  const ChartGeometry g = layout_chart(in, 100, 50, 700, 450);
  CHECK(g.y.domain_min == 0);  // counts start at zero: no exaggerated slopes
  CHECK(g.y.domain_max >= 10000);
  CHECK(g.x.domain_min == 2015);
  CHECK(g.x.domain_max == 2020);
  REQUIRE(g.line.size() == 3);
  CHECK(g.line[0].x == doctest::Approx(100 + 600.0 / 5));  // 2016 is one fifth across
  CHECK(g.line[2].x == doctest::Approx(700));
  CHECK(g.line[2].y < g.line[0].y);  // a rising series goes up the screen
  CHECK(g.target_y == doctest::Approx(450 - 400.0 * 10000 / g.y.domain_max));
  REQUIRE(g.baseline);
  CHECK(g.baseline->x == doctest::Approx(100));
  CHECK(g.line[0].sample);
  CHECK(g.x_ticks.front() == 2015);
  CHECK(g.x_ticks.back() <= 2020);
}

TEST_CASE("negative data keeps a negative axis - a single point still lays out") {
  ChartInput in;
  in.series = {{2019, -3, false}, {2020, 2, false}};
  in.target = {2020, 5, false};
  const ChartGeometry g = layout_chart(in, 0, 0, 100, 100);
  CHECK(g.y.domain_min < -2.9);
  ChartInput one;
  one.target = {2020, 4, false};
  const ChartGeometry g1 = layout_chart(one, 0, 0, 100, 100);
  CHECK(g1.x.domain_max > g1.x.domain_min);
  CHECK(g1.line.empty());
}
