#pragma once
// A kiosk as the API shows it, and the screenshot response both the API and the pages send.
// Private to console/web.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "console/core/fleet.hpp"

namespace kiosk::console {

// {"id", "space", "state", "flags", "last_seen" (ISO 8601 or null), "age_s", "content_version", ...,
//  "report": the last heartbeat as sent}
nlohmann::json kiosk_json(const KioskSummary& k, content::UnixSeconds now);

// The latest image with its time in X-Screenshot-Time (ISO 8601) and Last-Modified; 404 without one.
void send_screenshot(Fleet& fleet, const std::string& kiosk_id, httplib::Response& res);

}  // namespace kiosk::console
