// The loop's figures: tap -> screen latency is measured only for a present that answered input, and
// the minute summary says what an idle kiosk spent its frames on.
#include <doctest/doctest.h>

#include "kiosk/app/frame_stats.hpp"

using kiosk::app::FrameStats;

TEST_CASE("a tap's latency runs from its input event to the present that answered it - once") {
  FrameStats s;
  CHECK_FALSE(s.presented(false, 100, true, 50).has_value());  // an answer with no input seen: no figure
  s.input(1000);
  CHECK_FALSE(
      s.presented(false, 2'073'600, false, 1005).has_value());  // the press shown, nothing answered yet
  s.input(1080);                                                // the finger lifts
  CHECK(s.presented(false, 2'073'600, true, 1092) == 12u);
  CHECK_FALSE(s.presented(true, 30'000, true, 1100).has_value());  // counted once
  s.input(0xFFFFFFF0u);  // SDL's 32-bit milliseconds wrap after 49 days
  CHECK(s.presented(false, 10, true, 0x10u) == 0x20u);
}

TEST_CASE("the minute summary counts whole and clock-only frames and their pixels on screen") {
  FrameStats s;
  CHECK_FALSE(s.minute_summary(10.0).has_value());  // starts the minute
  for (int i = 0; i < 3; ++i) s.woke();
  s.presented(false, 1000, false, 0);
  s.presented(true, 200, false, 0);
  s.presented(true, 300, false, 0);
  CHECK(s.last_pixels() == 300);
  CHECK_FALSE(s.minute_summary(69.0).has_value());
  const auto text = s.minute_summary(70.0);
  REQUIRE(text.has_value());
  CHECK(
      *text ==
      "loop: 3 wake-ups, 1 full and 2 clock-only frames, 500 pixels per frame on screen in the last minute");
  CHECK_FALSE(s.minute_summary(71.0).has_value());  // a new minute began
}
