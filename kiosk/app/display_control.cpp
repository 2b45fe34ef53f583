#include "kiosk/app/display_control.hpp"

#include "platform/log.hpp"

namespace kiosk::app {

DisplayControl::DisplayControl(platform::DisplaySchedule weekly, double wake_s,
                               const std::filesystem::path& system_root)
    : weekly_(std::move(weekly)),
      power_(weekly_, wake_s),
      backlight_(platform::Backlight::find(system_root)) {
  // A run that ended without our destructor (crash, watchdog, power cut at night) can leave the
  // panel dark; lit_ starts true, so without this the first "on" would never be written.
  if (backlight_ && backlight_->is_on() == false) {
    log::info("display: the backlight was left off by an earlier run; switching it on");
    last_error_ = backlight_->set_on(true);
    if (!last_error_.empty()) log::warn("display: " + last_error_);
  }
}

DisplayControl::~DisplayControl() {
  switch_to(true);
}

void DisplayControl::set_date_overrides(const std::vector<std::pair<std::string, std::string>>& overrides) {
  platform::DisplaySchedule s = weekly_;
  for (const auto& [date, hours] : overrides) {
    try {
      s.set_date_override(date, hours);
    } catch (const platform::ScheduleError& e) {
      log::warn(std::string("display hours: ") + e.what() + " (ignored)");
    }
  }
  power_.set_schedule(std::move(s));
}

void DisplayControl::switch_to(bool on) {
  if (on == lit_) return;
  lit_ = on;
  log::info(on ? "display: on" : "display: off until opening hours or a touch");
  if (!backlight_) return;
  last_error_ = backlight_->set_on(on);
  if (!last_error_.empty()) log::warn("display: " + last_error_);
}

bool DisplayControl::update(const platform::ClockReading& clock, double mono) {
  switch_to(power_.want_on(clock.now(), clock.may_darken(), mono));
  return lit_;
}

bool DisplayControl::touched(const platform::ClockReading& clock, double mono) {
  const bool was_dark = !lit_;
  power_.touched(mono);
  update(clock, mono);
  return was_dark;
}

DisplayControl::State DisplayControl::state() const {
  return State{lit_, power_.schedule().always_on(), backlight_ ? backlight_->name() : "", last_error_};
}

}  // namespace kiosk::app
