#pragma once
// When the screen should be lit: opening hours per weekday (from the config), replaced for single
// dates by content (a holiday closure, a late event). Pure arithmetic on wall time in a fixed UTC
// offset (China has no daylight saving); the app turns the answer into a backlight or a black,
// paused screen.
//
// Hours are written like people write them: "08:00-20:00", "09:00-12:00,13:30-17:00", "closed",
// and an end earlier than the start runs past midnight ("18:00-01:00").
#include <array>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::platform {

class ScheduleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Minutes after local midnight, [start, end), end up to 24*60.
using Interval = std::pair<int, int>;

class DisplaySchedule {
 public:
  // Always on: no opening hours configured.
  DisplaySchedule() = default;

  // Keys "mon".."sun", ranges like "mon-fri", or "daily"; later keys override earlier ones for the
  // days they name. Days not named are closed. Throws ScheduleError naming the bad key or value.
  static DisplaySchedule parse(const std::vector<std::pair<std::string, std::string>>& week,
                               int utc_offset_s = 8 * 3600);
  static std::vector<Interval> parse_hours(const std::string& text);  // throws ScheduleError

  // Hours for one date ("2026-12-31"), replacing the weekday's. Throws ScheduleError.
  void set_date_override(const std::string& date, const std::string& hours);

  bool always_on() const { return always_on_; }
  bool on_at(std::int64_t t) const;
  // The next moment after `t` when on_at changes, or 0 if it never does (always on).
  std::int64_t next_change(std::int64_t t) const;

 private:
  // The intervals that light the screen on local day `day` (days since 1970-01-01), including the
  // part of the previous day's hours that runs past midnight.
  std::vector<Interval> lit(std::int64_t day) const;
  std::vector<Interval> own(std::int64_t day) const;

  bool always_on_ = true;
  bool weekly_ = false;  // week_ holds configured hours (else overrides are all there is)
  int offset_ = 8 * 3600;
  std::array<std::vector<Interval>, 7> week_;  // index 0 = Monday
  std::map<std::int64_t, std::vector<Interval>> overrides_;
};

}  // namespace kiosk::platform
