// The plumbing every page shares: the session and language of a request, rendering into the
// layout, refusing with a message, and the wrappers that check the session (and, for a POST, the
// CSRF token and the origin) before a handler runs.
#include "console/web/page_support.hpp"

#include "console/core/secrets.hpp"

namespace kiosk::console {

using content::Collection;
using nlohmann::json;

Lang lang_of(const httplib::Request& req, httplib::Response& res) {
  // A language preference lives in the browser only: setting it changes nothing on the server.
  const std::string asked = req.get_param_value("lang");
  if (asked == "en" || asked == "zh") {
    res.set_header("Set-Cookie",
                   std::string(kLangCookie) + "=" + asked + "; Path=/; Max-Age=31536000; SameSite=Lax");
    return asked == "en" ? Lang::en : Lang::zh;
  }
  return cookie(req, kLangCookie) == "en" ? Lang::en : Lang::zh;
}

std::string session_cookie(const WebContext& ctx, const std::string& value, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (ctx.options.secure_cookies) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

std::optional<PageRequest> page_auth(WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  PageRequest pr;
  pr.lang = lang_of(req, res);
  auto s = ctx.accounts.session(cookie(req, kSessionCookie), client_address(req), ctx.now());
  if (!s) {
    res.set_redirect("/login");
    return std::nullopt;
  }
  pr.session = std::move(*s);
  return pr;
}

void render(WebContext& ctx, httplib::Response& res, const std::string& page, json data,
            const PageRequest* pr, Lang lang, int status) {
  if (pr) {
    data["user"] = pr->session.who.name;
    data["role"] = ctx.strings.tr("role." + std::string(role_name(pr->session.who.role)), lang);
    data["csrf"] = pr->session.csrf;
    data["can_edit"] = pr->session.who.at_least(Role::editor);
    data["can_publish"] = pr->session.who.at_least(Role::publisher);
    data["can_admin"] = pr->session.who.at_least(Role::admin);
    data["logged_in"] = true;
    json nav = json::array();
    for (Collection c : content::kAllCollections) {
      nav.push_back(
          json{{"href", "/c/" + std::string(content::collection_name(c))},
               {"label", ctx.strings.tr("collection." + std::string(content::collection_name(c)), lang)}});
    }
    data["collections"] = nav;
  }
  data["page_" + page] = true;
  res.status = status;
  res.set_content(ctx.views.page(page, std::move(data), ctx.strings, lang), "text/html; charset=utf-8");
}

void refuse(WebContext& ctx, httplib::Response& res, const PageRequest& pr, int status,
            const std::string& message_key, const std::string& detail) {
  render(ctx, res, "message",
         json{{"message", ctx.strings.tr(message_key, pr.lang)},
              {"detail", detail.empty() ? json() : json(detail)}},
         &pr, pr.lang, status);
}

// CSRF token and origin, on every POST of a logged-in page.
bool post_allowed(WebContext& ctx, const httplib::Request& req, httplib::Response& res, const PageRequest& pr,
                  const std::map<std::string, std::string>& form) {
  auto it = form.find("_csrf");
  if (it == form.end() || !constant_time_equal(it->second, pr.session.csrf) || !same_origin(ctx, req)) {
    refuse(ctx, res, pr, 403, "error.csrf");
    return false;
  }
  return true;
}

// A query parameter for a template section: absent or empty is false (an empty string would show it).
json flag(const httplib::Request& req, const char* name) {
  const std::string v = req.get_param_value(name);
  return v.empty() ? json() : json(v);
}

// A page for logged-in staff; without a session the browser goes to the login page.
httplib::Server::Handler page(WebContext& ctx, PageHandler handler) {
  return [&ctx, handler](const httplib::Request& req, httplib::Response& res) {
    if (auto pr = page_auth(ctx, req, res)) handler(*pr, req, res);
  };
}

// A state change from a page: a session, then the CSRF token and the origin, before the handler runs.
httplib::Server::Handler posted_page(WebContext& ctx, PostHandler handler) {
  return [&ctx, handler](const httplib::Request& req, httplib::Response& res) {
    auto pr = page_auth(ctx, req, res);
    if (!pr) return;
    auto form = form_fields_of(req);
    if (post_allowed(ctx, req, res, *pr, form)) handler(*pr, form, req, res);
  };
}

std::string local_time(content::UnixSeconds t) {
  if (t == 0) return "";
  auto s = content::format_iso8601(t);
  return s.substr(0, 10) + " " + s.substr(11, 5);
}

std::string title_zh_en(const json& item, Lang lang) {
  for (const char* key : {"title", "name"}) {
    auto it = item.find(key);
    if (it != item.end() && it->is_object()) {
      const std::string en = it->value("en", ""), zh = it->value("zh", "");
      return lang == Lang::en && !en.empty() ? en : zh;
    }
  }
  if (item.contains("label") && item["label"].is_string()) return item["label"].get<std::string>();
  return "";
}

}  // namespace kiosk::console
