#include "kiosk/app/redraw_policy.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::app {

double seconds_until_wake(const WakeInputs& in) {
  double wait = 0;
  if (!in.lit) {
    wait = in.dark_change_in.value_or(3600.0);  // no clock to tick: the schedule, a touch, the watchdog
  } else {
    wait = std::floor(in.now.wall) + 1.0 - in.now.wall;  // the clock's next second
    if (in.settling) wait = std::max(0.0, in.last_frame_mono + kFrameInterval - in.now.mono);
    if (in.ui_deadline) wait = std::min(wait, *in.ui_deadline - in.now.mono);
    if (in.content_change > 0) wait = std::min(wait, in.content_change - in.now.wall);
  }
  return std::max(0.0, std::min(wait, in.watchdog_max_sleep));
}

Redraw redraw_needed(const RedrawInputs& in) {
  const auto second = static_cast<long long>(std::floor(in.now.wall));
  const bool new_minute = in.last_second < 0 || second / 60 != in.last_second / 60;
  const bool timer_due = in.ui_deadline && *in.ui_deadline <= in.now.mono;
  const bool content_due = in.content_change > 0 && in.now.wall >= in.content_change;
  if (in.asked || new_minute || timer_due || content_due || in.settling) return Redraw::full;
  return second != in.last_second ? Redraw::clock_only : Redraw::none;
}

}  // namespace kiosk::app
