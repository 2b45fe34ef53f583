// Attract mode: which slides an idle kiosk shows, and that it holds each still and asks for no
// frames between slide changes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "kiosk/ui/attract_slides.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;
using Kind = ui::AttractSlide::Kind;

TEST_CASE(
    "attract slides: a welcome - the next events with places - this space's desks - featured resources") {
  const auto snap = test::demo_snapshot();
  const auto slides = ui::attract_slides(*snap, test::ui_now(), "lobby-1");
  REQUIRE(slides.size() >= 4);
  CHECK(slides.front().kind == Kind::welcome);
  std::size_t events = 0, desks = 0, resources = 0;
  content::UnixSeconds last_start = 0;
  for (const auto& s : slides) {
    if (s.kind == Kind::event) {
      ++events;
      const content::Event* e = snap->event(s.id);
      REQUIRE(e != nullptr);
      CHECK(content::event_has_places(*e));  // never an invitation to something one cannot join
      CHECK(e->end > test::ui_now());
      CHECK(e->start - test::ui_now() <= ui::kAttractHorizon);
      CHECK(e->start >= last_start);  // in time order
      last_start = e->start;
    }
    desks += s.kind == Kind::desks;
    if (s.kind == Kind::resource) {
      ++resources;
      const content::Resource* r = snap->resource(s.id);
      REQUIRE(r != nullptr);
      CHECK_FALSE(r->image.empty());
    }
  }
  CHECK(events >= 1);
  CHECK(events <= ui::kAttractEvents);
  CHECK(desks == 1);
  CHECK(resources >= 1);
  CHECK(resources <= ui::kAttractResources);
}

TEST_CASE(
    "attract slides leave out full and cancelled events - those beyond two weeks - desks none of which is "
    "free") {
  const auto demo = test::demo_snapshot();
  const auto first = ui::attract_slides(*demo, test::ui_now(), "lobby-1");
  std::string invited;
  for (const auto& s : first)
    if (s.kind == Kind::event) invited = s.id;
  REQUIRE_FALSE(invited.empty());
  for (const char* status : {"full", "cancelled"}) {
    test::TempDir dir;
    test::copy_tree(test::demo_dir(), dir.path());
    auto events = nlohmann::json::parse(test::read_text(dir / "events.json"));
    for (auto& e : events["events"])
      if (e["id"] == invited) e["status"] = status;
    test::write_text(dir / "events.json", events.dump());
    for (const auto& s : ui::attract_slides(*test::snapshot_of(dir.path()), test::ui_now(), "lobby-1"))
      CHECK_MESSAGE(s.id != invited, status << ": still invited to");
  }
  // A year later nothing in the demo is within the horizon and every desk status is stale (unknown,
  // so none is known to be free): the welcome still shows, and no slide invites to nothing.
  const auto later = ui::attract_slides(*demo, test::ui_now() + 365 * 86400, "lobby-1");
  REQUIRE_FALSE(later.empty());
  CHECK(later.front().kind == Kind::welcome);
  for (const auto& s : later) {
    CHECK(s.kind != Kind::event);
    CHECK(s.kind != Kind::desks);
  }
}

TEST_CASE("attract mode holds each slide still - the kiosk asks for no frame until the next slide") {
  ui::KioskUiConfig config;
  config.idle_timeout_s = 30;
  config.attract_slide_s = 8;
  test::Robot r(1280, 800, config);
  r.advance(30);  // one frame a second while idle: this one enters attract mode
  REQUIRE(r.state().screen == ui::Screen::attract);
  auto& ui = r.kiosk().ui();
  const int slide = r.state().attract_slide;
  CHECK_FALSE(ui.animating(r.mono()));
  // Nothing changes with the second, so the app draws nothing until the next slide.
  const ui::FrameOutput held = r.kiosk().step(test::ui_now(), r.mono());
  CHECK_FALSE(held.changes_each_second);
  CHECK_FALSE(held.clock_rect.has_value());
  const auto deadline = ui.next_deadline(r.mono());
  REQUIRE(deadline.has_value());
  CHECK(*deadline - r.mono() == doctest::Approx(8.0));  // the next slide, not sooner
  r.advance(*deadline - r.mono() + 0.05);
  CHECK(r.state().attract_slide == slide + 1);
  // The home screen, by contrast, ticks its clock every second.
  r.tap(640, 400);
  REQUIRE(r.state().screen == ui::Screen::home);
  CHECK(r.kiosk().step(test::ui_now(), r.mono() + 1).changes_each_second);
}
