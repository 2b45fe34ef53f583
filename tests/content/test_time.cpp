#include <doctest/doctest.h>

#include "sync/content/time.hpp"

using namespace kiosk::content;

TEST_CASE("civil dates round-trip through day numbers across leap years and centuries") {
  for (std::int64_t day = days_from_civil(1999, 1, 1); day <= days_from_civil(2101, 12, 31); day += 17) {
    const CivilTime c = civil_from_days(day);
    CHECK(days_from_civil(c.year, c.month, c.day) == day);
  }
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28) == 2);  // 2000 is a leap year
  CHECK(days_from_civil(2100, 3, 1) - days_from_civil(2100, 2, 28) == 1);  // 2100 is not
}

TEST_CASE("ISO 8601 times need an offset and are read exactly") {
  const auto t = parse_iso8601("2026-11-30T09:30:00+08:00");
  REQUIRE(t);
  CHECK(*t == 1796002200);
  CHECK(parse_iso8601("2026-11-30T01:30:00Z") == t);
  CHECK(parse_iso8601("2026-11-29T20:30:00-05:00") == t);
  CHECK(parse_iso8601("2026-11-30T09:30:00.250+08:00") == t);
  CHECK_FALSE(parse_iso8601("2026-11-30T09:30:00"));        // no offset: ambiguous
  CHECK_FALSE(parse_iso8601("2026-02-30T09:30:00+08:00"));  // no such day
  CHECK_FALSE(parse_iso8601("2026-11-30T24:00:00+08:00"));
  CHECK_FALSE(parse_iso8601("2026-11-30T09:30:00+08:00 "));  // trailing junk
  CHECK_FALSE(parse_iso8601("30/11/2026 09:30"));
  CHECK_FALSE(parse_iso8601(""));
}

TEST_CASE("times format in the zone's offset and weekday and local day follow it") {
  const UnixSeconds t = *parse_iso8601("2026-11-30T23:30:00+08:00");
  CHECK(format_iso8601(t) == "2026-11-30T23:30:00+08:00");
  CHECK(format_iso8601(t, 0) == "2026-11-30T15:30:00Z");
  const CivilTime c = to_civil(t);
  CHECK(c.weekday == 0);  // Monday
  CHECK(c.hour == 23);
  CHECK(local_day(t) == days_from_civil(2026, 11, 30));
  CHECK(start_of_local_day(t) == *parse_iso8601("2026-11-30T00:00:00+08:00"));
  // 64-bit times are fine beyond 2038.
  CHECK(format_iso8601(*parse_iso8601("2099-12-31T23:59:59+08:00")) == "2099-12-31T23:59:59+08:00");
}
