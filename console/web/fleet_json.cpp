#include "console/web/fleet_json.hpp"

#include <ctime>

#include "console/web/web_context.hpp"

namespace kiosk::console {

using nlohmann::json;

json kiosk_json(const KioskSummary& k, content::UnixSeconds now) {
  json flags = json::array();
  for (KioskState s : k.flags) flags.push_back(std::string(kiosk_state_name(s)));
  const json& f = k.facts;
  const auto group = [&](const char* name) {
    return f.contains(name) && f[name].is_object() ? f[name] : json::object();
  };
  json j = {{"id", k.id},
            {"space", k.space},
            {"state", std::string(kiosk_state_name(k.state))},
            {"flags", flags},
            {"state_since", k.state_since > 0 ? json(content::format_iso8601(k.state_since)) : json()},
            {"last_seen", k.last_seen > 0 ? json(content::format_iso8601(k.last_seen)) : json()},
            {"age_s", k.last_seen > 0 ? json(now - k.last_seen) : json()},
            {"paired", k.paired_at > 0},
            {"heartbeat_s", k.heartbeat_s},
            {"content_version", group("content").value("version", std::int64_t{0})},
            {"manifest_sha256", group("content").value("manifest_sha256", "")},
            {"software", f.value("software", "")},
            {"sync", group("sync")},
            {"display", group("display")},
            {"board", group("board")},
            {"urgent_shown", f.contains("urgent_shown") ? f["urgent_shown"] : json::array()},
            {"pending_commands", k.pending_commands}};
  return j;
}

void send_screenshot(Fleet& fleet, const std::string& kiosk_id, httplib::Response& res) {
  auto shot = fleet.latest_screenshot(kiosk_id);
  if (!shot) return send_error(res, 404, "not_found", "no screenshot of kiosk \"" + kiosk_id + "\" yet");
  res.set_header("X-Screenshot-Time", content::format_iso8601(shot->taken_at));
  const std::time_t t = static_cast<std::time_t>(shot->taken_at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  res.set_header("Last-Modified", date);
  res.set_content(shot->bytes, shot->mime);
}

}  // namespace kiosk::console
