#include "console/web/server.hpp"

#include <ctime>

#include "console/core/fleet_monitor.hpp"
#include "console/web/web_context.hpp"
#include "platform/log.hpp"
#include "sync/content/json_limits.hpp"

namespace kiosk::console {

std::optional<double> RateLimiter::refuse(const std::string& key) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) {
    b.tokens = std::min(burst_, b.tokens + std::chrono::duration<double>(now - b.at).count() * rate_);
    b.at = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  return (1.0 - b.tokens) / rate_;
}

WebContext::WebContext(ConsoleDb& database, ServeOptions opts)
    : db(database),
      options(std::move(opts)),
      accounts(database, options.session),
      items(database),
      publisher(database, items, options.publisher,
                [] { return static_cast<content::UnixSeconds>(std::time(nullptr)); }),
      strings(Strings::load(options.asset_dir / "console" / "i18n")),
      views(Views::load(options.asset_dir / "console" / "templates")),
      limiter(options.api_rate_per_s, options.api_burst),
      pair_limiter(0.2, 10),
      fleet(database, options.fleet, [] { return static_cast<content::UnixSeconds>(std::time(nullptr)); }),
      webhook([&database] { return database.setting("webhook_url"); }, options.public_origin) {}

content::UnixSeconds WebContext::now() const {
  return static_cast<content::UnixSeconds>(std::time(nullptr));
}

std::string client_address(const httplib::Request& req) {
  if (req.remote_addr == "127.0.0.1" || req.remote_addr == "::1") {
    const std::string forwarded = req.get_header_value("X-Real-IP");
    if (!forwarded.empty()) return forwarded;
  }
  return req.remote_addr;
}

std::string cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    part.erase(0, part.find_first_not_of(' '));
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

std::map<std::string, std::string> form_fields_of(const httplib::Request& req) {
  std::map<std::string, std::string> form;
  for (const auto& [k, v] : req.params) form[k] = v;
  for (const auto& [k, f] : req.files) {
    if (f.filename.empty()) form[k] = f.content;
  }
  return form;
}

bool same_origin(const WebContext& ctx, const httplib::Request& req) {
  std::string origin = req.get_header_value("Origin");
  if (origin.empty() || origin == "null") {
    // Browsers send Origin on every cross-site POST; without it, fall back to the Referer.
    const std::string referer = req.get_header_value("Referer");
    if (referer.empty()) return origin.empty();  // a non-browser client: the CSRF token decides
    const auto scheme_end = referer.find("://");
    const auto path = scheme_end == std::string::npos ? std::string::npos : referer.find('/', scheme_end + 3);
    origin = referer.substr(0, path);
  }
  if (!ctx.options.public_origin.empty()) return origin == ctx.options.public_origin;
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string::npos) return false;
  return origin.substr(scheme_end + 3) == req.get_header_value("Host");
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

std::string bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  return header.rfind(prefix, 0) == 0 ? header.substr(prefix.size()) : "";
}

std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res,
                                        std::size_t max_bytes) {
  if (req.body.size() > max_bytes) {
    send_error(res, 413, "too_large",
               "the body may have at most " + std::to_string(max_bytes / 1024) + " KB of JSON");
    return std::nullopt;
  }
  try {
    return content::parse_json_limited(req.body);
  } catch (const std::exception& e) {
    send_error(res, 400, "bad_json", std::string("the body is not valid JSON: ") + e.what());
    return std::nullopt;
  }
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& field) {
  nlohmann::json body = {{"error", code}, {"message", message}};
  if (!field.empty()) body["field"] = field;
  send_json(res, status, body);
}

struct ConsoleServer::Impl {
  WebContext ctx;
  httplib::Server server;
  FleetMonitor monitor;
  Impl(ConsoleDb& db, ServeOptions options)
      : ctx(db, std::move(options)), monitor(ctx.fleet, ctx.webhook, ctx.options.fleet_tick_s) {}
};

ConsoleServer::ConsoleServer(ConsoleDb& db, ServeOptions options)
    : impl_(std::make_unique<Impl>(db, std::move(options))) {
  auto& server = impl_->server;
  auto& ctx = impl_->ctx;
  // Room for one image upload (8 MB) and its form; anything larger is refused before it is read whole.
  server.set_payload_max_length(9 * 1024 * 1024);
  server.set_read_timeout(30, 0);
  server.set_write_timeout(30, 0);
  server.set_post_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
    if (req.path.rfind("/api/", 0) == 0) {
      // JSON and images are never rendered as a page: the short policy keeps 500 kiosks' beats small.
      res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      return;
    }
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
                   "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  });
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const bool api = req.path.rfind("/api/", 0) == 0;
    std::string code = "error", message = "the request could not be handled";
    if (res.status == 413)
      code = "too_large", message = "the request is too large (at most 9 MB; images at most 8 MB)";
    if (res.status == 404) code = "not_found", message = "there is nothing at " + req.path;
    if (res.status == 400) code = "bad_request", message = "the request is malformed";
    if (api) {
      send_error(res, res.status, code, message);
    } else {
      res.set_content("<!doctype html><meta charset=utf-8><title>" + std::to_string(res.status) +
                          "</title><p>" + std::to_string(res.status) + ": " + message +
                          "</p><p><a href=\"/\">控制台 / Console</a></p>",
                      "text/html; charset=utf-8");
    }
  });
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        log::error("console: " + req.method + " " + req.path + ": " + what);
        send_error(res, 500, "internal", "the console could not finish this request: " + what);
      });
  add_fleet_api_routes(server, ctx);  // before the collections' catch-all /api/v1/<collection>
  add_api_routes(server, ctx);
  add_page_routes(server, ctx);
  add_fleet_page_routes(server, ctx);
  server.set_mount_point("/static", (ctx.options.asset_dir / "console" / "static").string());
}

ConsoleServer::~ConsoleServer() {
  stop();
}

void ConsoleServer::run() {
  auto& ctx = impl_->ctx;
  if (!impl_->server.bind_to_port(ctx.options.host, ctx.options.port)) {
    throw std::runtime_error("cannot listen on " + ctx.options.host + ":" + std::to_string(ctx.options.port) +
                             " (in use, or not an address of this machine)");
  }
  ctx.items.on_immediate_change([&ctx] { ctx.publisher.notify_immediate(); });
  ctx.publisher.start();
  log::info("kiosk-console listening on http://" + ctx.options.host + ":" + std::to_string(ctx.options.port));
  impl_->server.listen_after_bind();
}

void ConsoleServer::stop() {
  impl_->server.stop();
}

}  // namespace kiosk::console
