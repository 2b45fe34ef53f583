// The shipped demo content (assets/demo) is what every new kiosk shows and what the tests of the
// screens render; it must stay valid, complete and honest about what is invented.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "sync/content/source_dir.hpp"
#include "tests/support/fixtures.hpp"

using namespace kiosk::content;

namespace {
const SourceDir& demo() {
  static const SourceDir dir = [] {
    Issues issues;
    SourceDir d = load_source_dir(kiosk::test::demo_dir(), issues);
    if (issues.has_errors()) FAIL("demo content is invalid: " << issues.summary(10));
    return d;
  }();
  return dir;
}
}  // namespace

TEST_CASE("the demo has the promised amount of content") {
  const Content& c = demo().content;
  CHECK(c.spaces.size() >= 3);
  CHECK(c.events.size() >= 40);
  CHECK(c.desks.size() >= 80);
  CHECK(c.resources.size() >= 50);
  CHECK(c.indicators.size() == 23);
  CHECK(c.notices.size() >= 2);
}

TEST_CASE("the demo covers every resource category - event category and desk kind") {
  const Content& c = demo().content;
  std::set<ResourceCategory> resources;
  for (const auto& r : c.resources) resources.insert(r.category);
  CHECK(resources.size() == enum_count<ResourceCategory>());
  std::set<EventCategory> events;
  for (const auto& e : c.events) events.insert(e.category);
  CHECK(events.size() == enum_count<EventCategory>());
  std::set<DeskKind> kinds;
  for (const auto& d : c.desks) kinds.insert(d.kind);
  CHECK(kinds.size() == enum_count<DeskKind>());
  CHECK(std::any_of(c.resources.begin(), c.resources.end(),
                    [](const Resource& r) { return r.voucher_eligible; }));
  CHECK(std::any_of(c.resources.begin(), c.resources.end(),
                    [](const Resource& r) { return !r.voucher_eligible; }));
}

TEST_CASE("everything in the demo has English") {
  const Content& c = demo().content;
  for (const auto& e : c.events) {
    CHECK_MESSAGE(!e.title.en.empty(), e.id);
    CHECK_MESSAGE(!e.summary.en.empty(), e.id);
    CHECK_MESSAGE(!e.venue.en.empty(), e.id);
  }
  for (const auto& r : c.resources) {
    CHECK_MESSAGE(!r.name.en.empty(), r.id);
    CHECK_MESSAGE(!r.provider.en.empty(), r.id);
  }
  for (const auto& x : c.indicators) {
    CHECK_MESSAGE(!x.name.en.empty(), x.id);
    CHECK_MESSAGE(!x.source.en.empty(), x.id);
  }
  for (const auto& s : c.spaces) CHECK_MESSAGE(!s.name.en.empty(), s.id);
  for (const auto& d : c.desks) CHECK_MESSAGE(!d.zone.en.empty(), d.id);
}

TEST_CASE("invented demo data is marked as sample data") {
  const Content& c = demo().content;
  CHECK(c.meta.sample);
  for (const auto& e : c.events) CHECK_MESSAGE(e.sample, e.id);
  for (const auto& r : c.resources) CHECK_MESSAGE(r.sample, r.id);
  for (const auto& d : c.desks) CHECK_MESSAGE(d.sample, d.id);
  for (const auto& x : c.indicators) {
    for (const auto& p : x.series) {
      // Only a 2015 point equal to a baseline stated by the seed is real.
      const bool real = x.baseline && p.period == "2015" && p.value == x.baseline->value;
      CHECK_MESSAGE(p.sample != real, x.id << " " << p.period);
    }
  }
}

TEST_CASE("indicator baselines cite the seed's section") {
  for (const auto& x : demo().content.indicators) {
    if (!x.baseline) continue;
    CHECK_MESSAGE(x.source.zh.find("二（一）") != std::string::npos, x.id << ": " << x.source.zh);
    CHECK(x.baseline->year == 2015);
  }
}

TEST_CASE("the rare characters of the programmes are in the demo (the font test relies on them)") {
  std::string all;
  for (const auto& e : demo().content.events) all += e.title.zh + e.body.zh;
  for (const char* rare : {"鲲", "鹏"}) CHECK_MESSAGE(all.find(rare) != std::string::npos, rare);
}
