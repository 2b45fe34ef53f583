#pragma once
// What every route handler shares, and the small helpers they use. Private to console/web.
#include <httplib.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "console/core/accounts.hpp"
#include "console/core/fleet.hpp"
#include "console/core/items.hpp"
#include "console/core/publisher.hpp"
#include "console/core/webhook.hpp"
#include "console/web/server.hpp"
#include "console/web/strings.hpp"
#include "console/web/views.hpp"

namespace kiosk::console {

// Token buckets per principal: an integration in a loop gets 429 instead of starving the console.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}
  // Whether one more request is allowed now; otherwise the seconds until it would be.
  std::optional<double> refuse(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  double rate_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

struct WebContext {
  ConsoleDb& db;
  ServeOptions options;
  Accounts accounts;
  ItemStore items;
  Publisher publisher;
  Strings strings;
  Views views;
  RateLimiter limiter;
  RateLimiter pair_limiter;  // per address: guessing a pairing code must stay hopeless
  Fleet fleet;
  WebhookSender webhook;
  WebContext(ConsoleDb& database, ServeOptions opts);
  content::UnixSeconds now() const;
};

// The client's address: nginx's X-Real-IP when the peer is the local proxy.
std::string client_address(const httplib::Request& req);
std::string cookie(const httplib::Request& req, const std::string& name);
// Fields of a multipart or URL-encoded form.
std::map<std::string, std::string> form_fields_of(const httplib::Request& req);
// The request's Origin (or Referer) matches this console: the defence against cross-site posts
// that works even before a session exists (the login form).
bool same_origin(const WebContext& ctx, const httplib::Request& req);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// The token of "Authorization: Bearer <token>", or "".
std::string bearer_token(const httplib::Request& req);
// The request's JSON body, or nullopt with 413 (over max_bytes) or 400 (not JSON) already sent.
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res,
                                        std::size_t max_bytes);
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& field = "");

// The API token of a request (401) within its rate (429); on refusal the response is already sent.
std::optional<Principal> api_principal(WebContext& ctx, const httplib::Request& req, httplib::Response& res);

void add_api_routes(httplib::Server& server, WebContext& ctx);
void add_fleet_api_routes(httplib::Server& server, WebContext& ctx);
void add_fleet_page_routes(httplib::Server& server, WebContext& ctx);
void add_page_routes(httplib::Server& server, WebContext& ctx);

}  // namespace kiosk::console
