// Opening hours, per-date overrides, past-midnight hours, touch wake-up, and the rule that a clock
// known to be wrong never darkens the lobby. Times are Beijing time (UTC+8).
#include <doctest/doctest.h>

#include "platform/display_power.hpp"
#include "platform/display_schedule.hpp"

using namespace kiosk::platform;

namespace {

// A Beijing wall time in the week of Monday 2026-11-30: day 30 is that Monday, 31 the Tuesday
// (2026-12-01), 35 the Saturday, and so on.
std::int64_t at(int day, int hour, int minute = 0) {
  const std::int64_t monday_midnight = 1795968000;  // 2026-11-30T00:00:00+08:00
  return monday_midnight + (day - 30) * 86400LL + hour * 3600LL + minute * 60LL;
}

DisplaySchedule office_hours() {
  return DisplaySchedule::parse(
      {{"mon-fri", "08:00-20:00"}, {"sat", "09:00-12:00,14:00-17:00"}, {"sun", "closed"}});
}

}  // namespace

TEST_CASE("the test's calendar is right") {
  CHECK(at(30, 8) == 1795996800);  // 2026-11-30T08:00:00+08:00, from `date -d`
}

TEST_CASE("opening hours light the screen on weekdays and Saturday mornings only") {
  const auto s = office_hours();
  CHECK_FALSE(s.always_on());
  CHECK_FALSE(s.on_at(at(30, 7, 59)));
  CHECK(s.on_at(at(30, 8, 0)));
  CHECK(s.on_at(at(30, 19, 59)));
  CHECK_FALSE(s.on_at(at(30, 20, 0)));
  const int saturday = 30 + 5;
  CHECK(s.on_at(at(saturday, 10)));
  CHECK_FALSE(s.on_at(at(saturday, 13)));
  CHECK(s.on_at(at(saturday, 14, 30)));
  CHECK_FALSE(s.on_at(at(saturday + 1, 12)));  // Sunday closed
}

TEST_CASE("the next change is the next edge - across a closed Sunday") {
  const auto s = office_hours();
  CHECK(s.next_change(at(30, 7)) == at(30, 8));
  CHECK(s.next_change(at(30, 8)) == at(30, 20));
  CHECK(s.next_change(at(35, 12)) == at(35, 14));
  CHECK(s.next_change(at(35, 17)) == at(37, 8));  // Saturday evening -> Monday morning
}

TEST_CASE("hours past midnight belong to the day they start") {
  const auto s = DisplaySchedule::parse({{"fri", "18:00-01:00"}});
  const int friday = 30 + 4;
  CHECK(s.on_at(at(friday, 23)));
  CHECK(s.on_at(at(friday + 1, 0, 30)));  // early Saturday: still Friday's evening
  CHECK_FALSE(s.on_at(at(friday + 1, 1)));
  CHECK(s.next_change(at(friday, 23)) == at(friday + 1, 1));
}

TEST_CASE("a date override from content replaces that day only") {
  auto s = office_hours();
  s.set_date_override("2026-12-01", "closed");       // Tuesday: closed for a holiday
  s.set_date_override("2026-12-02", "08:00-22:00");  // Wednesday: an evening event
  CHECK_FALSE(s.on_at(at(31, 10)));
  CHECK(s.on_at(at(32, 21)));
  CHECK(s.on_at(at(33, 10)));               // Thursday as usual
  CHECK(office_hours().on_at(at(31, 10)));  // the weekly hours themselves are unchanged
}

TEST_CASE("an override on a kiosk without opening hours darkens only that day") {
  DisplaySchedule s;
  CHECK(s.always_on());
  s.set_date_override("2026-12-01", "closed");
  CHECK(s.on_at(at(30, 3)));
  CHECK_FALSE(s.on_at(at(31, 12)));
  CHECK(s.on_at(at(32, 12)));
}

TEST_CASE("the more specific entry wins whatever the order") {
  const auto s =
      DisplaySchedule::parse({{"sat", "10:00-11:00"}, {"daily", "08:00-20:00"}, {"mon-fri", "07:00-21:00"}});
  CHECK(s.on_at(at(30, 7)));        // Monday: the range, not "daily"
  CHECK_FALSE(s.on_at(at(35, 9)));  // Saturday: its own entry
  CHECK(s.on_at(at(36, 9)));        // Sunday: daily
  CHECK_THROWS_WITH_AS(DisplaySchedule::parse({{"mon-thu", "08:00-20:00"}, {"wed-fri", "09:00-17:00"}}),
                       doctest::Contains("both name wed"), ScheduleError);
}

TEST_CASE("bad hours are refused with a message naming them") {
  CHECK_THROWS_WITH_AS(DisplaySchedule::parse({{"mon-fri", "8-20"}}), doctest::Contains("mon-fri"),
                       ScheduleError);
  CHECK_THROWS_WITH_AS(DisplaySchedule::parse({{"monday", "08:00-20:00"}}), doctest::Contains("monday"),
                       ScheduleError);
  CHECK_THROWS_WITH_AS(DisplaySchedule::parse({{"sat", "25:00-26:00"}}), doctest::Contains("25:00"),
                       ScheduleError);
  CHECK_THROWS_WITH_AS(DisplaySchedule::parse({{"sat", ""}}), doctest::Contains("closed"), ScheduleError);
  DisplaySchedule s;
  CHECK_THROWS_WITH_AS(s.set_date_override("2026-13-01", "closed"), doctest::Contains("2026-13-01"),
                       ScheduleError);
  CHECK_THROWS_WITH_AS(s.set_date_override("2026-02-30", "closed"), doctest::Contains("2026-02-30"),
                       ScheduleError);
  CHECK_THROWS_WITH_AS(s.set_date_override("2026-04-31", "closed"), doctest::Contains("2026-04-31"),
                       ScheduleError);
  CHECK_THROWS_WITH_AS(s.set_date_override("2027-02-29", "closed"), doctest::Contains("2027-02-29"),
                       ScheduleError);
  CHECK(s.always_on());                         // a refused override changed nothing
  s.set_date_override("2028-02-29", "closed");  // a leap day is a day
  CHECK_FALSE(s.always_on());
}

TEST_CASE("a touch wakes a closed kiosk for a while") {
  DisplayPower power(office_hours(), 300);
  const auto night = at(30, 23);
  CHECK_FALSE(power.want_on(night, true, 1000.0));
  power.touched(1000.0);
  CHECK(power.want_on(night, true, 1000.0));
  CHECK(power.want_on(night + 299, true, 1299.0));
  CHECK_FALSE(power.want_on(night + 301, true, 1301.0));
  // The loop is told when to look again: when the wake-up ends.
  REQUIRE(power.seconds_to_change(night, true, 1000.0).has_value());
  CHECK(*power.seconds_to_change(night, true, 1000.0) == doctest::Approx(300.0));
}

TEST_CASE("a clock known to be wrong never darkens the screen") {
  DisplayPower power(office_hours(), 300);
  CHECK(power.want_on(at(30, 23), false, 0.0));
  CHECK_FALSE(power.seconds_to_change(at(30, 23), false, 0.0).has_value());
}

TEST_CASE("without opening hours the screen is always on and the loop is never woken for it") {
  DisplayPower power;
  CHECK(power.want_on(at(30, 3), true, 0.0));
  CHECK_FALSE(power.seconds_to_change(at(30, 3), true, 0.0).has_value());
}
