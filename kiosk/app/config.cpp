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
  if (auto it = j.find("sync"); it != j.end() && !it->is_null()) {
    try {
      c.sync = sync::parse_sync_config(it->dump());
    } catch (const std::exception& e) {
      c.problems.push_back(file.string() + ": " + e.what() + " (not syncing until it is fixed)");
    }
  }
  if (!data_dir.empty()) c.data_dir = data_dir;
  if (!baseline_dir.empty()) c.baseline_dir = baseline_dir;
  if (c.idle_timeout_s < 10) {
    c.problems.push_back(file.string() + ": idle_timeout_s below 10 s is not usable; using 90");
    c.idle_timeout_s = 90;
  }
  return c;
}

}  // namespace kiosk::app
