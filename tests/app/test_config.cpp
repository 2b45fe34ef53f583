// The kiosk's config file: whatever it says, the kiosk starts; anything it cannot understand about
// opening hours leaves the screen on (a dark lobby screen is the worse mistake) and says why.
#include <doctest/doctest.h>

#include "kiosk/app/config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

namespace {

app::Config load(const std::string& json) {
  test::TempDir dir;
  test::write_text(dir / "kiosk.json", json);
  return app::load_config(dir / "kiosk.json");
}

bool mentions(const app::Config& c, const std::string& words) {
  for (const auto& p : c.problems) {
    if (p.find(words) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("opening hours from the config switch the schedule on") {
  const auto c = load(R"({"opening_hours": {"mon-fri": "08:00-20:00", "sat-sun": "closed"}})");
  CHECK(c.problems.empty());
  CHECK_FALSE(c.opening_hours.always_on());
}

TEST_CASE("a day with the wrong type keeps the whole screen on - not that day dark") {
  const auto c = load(R"({"opening_hours": {"mon-fri": "08:00-20:00", "sat": null}})");
  CHECK(c.opening_hours.always_on());
  CHECK(mentions(c, "opening_hours.sat must be a string"));
}

TEST_CASE("empty or malformed opening hours keep the screen on and say so") {
  const auto empty = load(R"({"opening_hours": {}})");
  CHECK(empty.opening_hours.always_on());
  CHECK(mentions(empty, "names no days"));
  const auto wrong = load(R"({"opening_hours": ["08:00-20:00"]})");
  CHECK(wrong.opening_hours.always_on());
  CHECK(mentions(wrong, "must be an object"));
  const auto bad_hours = load(R"({"opening_hours": {"mon-fri": "8-20"}})");
  CHECK(bad_hours.opening_hours.always_on());
  CHECK(mentions(bad_hours, "mon-fri"));
}

TEST_CASE("a config that is not JSON at all still gives a usable kiosk") {
  const auto c = load("{ this is not json");
  CHECK(c.opening_hours.always_on());
  CHECK(c.idle_timeout_s == 90);
  CHECK(mentions(c, "not valid JSON"));
}
