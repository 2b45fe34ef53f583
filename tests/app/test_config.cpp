// The kiosk's config file: whatever it says, the kiosk starts; anything it cannot understand about
// opening hours leaves the screen on (a dark lobby screen is the worse mistake) and says why.
#include <doctest/doctest.h>

#include "kiosk/app/config.hpp"
#include "kiosk/app/fleet_link.hpp"
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

TEST_CASE("the console section is read - a broken one is reported and the kiosk runs without it") {
  test::TempDir tmp;
  test::write_text(
      tmp / "kiosk.json",
      R"({"console": {"url": "https://console.example.cn/", "heartbeat_s": 30, "ca": "/etc/kiosk/ca.pem"}})");
  auto c = app::load_config(tmp / "kiosk.json");
  REQUIRE(c.console);
  CHECK(c.console->url == "https://console.example.cn");
  CHECK(c.console->heartbeat_s == 30);
  CHECK(c.console->ca == "/etc/kiosk/ca.pem");
  CHECK(c.problems.empty());
  test::write_text(tmp / "kiosk.json", R"({"console": {"url": "http://console.example.cn"}})");
  c = app::load_config(tmp / "kiosk.json");
  CHECK_FALSE(c.console);
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0].find("no console link until it is fixed") != std::string::npos);
  test::write_text(tmp / "kiosk.json", "{}");
  CHECK_FALSE(app::load_config(tmp / "kiosk.json").console);  // no section: exactly as before
}

TEST_CASE("a screenshot is refused while the staff overlay is open or the screen is dark") {
  CHECK(app::screenshot_refusal(true, true) == "staff_overlay_open");
  CHECK(app::screenshot_refusal(true, false) == "staff_overlay_open");
  CHECK(app::screenshot_refusal(false, false) == "display_dark");
  CHECK(app::screenshot_refusal(false, true).empty());
}

TEST_CASE("the panel's diagonal is read - a size no panel has is named and ignored") {
  CHECK(load(R"({"display_diagonal_in": 21.5})").display_diagonal_in == doctest::Approx(21.5));
  const auto wrong = load(R"({"display_diagonal_in": 2150})");
  CHECK(wrong.display_diagonal_in == 0);
  CHECK(mentions(wrong, "display_diagonal_in"));
  const auto text = load(R"({"display_diagonal_in": "21.5 inch"})");
  CHECK(text.display_diagonal_in == 0);
  CHECK(mentions(text, "display_diagonal_in has the wrong type"));
}
