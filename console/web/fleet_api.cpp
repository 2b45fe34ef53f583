// The fleet's JSON API. Kiosks use three routes with their own token (pair, heartbeat, screenshot
// upload); staff integrations read the fleet and send the two harmless commands with an API token.
#include "console/web/fleet_json.hpp"
#include "console/web/web_context.hpp"

namespace kiosk::console {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxHeartbeatBytes = 4096;         // the kiosk keeps its beats under this
constexpr std::size_t kMaxScreenshotBytes = 500 * 1024;  // 1280 px wide, PNG or JPEG
constexpr std::size_t kMaxPairBytes = 1024;

void unauthorized(httplib::Response& res, const std::string& message) {
  res.set_header("WWW-Authenticate", "Bearer");
  send_error(res, 401, "unauthorized", message);
}

}  // namespace

void add_fleet_api_routes(httplib::Server& server, WebContext& ctx) {
  server.Post("/api/v1/pair", [&](const httplib::Request& req, httplib::Response& res) {
    if (auto wait = ctx.pair_limiter.refuse("pair:" + client_address(req))) {
      res.set_header("Retry-After", std::to_string(static_cast<int>(*wait) + 1));
      send_error(res, 429, "rate_limited", "too many pairing attempts from this address: wait and try again");
      return;
    }
    auto body = json_body(req, res, kMaxPairBytes);
    if (!body) return;
    if (!body->is_object() || !body->contains("code") || !(*body)["code"].is_string()) {
      send_error(res, 400, "bad_request", "send {\"code\": \"the 8-character pairing code\"}", "code");
      return;
    }
    auto grant = ctx.fleet.pair((*body)["code"].get<std::string>(), client_address(req));
    if (!grant) {
      send_error(res, 403, "bad_code",
                 "this pairing code is wrong, used already or expired: ask an admin for a new one (Kiosks → "
                 "Add kiosk)",
                 "code");
      return;
    }
    send_json(
        res, 200,
        json{{"kiosk_id", grant->kiosk_id}, {"token", grant->token}, {"heartbeat_s", grant->heartbeat_s}});
  });

  server.Post("/api/v1/heartbeat", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string token = bearer_token(req);
    if (token.empty()) return unauthorized(res, "a kiosk token is required (Authorization: Bearer <token>)");
    auto body = json_body(req, res, kMaxHeartbeatBytes);
    if (!body) return;
    BeatResult r = ctx.fleet.beat(token, *body);
    if (r.status == 401) return unauthorized(res, r.message);
    if (r.status != 200) return send_error(res, r.status, r.error, r.message);
    send_json(res, 200, r.reply);
  });

  server.Put(R"(/api/v1/screenshots/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    const std::string token = bearer_token(req);
    if (token.empty()) return unauthorized(res, "a kiosk token is required (Authorization: Bearer <token>)");
    if (req.body.size() > kMaxScreenshotBytes) {
      return send_error(res, 413, "too_large", "a screenshot is at most 500 KB (1280 px wide, PNG or JPEG)");
    }
    std::string mime = req.get_header_value("Content-Type");
    mime = mime.substr(0, mime.find(';'));
    if (mime != "image/png" && mime != "image/jpeg") {
      return send_error(res, 415, "unsupported_type", "a screenshot is image/png or image/jpeg");
    }
    std::int64_t id = 0;
    try {
      id = std::stoll(req.matches[1].str());
    } catch (const std::exception&) {
      return send_error(res, 404, "not_found", "no such command");
    }
    switch (ctx.fleet.store_screenshot(token, id, mime, req.body)) {
      case Fleet::Upload::stored:
        return send_json(res, 201, json{{"stored", id}});
      case Fleet::Upload::unauthorized:
        return unauthorized(res, "this kiosk's token is unknown or revoked");
      case Fleet::Upload::unknown_command:
        return send_error(
            res, 404, "not_found",
            "no screenshot was asked of this kiosk under this number, or the image is not a PNG/JPEG");
    }
  });

  server.Get("/api/v1/kiosks", [&](const httplib::Request& req, httplib::Response& res) {
    if (!api_principal(ctx, req, res)) return;
    json list = json::array();
    for (const auto& k : ctx.fleet.list()) list.push_back(kiosk_json(k, ctx.now()));
    send_json(res, 200, json{{"kiosks", list}});
  });

  server.Get(R"(/api/v1/kiosks/([^/]+))", [&](const httplib::Request& req, httplib::Response& res) {
    if (!api_principal(ctx, req, res)) return;
    auto k = ctx.fleet.get(req.matches[1].str());
    if (!k) return send_error(res, 404, "not_found", "there is no kiosk \"" + req.matches[1].str() + "\"");
    json j = kiosk_json(*k, ctx.now());
    json events = json::array();
    for (const auto& e : ctx.fleet.events(k->id, 50)) {
      events.push_back(json{{"at", content::format_iso8601(e.at)}, {"state", e.state}, {"detail", e.detail}});
    }
    j["events"] = events;
    send_json(res, 200, j);
  });

  server.Post(R"(/api/v1/kiosks/([^/]+)/commands)", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = api_principal(ctx, req, res);
    if (!who) return;
    auto body = json_body(req, res, kMaxPairBytes);
    if (!body) return;
    const std::string kind = body->is_object() ? body->value("kind", "") : "";
    if (kind != "screenshot" && kind != "sync_now") {
      return send_error(res, 400, "bad_request", "kind must be \"screenshot\" or \"sync_now\"", "kind");
    }
    auto k = ctx.fleet.get(req.matches[1].str());
    if (!k) return send_error(res, 404, "not_found", "there is no kiosk \"" + req.matches[1].str() + "\"");
    if (!who->at_least(Role::editor) || !who->may_touch_space(k->space)) {
      return send_error(res, 403, "forbidden", "this token may not send commands to kiosks of this space");
    }
    auto id = ctx.fleet.add_command(k->id, kind, *who);
    if (!id) return send_error(res, 409, "revoked", "this kiosk is revoked");
    send_json(res, 202, json{{"id", *id}, {"kind", kind}, {"kiosk", k->id}});
  });

  server.Get(R"(/api/v1/kiosks/([^/]+)/screenshot)",
             [&](const httplib::Request& req, httplib::Response& res) {
               if (!api_principal(ctx, req, res)) return;
               send_screenshot(ctx.fleet, req.matches[1].str(), res);
             });
}

}  // namespace kiosk::console
