#pragma once
// The kiosk's configuration file (/etc/kiosk/kiosk.json on a device; assets/config/kiosk.json is the
// documented default). Every field is optional; a broken file is reported and defaults are used —
// the kiosk must start whatever the file says.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "platform/display_schedule.hpp"
#include "sync/engine/engine.hpp"
#include "sync/fleet/console_link.hpp"

namespace kiosk::app {

struct Config {
  std::string kiosk_id = "lobby-1";
  std::filesystem::path data_dir;      // empty: the platform default
  std::filesystem::path baseline_dir;  // empty: the shipped demo content
  double idle_timeout_s = 90;
  double attract_slide_s = 8;
  std::string staff_pin_hash;            // "pbkdf2-sha256$..."; empty: the staff overlay cannot unlock
  double display_width_mm = 0;           // 0: ask SDL, else guess from the resolution
  double display_diagonal_in = 0;        // the panel's diagonal in inches, if its width is not given
  std::string renderer = "auto";         // "auto" (measured), "software" or "gpu"; --software/--gpu win
  std::optional<sync::SyncConfig> sync;  // the feed; absent: local content only
  // "console": {"url": "https://...", "heartbeat_s": 60, "ca": "/etc/kiosk/ca.pem"}: heartbeats,
  // screenshots and "sync now" from the staff console. Absent: no console, the feed is enough.
  std::optional<fleet::ConsoleConfig> console;
  // "opening_hours": {"mon-fri": "08:00-20:00", "sat": "09:00-12:00", "sun": "closed"}: the screen
  // is dark outside them (content's display_hours override single dates). Absent: always on.
  platform::DisplaySchedule opening_hours;
  double wake_minutes = 5;                  // a touch lights a dark screen for this long
  double safe_mode_retry_minutes = 60;      // safe mode tries normal mode again after this
  double known_good_after_minutes = 10;     // a version that ran this long is the last known good
  std::filesystem::path system_root = "/";  // where /sys and /proc are read (tests: a fake tree)
  std::vector<std::string> problems;        // what was wrong with the file, for the log and staff
};

Config load_config(const std::filesystem::path& file);

}  // namespace kiosk::app
