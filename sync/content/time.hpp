#pragma once
// Times are 64-bit Unix seconds everywhere (a 32-bit time_t on armhf can never bite); they are shown
// in the zone's own offset (Asia/Shanghai, UTC+8, no daylight saving), not the device's TZ setting.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::content {

using UnixSeconds = std::int64_t;

inline constexpr int kShanghaiOffsetMinutes = 8 * 60;
inline constexpr UnixSeconds kSecondsPerDay = 86400;

struct CivilTime {
  int year = 1970, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
  int weekday = 3;  // 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday)
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t days_from_civil(int year, int month, int day);
CivilTime civil_from_days(std::int64_t days);

CivilTime to_civil(UnixSeconds t, int offset_minutes = kShanghaiOffsetMinutes);
UnixSeconds from_civil(const CivilTime& c, int offset_minutes = kShanghaiOffsetMinutes);

// Local calendar day number of t in the given offset (for grouping "today", "tomorrow").
std::int64_t local_day(UnixSeconds t, int offset_minutes = kShanghaiOffsetMinutes);
// Start of that local day as Unix seconds.
UnixSeconds start_of_local_day(UnixSeconds t, int offset_minutes = kShanghaiOffsetMinutes);

// Strict ISO 8601: "2026-12-03T14:00:00+08:00", "...Z", optional fractional seconds (ignored).
// An explicit offset is required: content is written by people in one zone and shown in another.
std::optional<UnixSeconds> parse_iso8601(std::string_view text);
std::string format_iso8601(UnixSeconds t, int offset_minutes = kShanghaiOffsetMinutes);

}  // namespace kiosk::content
