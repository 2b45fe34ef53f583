#include "sync/fleet/heartbeat.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "sync/content/utf8.hpp"

namespace kiosk::fleet {
namespace {

using nlohmann::json;

json to_json(const KioskReport& r, std::size_t list_cap, std::size_t text_cap) {
  const auto cut = [&](const std::string& s) { return content::utf8::truncate(s, text_cap); };
  json j = {
      {"kiosk_id", r.kiosk_id},
      {"software", cut(r.software)},
      {"content",
       {{"version", r.content_version},
        {"manifest_sha256", r.manifest_sha256},
        {"origin", r.content_origin}}},
      {"sync",
       {{"result", r.sync_result},
        {"last_success", r.last_sync},
        {"last_attempt", r.last_attempt},
        {"failure_code", r.failure_code},
        {"failure", cut(r.failure)},
        {"failures", r.failures},
        {"feed_frozen", r.feed_frozen}}},
      {"safe_mode", r.safe_mode},
      {"clock_trusted", r.clock_trusted},
      {"display",
       {{"state", r.display}, {"width", r.screen_w}, {"height", r.screen_h}, {"renderer", cut(r.renderer)}}},
      {"board", {{"under_voltage", r.under_voltage}}}};
  j["display"]["orientation"] = r.screen_h > r.screen_w ? "portrait" : "landscape";
  if (r.display_on_at) j["display"]["on_at"] = *r.display_on_at;
  json& board = j["board"];
  if (r.cpu_celsius) board["cpu_celsius"] = std::round(*r.cpu_celsius * 10) / 10;
  if (r.throttled) board["throttled"] = *r.throttled;
  if (r.disk_free_bytes) board["disk_free_bytes"] = *r.disk_free_bytes;
  if (r.memory_available_bytes) board["memory_available_bytes"] = *r.memory_available_bytes;
  if (r.uptime_s) board["uptime_s"] = static_cast<std::int64_t>(*r.uptime_s);
  json addresses = json::array();
  for (std::size_t i = 0; i < r.addresses.size() && i < list_cap; ++i)
    addresses.push_back(cut(r.addresses[i]));
  board["addresses"] = addresses;
  json urgent = json::array();
  for (std::size_t i = 0; i < r.urgent_shown.size() && i < list_cap; ++i)
    urgent.push_back(cut(r.urgent_shown[i]));
  if (!urgent.empty()) j["urgent_shown"] = urgent;
  json results = json::array();
  for (std::size_t i = 0; i < r.results.size() && i < list_cap; ++i) {
    results.push_back(
        {{"id", r.results[i].id}, {"result", r.results[i].result}, {"reason", cut(r.results[i].reason)}});
  }
  if (!results.empty()) j["results"] = results;
  // What a healthy kiosk would send as empty is left out: most beats are from healthy kiosks.
  json& sync = j["sync"];
  for (const char* key : {"failure", "failure_code"}) {
    if (sync[key].get<std::string>().empty()) sync.erase(key);
  }
  if (!r.feed_frozen) sync.erase("feed_frozen");
  return j;
}

}  // namespace

std::string KioskReport::serialise() const {
  // Normally about 900 bytes; a kiosk with many addresses or a long failure text is cut down step by
  // step until it fits, so a beat is never refused for its size.
  for (const auto& [lists, text] :
       {std::pair<std::size_t, std::size_t>{16, 400}, {8, 200}, {4, 120}, {2, 64}, {0, 32}}) {
    std::string s = to_json(*this, lists, text).dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() <= kMaxHeartbeatBytes) return s;
  }
  return json{{"kiosk_id", content::utf8::truncate(kiosk_id, 64)}, {"truncated", true}}.dump();
}

HeartbeatReply parse_heartbeat_reply(const std::string& body) {
  json j;
  try {
    j = json::parse(body);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("the console's heartbeat reply is not JSON (") + e.what() + ")");
  }
  if (!j.is_object()) throw std::runtime_error("the console's heartbeat reply is not a JSON object");
  HeartbeatReply r;
  if (auto it = j.find("next_s"); it != j.end() && it->is_number()) r.next_s = it->get<double>();
  if (auto it = j.find("commands"); it != j.end() && it->is_array()) {
    for (const auto& c : *it) {
      if (!c.is_object() || !c.contains("id") || !c["id"].is_number_integer() || !c.contains("kind") ||
          !c["kind"].is_string()) {
        continue;
      }
      const std::string kind = c["kind"].get<std::string>();
      if (kind != "screenshot" && kind != "sync_now") continue;
      r.commands.push_back(Command{c["id"].get<std::int64_t>(), kind});
      if (r.commands.size() >= 8) break;
    }
  }
  return r;
}

}  // namespace kiosk::fleet
