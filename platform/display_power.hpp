#pragma once
// Whether the screen should be lit right now: the opening-hours schedule, woken by a touch for a
// while outside the hours, and never dark on a clock that is known to be wrong (a lobby would go
// black at noon because the board believes it is 1970). Pure state; the app applies it.
#include <cstdint>
#include <optional>

#include "platform/display_schedule.hpp"

namespace kiosk::platform {

class DisplayPower {
 public:
  explicit DisplayPower(DisplaySchedule schedule = {}, double wake_s = 300)
      : schedule_(std::move(schedule)), wake_s_(wake_s) {}

  void set_schedule(DisplaySchedule schedule) { schedule_ = std::move(schedule); }
  const DisplaySchedule& schedule() const { return schedule_; }

  // A finger on the glass (monotonic time): lit for wake_s from now, even when closed.
  void touched(double mono) { awake_until_ = mono + wake_s_; }

  // `wall`: the best estimate of now; `clock_trusted`: false unless NTP set it (ClockReading::may_darken).
  bool want_on(std::int64_t wall, bool clock_trusted, double mono) const {
    return !clock_trusted || mono < awake_until_ || schedule_.on_at(wall);
  }

  // Seconds until want_on may change without input (for the loop's sleep), if ever.
  std::optional<double> seconds_to_change(std::int64_t wall, bool clock_trusted, double mono) const;

 private:
  DisplaySchedule schedule_;
  double wake_s_;
  double awake_until_ = -1;
};

}  // namespace kiosk::platform
