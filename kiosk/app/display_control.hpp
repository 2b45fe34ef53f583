#pragma once
// Puts the screen to sleep outside opening hours and wakes it on touch: the configured weekly hours
// with the content's per-date overrides (platform::DisplayPower decides), applied to the panel's
// backlight where the board has one and otherwise to a black, no longer redrawn screen.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/backlight.hpp"
#include "platform/clock.hpp"
#include "platform/display_power.hpp"

namespace kiosk::app {

class DisplayControl {
 public:
  DisplayControl(platform::DisplaySchedule weekly, double wake_s, const std::filesystem::path& system_root);
  // Leaves the panel lit: a technician at a stopped kiosk must see the console, not a dark panel.
  ~DisplayControl();
  DisplayControl(const DisplayControl&) = delete;
  DisplayControl& operator=(const DisplayControl&) = delete;

  // The content's display_hours for single dates; a bad entry is skipped (validation already
  // refused content with one, so this only guards against an older database).
  void set_date_overrides(const std::vector<std::pair<std::string, std::string>>& overrides);

  // Should the screen be lit now? Switches the backlight when the answer changes.
  bool update(const platform::ClockReading& clock, double mono);
  // A touch: lights the screen (if it was dark) for the wake period. True if it was dark, so the
  // touch only woke it and must not also press whatever is under the finger.
  bool touched(const platform::ClockReading& clock, double mono);
  bool lit() const { return lit_; }
  bool has_backlight() const { return backlight_.has_value(); }

  std::optional<double> seconds_to_change(const platform::ClockReading& clock, double mono) const {
    return power_.seconds_to_change(clock.now(), clock.may_darken(), mono);
  }
  // For staff.
  struct State {
    bool lit = true;
    bool always_on = true;  // no opening hours
    std::string backlight;  // the sysfs device, "" on HDMI
    std::string error;      // the last backlight write error
  };
  State state() const;

 private:
  void switch_to(bool on);

  platform::DisplaySchedule weekly_;
  platform::DisplayPower power_;
  std::optional<platform::Backlight> backlight_;
  bool lit_ = true;
  std::string last_error_;
};

}  // namespace kiosk::app
