#pragma once
// The panel's backlight through sysfs (<root>/sys/class/backlight/<device>/): the official Raspberry
// Pi touch displays have one, HDMI TVs do not (the app then shows a black screen and stops
// rendering). Writing needs group write access, which the package's udev rule gives the video group.
#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::platform {

class Backlight {
 public:
  // The first backlight device under <root>/sys/class/backlight, if any.
  static std::optional<Backlight> find(const std::filesystem::path& root = "/");

  const std::string& name() const { return name_; }
  // Powers the panel light off or on. Uses bl_power (4 = off, 0 = on) where the driver has it,
  // else brightness 0 and back to the level it had. Returns "" or what went wrong, for staff.
  std::string set_on(bool on);
  std::optional<bool> is_on() const;

 private:
  explicit Backlight(std::filesystem::path dir);
  std::filesystem::path dir_;
  std::string name_;
  int restore_brightness_ = -1;  // brightness before we set it to 0
};

}  // namespace kiosk::platform
