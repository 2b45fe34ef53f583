#include "platform/display_power.hpp"

#include <algorithm>

namespace kiosk::platform {

std::optional<double> DisplayPower::seconds_to_change(std::int64_t wall, bool clock_trusted,
                                                      double mono) const {
  if (!clock_trusted || schedule_.always_on()) return std::nullopt;
  std::optional<double> out;
  if (mono < awake_until_) out = awake_until_ - mono;
  if (const std::int64_t next = schedule_.next_change(wall); next != 0) {
    const double d = static_cast<double>(next - wall);
    out = out ? std::min(*out, d) : d;
  }
  return out;
}

}  // namespace kiosk::platform
