#include <doctest/doctest.h>

#include "kiosk/app/redraw_policy.hpp"

using namespace kiosk::app;

namespace {

constexpr double kWall = 1'800'000'040.25;  // 40.25 s into a minute

WakeInputs idle_at(double wall, double mono = 100) {
  WakeInputs in;
  in.now = {mono, wall};
  return in;
}

RedrawInputs drawn_this_second() {
  RedrawInputs in;
  in.now = {100, kWall};
  in.last_second = static_cast<long long>(kWall);
  return in;
}

}  // namespace

TEST_CASE("an idle lit kiosk sleeps until the clock's next second") {
  CHECK(seconds_until_wake(idle_at(kWall)) == doctest::Approx(0.75));
}

TEST_CASE("touch feedback and animations wake at the frame rate") {
  WakeInputs in = idle_at(kWall);
  in.settling = true;
  in.last_frame_mono = 100 - 0.005;
  CHECK(seconds_until_wake(in) == doctest::Approx(kFrameInterval - 0.005));
  in.last_frame_mono = 90;  // overdue: at once, never negative
  CHECK(seconds_until_wake(in) == 0);
}

TEST_CASE("a screen timer or an item starting wakes the kiosk before the next second") {
  WakeInputs in = idle_at(kWall);
  in.ui_deadline = 100.2;
  CHECK(seconds_until_wake(in) == doctest::Approx(0.2));
  in.ui_deadline.reset();
  in.content_change = kWall + 0.1;
  CHECK(seconds_until_wake(in) == doctest::Approx(0.1));
}

TEST_CASE("a dark screen sleeps until the opening hours or an hour - and never past the watchdog") {
  WakeInputs in = idle_at(kWall);
  in.lit = false;
  in.ui_deadline = 100.2;  // a timer of a screen nobody sees does not wake a dark kiosk
  CHECK(seconds_until_wake(in) == 3600);
  in.dark_change_in = 125;
  CHECK(seconds_until_wake(in) == 125);
  in.watchdog_max_sleep = 15;
  CHECK(seconds_until_wake(in) == 15);
}

TEST_CASE("within a drawn second nothing is redrawn - the next second redraws only the clock") {
  RedrawInputs in = drawn_this_second();
  CHECK(redraw_needed(in) == Redraw::none);
  in.now.wall = kWall + 1;
  CHECK(redraw_needed(in) == Redraw::clock_only);
}

TEST_CASE("a new minute - a due timer - a due content change - input - settling: a full frame") {
  RedrawInputs in = drawn_this_second();
  in.now.wall = kWall + 20;  // 00.25 s into the next minute
  CHECK(redraw_needed(in) == Redraw::full);

  in = drawn_this_second();
  in.ui_deadline = 100.0;
  CHECK(redraw_needed(in) == Redraw::full);
  in.ui_deadline = 100.5;  // not yet
  CHECK(redraw_needed(in) == Redraw::none);

  in = drawn_this_second();
  in.content_change = kWall - 0.1;
  CHECK(redraw_needed(in) == Redraw::full);
  in.content_change = kWall + 5;
  CHECK(redraw_needed(in) == Redraw::none);

  in = drawn_this_second();
  in.asked = true;
  CHECK(redraw_needed(in) == Redraw::full);

  in = drawn_this_second();
  in.settling = true;
  CHECK(redraw_needed(in) == Redraw::full);
}

TEST_CASE("the first frame is a full one") {
  RedrawInputs in;
  in.now = {1, kWall};
  CHECK(redraw_needed(in) == Redraw::full);
}
