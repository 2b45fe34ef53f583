#include "kiosk/app/staff_facts.hpp"

#include <cstdio>

#include "sync/content/time.hpp"

namespace kiosk::app {
namespace {

std::string local_time(platform::WallSeconds t) {
  const auto c = content::to_civil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
  return buf;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

}  // namespace

ui::StaffFacts make_staff_facts(const StaffFactsInput& in) {
  using Row = ui::StaffFacts::Row;
  ui::StaffFacts f;
  const auto row = [&f](std::string label, std::string value, bool warning = false) {
    f.rows.push_back(Row{std::move(label), std::move(value), {}, {}, warning});
  };
  const auto keyed = [&f](std::string label, std::string key, std::vector<std::string> args,
                          bool warning = false) {
    f.rows.push_back(Row{std::move(label), {}, std::move(key), std::move(args), warning});
  };
  using Parts = decltype(Row::parts);
  const auto warning_list = [&f](std::string label, Parts parts) {  // several i18n keys, one row, in red
    f.rows.push_back(Row{std::move(label), {}, {}, {}, true, std::move(parts)});
  };
  if (!in.safe_mode.empty()) row("staff.safe_mode", in.safe_mode, true);
  if (const auto warnings = in.device.warnings(); !warnings.empty()) {
    Parts parts;
    for (const auto& w : warnings) parts.emplace_back("device." + w.code, w.args);
    warning_list("staff.warnings", std::move(parts));
  }
  if (!in.config_problems.empty()) row("staff.config_problems", join(in.config_problems, "; "), true);

  if (in.clock.below_floor()) {
    keyed("staff.clock", "staff.clock_wrong", {local_time(in.clock.wall), local_time(in.clock.floor)}, true);
  } else if (!in.clock.synchronised) {
    keyed("staff.clock", "staff.clock_unsynced", {local_time(in.clock.wall)}, true);
  } else {
    keyed("staff.clock", "staff.clock_ntp", {local_time(in.clock.wall)});
  }
  if (in.screen.always_on)
    keyed("staff.screen", "staff.screen_always", {});
  else if (!in.clock.may_darken())
    keyed("staff.screen", "staff.screen_hours_wait_ntp", {}, true);
  else
    keyed("staff.screen", in.screen.lit ? "staff.screen_hours_on" : "staff.screen_hours_off", {});
  if (in.screen.backlight.empty())
    keyed("staff.backlight", "staff.no_backlight", {});
  else
    row("staff.backlight", in.screen.backlight);
  if (!in.screen.error.empty()) row("staff.backlight", in.screen.error, true);
  row("staff.kiosk_id", in.kiosk_id);
  row("staff.display", in.display);
  if (!in.renderer.empty()) row("staff.renderer", in.renderer);
  if (in.console) {
    const auto& c = *in.console;
    f.console_configured = true;
    if (c.state == "ok") {
      keyed("staff.console", "staff.console_ok", {c.kiosk_id, c.last_beat ? local_time(c.last_beat) : "-"});
    } else if (c.state == "pairing") {
      keyed("staff.console", "staff.console_pairing", {});
    } else if (c.state == "failing") {
      keyed("staff.console", "staff.console_failing", {c.last_error}, true);
    } else if (c.state == "revoked") {
      keyed("staff.console", "staff.console_revoked", {}, true);
    } else if (!c.last_error.empty()) {
      keyed("staff.console", "staff.console_error", {c.last_error}, true);
    } else {
      keyed("staff.console", "staff.console_unpaired", {});
    }
  }

  const auto& d = in.device;
  if (d.model.empty())
    keyed("staff.board", "staff.unknown", {});
  else
    row("staff.board", d.model);
  if (d.cpu_celsius) {
    char t[32];
    std::snprintf(t, sizeof t, "%.1f °C", *d.cpu_celsius);
    row("staff.temperature", t, *d.cpu_celsius >= 80);
  }
  if (d.throttled) {
    Parts parts;
    for (const auto& code : platform::throttled_codes(*d.throttled))
      parts.push_back({"throttle." + code, {}});
    if (parts.empty())
      keyed("staff.power", "staff.power_ok", {});
    else
      warning_list("staff.power", std::move(parts));
  } else if (d.under_voltage_now) {
    if (*d.under_voltage_now)
      keyed("staff.power", "throttle.under_voltage_now", {}, true);
    else
      keyed("staff.power", "staff.power_ok", {});
  }
  if (d.disk_free_bytes && d.disk_total_bytes) {
    keyed("staff.storage", "staff.storage_detail",
          {platform::format_bytes(*d.disk_free_bytes), platform::format_bytes(*d.disk_total_bytes)});
  }
  if (d.memory_available_bytes && d.memory_total_bytes) {
    keyed("staff.memory", "staff.storage_detail",
          {platform::format_bytes(*d.memory_available_bytes), platform::format_bytes(*d.memory_total_bytes)});
  }
  if (d.uptime_s) {
    const auto t = platform::split_duration(*d.uptime_s);
    const auto n = [](long long v) { return std::to_string(v); };
    if (t.days > 0)
      keyed("staff.uptime", "staff.duration_dh", {n(t.days), n(t.hours)});
    else if (t.hours > 0)
      keyed("staff.uptime", "staff.duration_hm", {n(t.hours), n(t.minutes)});
    else
      keyed("staff.uptime", "staff.duration_m", {n(t.minutes)});
  }
  if (d.addresses.empty())
    keyed("staff.network", "staff.no_network", {});
  else
    row("staff.network", join(d.addresses, ", "));
  row("staff.build", in.build);
  return f;
}

ui::SyncView sync_view_of(const sync::ContentService& content, bool clock_trusted, bool safe_mode) {
  ui::SyncView v;
  v.configured = content.syncing();
  if (const auto s = content.sync_status()) {
    v.state = s->state;
    v.offline_since = s->offline_since;
    v.last_success = s->last_success;
    v.last_error = s->last_error;
    v.last_error_code = s->last_error_code;
  }
  v.clock_trusted = clock_trusted;
  v.safe_mode = safe_mode;
  return v;
}

}  // namespace kiosk::app
