#include "kiosk/app/config.hpp"

#include <nlohmann/json.hpp>
#include <system_error>

#include "platform/files.hpp"
#include "sync/content/json_limits.hpp"

namespace kiosk::app {

Config load_config(const std::filesystem::path& file) {
  Config c;
  std::error_code ec;
  if (file.empty() || !std::filesystem::exists(file, ec)) return c;
  nlohmann::json j;
  try {
    j = content::parse_json_limited(platform::read_file(file, 1 << 20));
  } catch (const std::exception& e) {
    c.problems.push_back(file.string() + ": " + e.what() + " (using defaults)");
    return c;
  }
  if (!j.is_object()) {
    c.problems.push_back(file.string() + ": must be a JSON object (using defaults)");
    return c;
  }
  const auto get = [&](const char* key, auto& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return;
    try {
      out = it->get<std::decay_t<decltype(out)>>();
    } catch (const std::exception&) {
      c.problems.push_back(file.string() + ": " + key + " has the wrong type (ignored)");
    }
  };
  std::string data_dir, baseline_dir;
  get("kiosk_id", c.kiosk_id);
  get("data_dir", data_dir);
  get("baseline_dir", baseline_dir);
  get("idle_timeout_s", c.idle_timeout_s);
  get("attract_slide_s", c.attract_slide_s);
  get("staff_pin_hash", c.staff_pin_hash);
  get("display_width_mm", c.display_width_mm);
  get("display_diagonal_in", c.display_diagonal_in);
  if (c.display_diagonal_in != 0 && (c.display_diagonal_in < 3 || c.display_diagonal_in > 150)) {
    c.problems.push_back(file.string() +
                         ": display_diagonal_in must be a panel's size in inches, 3 to 150 (ignored)");
    c.display_diagonal_in = 0;
  }
  get("renderer", c.renderer);
  if (c.renderer != "auto" && c.renderer != "software" && c.renderer != "gpu") {
    c.problems.push_back(file.string() + ": renderer must be \"auto\", \"software\" or \"gpu\" (using auto)");
    c.renderer = "auto";
  }
  get("wake_minutes", c.wake_minutes);
  get("safe_mode_retry_minutes", c.safe_mode_retry_minutes);
  get("known_good_after_minutes", c.known_good_after_minutes);
  std::string system_root;
  get("system_root", system_root);
  if (!system_root.empty()) c.system_root = system_root;
  if (auto it = j.find("opening_hours"); it != j.end() && !it->is_null()) {
    std::vector<std::pair<std::string, std::string>> week;
    if (!it->is_object()) {
      c.problems.push_back(
          file.string() +
          ": opening_hours must be an object like {\"mon-fri\": \"08:00-20:00\"} (screen stays on)");
    } else {
      // Any doubt keeps the screen on: a day left out of a half-understood schedule would be dark.
      bool usable = true;
      for (const auto& [day, hours] : it->items()) {
        if (hours.is_string()) {
          week.emplace_back(day, hours.get<std::string>());
        } else {
          c.problems.push_back(
              file.string() + ": opening_hours." + day +
              " must be a string like \"08:00-20:00\" or \"closed\" (screen stays on until it is fixed)");
          usable = false;
        }
      }
      if (week.empty() && usable) {
        c.problems.push_back(file.string() + ": opening_hours names no days (screen stays on)");
        usable = false;
      }
      try {
        if (usable) c.opening_hours = platform::DisplaySchedule::parse(week);
      } catch (const platform::ScheduleError& e) {
        c.problems.push_back(file.string() + ": opening_hours: " + e.what() +
                             " (screen stays on until it is fixed)");
      }
    }
  }
  if (auto it = j.find("sync"); it != j.end() && !it->is_null()) {
    try {
      c.sync = sync::parse_sync_config(it->dump());
    } catch (const std::exception& e) {
      c.problems.push_back(file.string() + ": " + e.what() + " (not syncing until it is fixed)");
    }
  }
  if (auto it = j.find("console"); it != j.end() && !it->is_null()) {
    try {
      c.console = fleet::parse_console_config(*it);
    } catch (const std::exception& e) {
      c.problems.push_back(file.string() + ": " + e.what() + " (no console link until it is fixed)");
    }
  }
  if (!data_dir.empty()) c.data_dir = data_dir;
  if (!baseline_dir.empty()) c.baseline_dir = baseline_dir;
  if (c.wake_minutes < 0.5) c.wake_minutes = 0.5;
  if (c.safe_mode_retry_minutes < 5) c.safe_mode_retry_minutes = 5;
  if (c.idle_timeout_s < 10) {
    c.problems.push_back(file.string() + ": idle_timeout_s below 10 s is not usable; using 90");
    c.idle_timeout_s = 90;
  }
  return c;
}

}  // namespace kiosk::app
