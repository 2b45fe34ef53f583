#pragma once
// Shared by the page route files (console/web/*_pages.cpp): sessions, rendering and the wrappers
// that guard every page and every POST. Private to console/web.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "console/web/web_context.hpp"

namespace kiosk::console {

constexpr const char* kSessionCookie = "kc_session";
constexpr const char* kLangCookie = "kc_lang";

struct PageRequest {
  Session session;
  Lang lang = Lang::zh;
};

Lang lang_of(const httplib::Request& req, httplib::Response& res);
std::string session_cookie(const WebContext& ctx, const std::string& value, bool clear);
// The session of a request, or a redirect to the login page.
std::optional<PageRequest> page_auth(WebContext& ctx, const httplib::Request& req, httplib::Response& res);
// A page in the layout; with `pr` the navigation, the user and the CSRF token are filled in.
void render(WebContext& ctx, httplib::Response& res, const std::string& page, nlohmann::json data,
            const PageRequest* pr, Lang lang, int status = 200);
void refuse(WebContext& ctx, httplib::Response& res, const PageRequest& pr, int status,
            const std::string& message_key, const std::string& detail = "");
// CSRF token and origin, on every POST of a logged-in page.
bool post_allowed(WebContext& ctx, const httplib::Request& req, httplib::Response& res, const PageRequest& pr,
                  const std::map<std::string, std::string>& form);
// A query parameter for a template section: absent or empty is false (an empty string would show it).
nlohmann::json flag(const httplib::Request& req, const char* name);

// A page for logged-in staff; without a session the browser goes to the login page.
using PageHandler = std::function<void(const PageRequest&, const httplib::Request&, httplib::Response&)>;
httplib::Server::Handler page(WebContext& ctx, PageHandler handler);
// A state change from a page: a session, then the CSRF token and the origin, before the handler runs.
using PostHandler = std::function<void(const PageRequest&, std::map<std::string, std::string>&,
                                       const httplib::Request&, httplib::Response&)>;
httplib::Server::Handler posted_page(WebContext& ctx, PostHandler handler);

// "2026-12-02 10:04" in Beijing time; "" for 0.
std::string local_time(content::UnixSeconds t);
// An item's title (or name, or label) in the page's language, Chinese when English is missing.
std::string title_zh_en(const nlohmann::json& item, Lang lang);

}  // namespace kiosk::console
