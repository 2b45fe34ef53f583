// Cases worked by hand from the seed (天津经济技术开发区科技创新"十三五"规划); docs/innovation-index.md
// shows the same arithmetic.
#include <doctest/doctest.h>

#include "sync/content/innovation_index.hpp"

using namespace kiosk::content;

namespace {
Indicator make(std::string id, IndicatorGroup group, std::optional<YearValue> baseline, YearValue target,
               std::vector<SeriesPoint> series, Direction direction = Direction::higher) {
  Indicator x;
  x.id = std::move(id);
  x.group = group;
  x.baseline = baseline;
  x.target = target;
  x.series = std::move(series);
  x.direction = direction;
  return x;
}
}  // namespace

TEST_CASE("科技型中小企业: 5576 (2015) toward 10000 (2020)") {
  // (7,800 - 5,576) / (10,000 - 5,576) = 2,224 / 4,424 = 0.50271
  const auto x = make("st-smes", IndicatorGroup::entities, YearValue{2015, 5576}, {2020, 10000},
                      {{"2015", 5576, false}, {"2020", 7800, true}});
  const auto p = measure(x);
  REQUIRE(p.progress);
  CHECK(*p.progress == doctest::Approx(2224.0 / 4424.0));
  CHECK(*p.progress == doctest::Approx(0.50271).epsilon(1e-4));
  CHECK(p.current_period == "2020");
  CHECK(p.current_is_sample);
}

TEST_CASE("progress is clamped to 0..1 but the raw value is kept for display") {
  // 科技小巨人企业 409 -> 650; 700 exceeds the target, 380 fell below the baseline.
  const auto ahead = make("little-giants", IndicatorGroup::entities, YearValue{2015, 409}, {2020, 650},
                          {{"2020", 700, true}});
  CHECK(*measure(ahead).progress == 1.0);
  CHECK(*raw_progress(ahead, 700) == doctest::Approx((700.0 - 409) / (650 - 409)));  // 1.207
  const auto behind = make("little-giants", IndicatorGroup::entities, YearValue{2015, 409}, {2020, 650},
                           {{"2020", 380, true}});
  CHECK(*measure(behind).progress == 0.0);
}

TEST_CASE("without a baseline - progress is the share of the target") {
  // R&D 投入占 GDP 比重: target 4 %, no 2015 figure in the seed. 3.6 / 4 = 0.9
  const auto x = make("rd", IndicatorGroup::input, std::nullopt, {2020, 4}, {{"2020", 3.6, true}});
  CHECK(*measure(x).progress == doctest::Approx(0.9));
}

TEST_CASE("lower-is-better indicators count a fall as progress") {
  // e.g. an energy intensity from 0.8 (2015) down to 0.6 (2020): 0.7 is half way.
  const auto x = make("energy", IndicatorGroup::industry, YearValue{2015, 0.8}, {2020, 0.6},
                      {{"2020", 0.7, true}}, Direction::lower);
  CHECK(*measure(x).progress == doctest::Approx(0.5));
  const auto no_base = make("energy", IndicatorGroup::industry, std::nullopt, {2020, 0.6},
                            {{"2020", 0.75, true}}, Direction::lower);
  CHECK(*measure(no_base).progress == doctest::Approx(0.8));  // 0.6 / 0.75
}

TEST_CASE("an indicator with no figure yet is left out - not counted as zero") {
  const auto x = make("listed", IndicatorGroup::entities, std::nullopt, {2020, 40}, {});
  const auto p = measure(x);
  CHECK_FALSE(p.current);
  CHECK_FALSE(p.progress);
}

TEST_CASE("group scores are weighted means - the composite is the mean of scored groups") {
  std::vector<Indicator> xs;
  // 创新主体: 0.50271 (weight 1) and 1.0 (weight 1) -> 75.14
  xs.push_back(make("st-smes", IndicatorGroup::entities, YearValue{2015, 5576}, {2020, 10000},
                    {{"2020", 7800, true}}));
  xs.push_back(make("little-giants", IndicatorGroup::entities, YearValue{2015, 409}, {2020, 650},
                    {{"2020", 700, true}}));
  // 创新投入: 0.9 -> 90
  xs.push_back(make("rd", IndicatorGroup::input, std::nullopt, {2020, 4}, {{"2020", 3.6, true}}));
  // 创新产出: 万名从业人员授权发明专利拥有量 23.5 -> 35; 29.25 is half way -> 50, weight 2
  auto patents =
      make("patents", IndicatorGroup::output, YearValue{2015, 23.5}, {2020, 35}, {{"2020", 29.25, true}});
  patents.weight = 2;
  xs.push_back(patents);
  // 创新产出 also: 新增专利申请量 20,000 of 25,000 -> 0.8, weight 1. Group: (2*0.5 + 0.8) / 3 = 0.6
  xs.push_back(
      make("applications", IndicatorGroup::output, std::nullopt, {2020, 25000}, {{"2020", 20000, true}}));
  // 产业发展: nothing measured yet
  xs.push_back(make("share", IndicatorGroup::industry, std::nullopt, {2020, 16}, {}));

  const IndexScores s = compute_index(xs);
  const auto group = [&](IndicatorGroup g) { return s.groups[static_cast<std::size_t>(g)]; };
  CHECK(*group(IndicatorGroup::entities).score == doctest::Approx(100 * (2224.0 / 4424.0 + 1.0) / 2));
  CHECK(*group(IndicatorGroup::input).score == doctest::Approx(90));
  CHECK(*group(IndicatorGroup::output).score == doctest::Approx(60));
  CHECK_FALSE(group(IndicatorGroup::industry).score);
  CHECK(group(IndicatorGroup::industry).total == 1);
  CHECK(group(IndicatorGroup::industry).scored == 0);
  CHECK_FALSE(group(IndicatorGroup::environment).score);
  // Composite over the three scored groups: (75.1356 + 90 + 60) / 3 = 75.045
  CHECK(*s.composite == doctest::Approx((100 * (2224.0 / 4424.0 + 1.0) / 2 + 90 + 60) / 3));
}
