// The web console's pages: server-rendered, Chinese first, every state change a POST with the
// session's CSRF token and a same-origin check; GET never changes anything on the server.
#include <algorithm>
#include <functional>

#include "console/core/image_library.hpp"
#include "console/core/item_check.hpp"
#include "console/core/secrets.hpp"
#include "console/web/forms.hpp"
#include "console/web/page_support.hpp"
#include "console/web/web_context.hpp"
#include "platform/files.hpp"

namespace kiosk::console {
namespace {

using content::Collection;
using nlohmann::json;
using O = ChangeResult::Outcome;

// The revision a form was opened at (its hidden _revision field); 0 for a new item.
std::int64_t revision_of(const std::map<std::string, std::string>& form) {
  auto it = form.find("_revision");
  try {
    return it == form.end() ? 0 : std::stoll(it->second);
  } catch (const std::exception&) {
    return 0;
  }
}

std::string change_message(WebContext& ctx, const ChangeResult& r, Lang lang) {
  switch (r.outcome) {
    case O::saved:
      return ctx.strings.tr("flash.saved", lang);
    case O::pending:
      return ctx.strings.tr("flash.pending", lang);
    default:
      return r.message;
  }
}

std::vector<std::string> space_ids(WebContext& ctx) {
  std::vector<std::string> out;
  for (const auto& r : ctx.items.list(Collection::spaces)) out.push_back(r.id);
  return out;
}

std::vector<std::string> image_names(WebContext& ctx) {
  std::vector<std::string> out;
  for (const auto& i : list_images(ctx.db)) out.push_back(i.name);
  return out;
}

void show_form(WebContext& ctx, httplib::Response& res, const PageRequest& pr, Collection c,
               const std::string& id, const json& item, std::int64_t revision,
               const std::vector<FieldError>& errors, const std::string& notice, int status = 200,
               bool conflict = false) {
  json data = {
      {"collection", std::string(content::collection_name(c))},
      {"collection_label", ctx.strings.tr("collection." + std::string(content::collection_name(c)), pr.lang)},
      {"id", id.empty() ? json() : json(id)},  // Mustache treats "" as true: a new item has no id at all
      {"is_new", id.empty()},
      {"revision", std::to_string(revision)},
      {"fields", form_view(c, item, errors, space_ids(ctx), image_names(ctx))},
      {"can_delete", !id.empty() && c != Collection::meta},
      {"conflict", conflict}};
  std::map<std::string, std::string> space_names;
  for (const auto& r : ctx.items.list(Collection::spaces)) space_names[r.id] = title_zh_en(r.json(), pr.lang);
  for (auto& f : data["fields"]) {
    f["label"] = ctx.strings.tr("field." + f["key"].get<std::string>(), pr.lang);
    // Choices read as words, not as the values stored in the content files.
    const std::string set = f.value("choice_set", "");
    if (!f.contains("options")) continue;
    for (auto& option : f["options"]) {
      const std::string value = option["value"];
      option["label"] = !set.empty() ? ctx.strings.tr("choice." + set + "." + value, pr.lang)
                        : f["key"] == "space" && space_names.count(value)
                            ? space_names[value] + " (" + value + ")"
                            : value;
    }
  }
  if (!errors.empty()) {
    json list = json::array();
    for (const auto& e : errors) {
      list.push_back(json{{"field", e.field.empty() ? json() : json(e.field)}, {"message", e.message}});
    }
    data["errors"] = list;
    data["has_errors"] = true;
  }
  if (!notice.empty()) data["notice"] = notice;
  render(ctx, res, "item_form", data, &pr, pr.lang, status);
}

void login_page(WebContext& ctx, const httplib::Request& req, httplib::Response& res,
                const std::string& error_key, int status = 200) {
  const Lang lang = lang_of(req, res);
  json data = json::object();
  if (!error_key.empty()) data["error"] = ctx.strings.tr(error_key, lang);
  render(ctx, res, "login", data, nullptr, lang, status);
}

}  // namespace

void add_page_routes(httplib::Server& server, WebContext& ctx) {
  server.Get("/login",
             [&](const httplib::Request& req, httplib::Response& res) { login_page(ctx, req, res, ""); });

  server.Post("/login", [&](const httplib::Request& req, httplib::Response& res) {
    if (!same_origin(ctx, req)) return login_page(ctx, req, res, "error.csrf", 403);
    auto form = form_fields_of(req);
    const auto result = ctx.accounts.login(form["name"], form["password"], client_address(req), ctx.now());
    if (result.outcome == LoginResult::Outcome::throttled) {
      res.set_header("Retry-After", std::to_string(result.retry_after_s));
      return login_page(ctx, req, res, "login.throttled", 429);
    }
    if (result.outcome != LoginResult::Outcome::ok) return login_page(ctx, req, res, "login.wrong", 401);
    res.set_header("Set-Cookie", session_cookie(ctx, result.session_id, false));
    res.set_redirect("/", 303);
  });

  server.Post("/logout", posted_page(ctx, [&](const PageRequest&, std::map<std::string, std::string>&,
                                              const httplib::Request& req, httplib::Response& res) {
                ctx.accounts.logout(cookie(req, kSessionCookie));
                res.set_header("Set-Cookie", session_cookie(ctx, "", true));
                res.set_redirect("/login", 303);
              }));

  server.Get("/", page(ctx, [&](const PageRequest& pr, const httplib::Request&, httplib::Response& res) {
               json data = json::object();
               if (auto latest = ctx.publisher.latest()) {
                 data["latest"] = json{{"version", latest->version},
                                       {"at", local_time(latest->at)},
                                       {"by", latest->by},
                                       {"reason", latest->reason}};
               }
               data["draft_changes"] = ctx.publisher.changes_since_last().size();
               data["pending"] = ctx.items.pending().size();
               const content::UnixSeconds now = ctx.now();
               std::vector<std::pair<content::UnixSeconds, json>> upcoming;
               for (const auto& r : ctx.items.list(Collection::events)) {
                 const json e = r.json();
                 const auto end = content::parse_iso8601(e.value("end", ""));
                 if (!end || *end < now) continue;
                 upcoming.push_back(
                     {content::parse_iso8601(e.value("start", "")).value_or(0),
                      json{{"id", r.id},
                           {"title", title_zh_en(e, pr.lang)},
                           {"start", local_time(content::parse_iso8601(e.value("start", "")).value_or(0))}}});
               }
               std::sort(upcoming.begin(), upcoming.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
               json next = json::array();
               for (std::size_t i = 0; i < upcoming.size() && i < 5; ++i) next.push_back(upcoming[i].second);
               data["next_events"] = next;
               const auto fleet = ctx.fleet.list();
               data["fleet_total"] = fleet.size();
               data["fleet_bad"] = std::count_if(fleet.begin(), fleet.end(), [](const KioskSummary& k) {
                 return k.state <= KioskState::under_voltage;
               });
               render(ctx, res, "dashboard", data, &pr, pr.lang);
             }));

  server.Get(R"(/c/([a-z_]+))",
             page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
               auto c = content::collection_from_name(req.matches[1].str());
               if (!c) return refuse(ctx, res, pr, 404, "error.not_found");
               if (*c == Collection::meta) return res.set_redirect("/c/meta/meta");
               json rows = json::array();
               for (const auto& r : ctx.items.list(*c)) {
                 rows.push_back(json{{"id", r.id},
                                     {"title", title_zh_en(r.json(), pr.lang)},
                                     {"space", r.space},
                                     {"updated_by", r.updated_by},
                                     {"updated_at", local_time(r.updated_at)}});
               }
               const std::string name(content::collection_name(*c));
               render(ctx, res, "item_list",
                      json{{"collection", name},
                           {"collection_label", ctx.strings.tr("collection." + name, pr.lang)},
                           {"rows", rows},
                           {"count", rows.size()},
                           {"saved", flag(req, "saved")}},
                      &pr, pr.lang);
             }));

  server.Get(R"(/c/([a-z_]+)/([^/]+))",
             page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
               auto c = content::collection_from_name(req.matches[1].str());
               if (!c) return refuse(ctx, res, pr, 404, "error.not_found");
               const std::string id = req.matches[2];
               if (id == "_new") return show_form(ctx, res, pr, *c, "", json::object(), 0, {}, "");
               auto r = ctx.items.get(*c, id);
               if (!r) return refuse(ctx, res, pr, 404, "error.not_found", id);
               show_form(ctx, res, pr, *c, id, r->json(), r->revision, {},
                         req.get_param_value("saved") == "1" ? ctx.strings.tr("flash.saved", pr.lang) : "");
             }));

  server.Post(
      R"(/c/([a-z_]+)/([^/]+))",
      posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                           const httplib::Request& req, httplib::Response& res) {
        auto c = content::collection_from_name(req.matches[1].str());
        if (!c) return refuse(ctx, res, pr, 404, "error.not_found");
        std::vector<FieldError> form_errors;
        json item = item_from_form(*c, form, form_errors);
        const bool is_new = req.matches[2] == "_new";
        const std::string id = *c == Collection::meta
                                   ? kMetaId
                                   : (is_new ? item.value("id", std::string()) : req.matches[2].str());
        if (*c != Collection::meta && !is_new) item["id"] = id;
        const std::int64_t base = revision_of(form);
        if (!form_errors.empty())
          return show_form(ctx, res, pr, *c, is_new ? "" : id, item, base, form_errors, "", 400);
        if (id.empty())
          return show_form(ctx, res, pr, *c, "", item, base,
                           {{"id", ctx.strings.tr("error.id_required", pr.lang)}}, "", 400);
        const auto r = ctx.items.put(pr.session.who, *c, id, item, base, ctx.now());
        switch (r.outcome) {
          case O::saved:
            res.set_redirect("/c/" + std::string(content::collection_name(*c)) + "/" + id + "?saved=1", 303);
            return;
          case O::pending:
            return refuse(ctx, res, pr, 202, "flash.pending",
                          std::string(content::collection_name(*c)) + "/" + id);
          case O::invalid:
            return show_form(ctx, res, pr, *c, is_new ? "" : id, item, base, r.errors, "", 400);
          case O::conflict: {
            std::string words = ctx.strings.tr("error.conflict", pr.lang);
            if (!r.conflict_by.empty()) words += " " + r.conflict_by + " · " + local_time(r.conflict_at);
            // The staff member's input stays in the form; the link opens the other person's version.
            return show_form(ctx, res, pr, *c, is_new ? "" : id, item, base, {{"", words}}, "", 409, true);
          }
          case O::forbidden:
            return refuse(ctx, res, pr, 403, "error.forbidden", r.message);
          case O::not_found:
            return refuse(ctx, res, pr, 404, "error.not_found", r.message);
        }
      }));

  server.Post(
      R"(/c/([a-z_]+)/([^/]+)/delete)",
      posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                           const httplib::Request& req, httplib::Response& res) {
        auto c = content::collection_from_name(req.matches[1].str());
        if (!c) return refuse(ctx, res, pr, 404, "error.not_found");
        const std::int64_t base = revision_of(form);
        const auto r =
            ctx.items.remove(pr.session.who, *c, req.matches[2],
                             base > 0 ? std::optional<std::int64_t>(base) : std::nullopt, ctx.now());
        if (r.outcome == O::saved)
          return res.set_redirect("/c/" + std::string(content::collection_name(*c)) + "?saved=deleted", 303);
        const int status = r.outcome == O::pending     ? 202
                           : r.outcome == O::forbidden ? 403
                           : r.outcome == O::conflict  ? 409
                                                       : 400;
        std::string detail = change_message(ctx, r, pr.lang);
        for (const auto& e : r.errors) detail += e.message;
        refuse(ctx, res, pr, status, r.outcome == O::pending ? "flash.pending" : "error.not_saved", detail);
      }));

  server.Get(
      "/desks", page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
        // Space -> zone -> desks, in the staff's order.
        json spaces = json::array();
        std::map<std::string, std::size_t> space_index;
        for (const auto& s : ctx.items.list(Collection::spaces)) {
          space_index[s.id] = spaces.size();
          spaces.push_back(
              json{{"id", s.id}, {"name", title_zh_en(s.json(), pr.lang)}, {"zones", json::array()}});
        }
        const content::UnixSeconds now = ctx.now();
        for (const auto& r : ctx.items.list(Collection::desks)) {
          const json d = r.json();
          auto it = space_index.find(r.space);
          if (it == space_index.end()) continue;
          json& zones = spaces[it->second]["zones"];
          const std::string zone_zh = d.contains("zone") ? d["zone"].value("zh", "") : "";
          const std::string zone_label =
              pr.lang == Lang::en && d.contains("zone") ? d["zone"].value("en", zone_zh) : zone_zh;
          json* zone = nullptr;
          for (auto& z : zones) {
            if (z["zone_zh"] == zone_zh) zone = &z;
          }
          if (!zone) {
            zones.push_back(json{
                {"zone_zh", zone_zh}, {"label", zone_label}, {"space", r.space}, {"desks", json::array()}});
            zone = &zones.back();
          }
          const std::string status = d.value("status", "unknown");
          const auto at = content::parse_iso8601(d.value("status_at", "")).value_or(0);
          const bool stale = at + d.value("max_age_s", 1800) < now;
          json buttons = json::array();
          for (const char* s : {"free", "booked", "occupied", "out_of_service"}) {
            buttons.push_back(json{{"status", s},
                                   {"label", ctx.strings.tr(std::string("desk_status.") + s, pr.lang)},
                                   {"current", status == s}});
          }
          (*zone)["desks"].push_back(json{{"id", r.id},
                                          {"label", d.value("label", r.id)},
                                          {"status", status},
                                          {"status_label", ctx.strings.tr("desk_status." + status, pr.lang)},
                                          {"stale", stale},
                                          {"at", local_time(at)},
                                          {"buttons", buttons}});
        }
        json statuses = json::array();
        for (const char* s : {"free", "booked", "occupied", "out_of_service"}) {
          statuses.push_back(
              json{{"status", s}, {"label", ctx.strings.tr(std::string("desk_status.") + s, pr.lang)}});
        }
        render(ctx, res, "desks",
               json{{"spaces", spaces}, {"statuses", statuses}, {"saved", flag(req, "saved")}}, &pr, pr.lang);
      }));

  server.Post(
      R"(/desks/([^/]+))",
      posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                           const httplib::Request& req, httplib::Response& res) {
        const content::UnixSeconds now = ctx.now();
        std::vector<std::string> ids;
        if (req.matches[1] == "_zone") {
          for (const auto& r : ctx.items.list(Collection::desks)) {
            const json d = r.json();
            if (r.space == form["space"] && d.contains("zone") && d["zone"].value("zh", "") == form["zone"])
              ids.push_back(r.id);
          }
        } else {
          ids.push_back(req.matches[1]);
        }
        std::string failures;
        for (const auto& id : ids) {
          const auto r = ctx.items.set_desk_status(pr.session.who, id, form["status"], std::nullopt, now);
          if (!r.ok())
            failures += id + ": " + (r.errors.empty() ? r.message : r.errors.front().message) + "; ";
        }
        if (!failures.empty()) return refuse(ctx, res, pr, 400, "error.not_saved", failures);
        res.set_redirect("/desks?saved=" + std::to_string(ids.size()), 303);
      }));

  server.Get(
      "/urgent", page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
        json active = json::array();
        const content::UnixSeconds now = ctx.now();
        const auto fleet = ctx.fleet.list();
        for (const auto& r : ctx.items.list(Collection::notices)) {
          const json n = r.json();
          if (n.value("priority", "") != "urgent") continue;
          const auto ends = content::parse_iso8601(n.value("ends", "")).value_or(0);
          // Per paired kiosk the notice is meant for: is it on that screen yet (its last beat)?
          const json targets = n.value("kiosk_ids", json::array());
          json screens = json::array();
          for (const auto& k : fleet) {
            if (k.state == KioskState::revoked || k.paired_at == 0) continue;
            if (!targets.empty() && std::find(targets.begin(), targets.end(), json(k.id)) == targets.end())
              continue;
            const json shown = k.facts.value("urgent_shown", json::array());
            screens.push_back(json{
                {"id", k.id}, {"shown", std::find(shown.begin(), shown.end(), json(r.id)) != shown.end()}});
          }
          active.push_back(json{{"id", r.id},
                                {"title", title_zh_en(n, pr.lang)},
                                {"ends", local_time(ends)},
                                {"over", ends <= now},
                                {"screens", screens},
                                {"revision", std::to_string(r.revision)}});
        }
        std::string kiosks;
        for (const auto& k : fleet) {
          if (k.state != KioskState::revoked) kiosks += (kiosks.empty() ? "" : ", ") + k.id;
        }
        render(ctx, res, "urgent",
               json{{"notices", active},
                    {"known_kiosks", kiosks},
                    {"default_ends", local_time(now + 4 * 3600).replace(10, 1, "T")},
                    {"saved", flag(req, "saved")}},
               &pr, pr.lang);
      }));

  server.Post("/urgent", posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                                              const httplib::Request&, httplib::Response& res) {
                const content::UnixSeconds now = ctx.now();
                std::map<std::string, std::string> fields = form;
                const std::string id = "urgent-" + std::to_string(now);
                fields["f.id"] = id;
                fields["f.priority"] = "urgent";
                fields["f.starts"] = local_time(now).replace(10, 1, "T");
                std::vector<FieldError> errors;
                json item = item_from_form(Collection::notices, fields, errors);
                ChangeResult r;
                if (errors.empty())
                  r = ctx.items.put(pr.session.who, Collection::notices, id, item, 0, now, Route::immediate);
                if (!errors.empty() || !r.ok()) {
                  std::string detail;
                  for (const auto& e : errors.empty() ? r.errors : errors)
                    detail += e.field + ": " + e.message + "; ";
                  if (detail.empty()) detail = r.message;
                  return refuse(ctx, res, pr, r.outcome == O::forbidden ? 403 : 400, "error.not_saved",
                                detail);
                }
                res.set_redirect("/urgent?saved=1", 303);
              }));

  server.Post(R"(/urgent/([^/]+)/end)",
              posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>&,
                                   const httplib::Request& req, httplib::Response& res) {
                auto r = ctx.items.get(Collection::notices, req.matches[1]);
                if (!r) return refuse(ctx, res, pr, 404, "error.not_found");
                json n = r->json();
                const content::UnixSeconds now = ctx.now();
                n["ends"] = content::format_iso8601(
                    std::max(now, content::parse_iso8601(n.value("starts", "")).value_or(now) + 60));
                const auto out = ctx.items.put(pr.session.who, Collection::notices, r->id, n, r->revision,
                                               now, Route::immediate);
                if (!out.ok()) return refuse(ctx, res, pr, 400, "error.not_saved", out.message);
                res.set_redirect("/urgent?saved=1", 303);
              }));

  server.Get("/publish",
             page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
               json changes = json::array();
               for (const auto& d : ctx.publisher.changes_since_last()) {
                 static const char* kinds[] = {"added", "changed", "removed"};
                 const char* kind = kinds[static_cast<int>(d.kind)];
                 changes.push_back(json{{"kind", kind},
                                        {"kind_label", ctx.strings.tr(std::string("diff.") + kind, pr.lang)},
                                        {"collection", ctx.strings.tr("collection." + d.collection, pr.lang)},
                                        {"id", d.id},
                                        {"title", d.title}});
               }
               json history = json::array();
               for (const auto& p : ctx.publisher.history(30)) {
                 history.push_back(json{{"version", std::to_string(p.version)},
                                        {"at", local_time(p.at)},
                                        {"by", p.by},
                                        {"reason", p.reason},
                                        {"added", std::to_string(p.added)},
                                        {"changed", std::to_string(p.changed)},
                                        {"removed", std::to_string(p.removed)},
                                        {"restorable", p.restorable}});
               }
               json pending = json::array();
               for (const auto& p : ctx.items.pending()) {
                 pending.push_back(
                     json{{"id", std::to_string(p.id)},
                          {"target", std::string(content::collection_name(p.collection)) + "/" + p.item_id},
                          {"title", p.body ? title_zh_en(json::parse(*p.body), pr.lang) : ""},
                          {"is_delete", !p.body},
                          {"by", p.proposed_by},
                          {"at", local_time(p.proposed_at)},
                          {"own", p.proposed_by == pr.session.who.name}});
               }
               render(ctx, res, "publish",
                      json{{"changes", changes},
                           {"change_count", changes.size()},
                           {"history", history},
                           {"pending", pending},
                           {"result", flag(req, "result")}},
                      &pr, pr.lang);
             }));

  server.Post(
      "/publish", posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                                       const httplib::Request&, httplib::Response& res) {
        if (!pr.session.who.at_least(Role::publisher)) return refuse(ctx, res, pr, 403, "error.forbidden");
        const auto out = ctx.publisher.publish_draft(pr.session.who, form["reason"]);
        if (!out.ok) {
          std::string detail = out.error;
          for (const auto& p : out.problems) detail += p + "\n";
          return refuse(ctx, res, pr, out.problems.empty() ? 500 : 400, "error.not_published", detail);
        }
        res.set_redirect("/publish?result=" + std::to_string(out.version), 303);
      }));

  server.Post(R"(/publish/restore/(\d+))",
              posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>&,
                                   const httplib::Request& req, httplib::Response& res) {
                if (!pr.session.who.at_least(Role::publisher))
                  return refuse(ctx, res, pr, 403, "error.forbidden");
                const auto out = ctx.publisher.restore(pr.session.who, std::stoll(req.matches[1]));
                if (!out.ok) {
                  std::string detail = out.error;
                  for (const auto& p : out.problems) detail += p + "\n";
                  return refuse(ctx, res, pr, 400, "error.not_published", detail);
                }
                res.set_redirect("/publish?result=" + std::to_string(out.version), 303);
              }));

  server.Post(R"(/approvals/(\d+)/(approve|reject))",
              posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>&,
                                   const httplib::Request& req, httplib::Response& res) {
                const std::int64_t id = std::stoll(req.matches[1]);
                const auto r = req.matches[2] == "approve" ? ctx.items.approve(pr.session.who, id, ctx.now())
                                                           : ctx.items.reject(pr.session.who, id, ctx.now());
                if (!r.ok()) {
                  std::string detail = r.message;
                  for (const auto& e : r.errors) detail += e.field + ": " + e.message + "; ";
                  return refuse(ctx, res, pr,
                                r.outcome == O::forbidden  ? 403
                                : r.outcome == O::conflict ? 409
                                                           : 400,
                                "error.not_saved", detail);
                }
                res.set_redirect("/publish", 303);
              }));

  server.Get(
      "/images", page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
        json images = json::array();
        for (const auto& i : list_images(ctx.db)) {
          images.push_back(json{{"name", i.name},
                                {"size", std::to_string(i.width) + "×" + std::to_string(i.height)},
                                {"kb", std::to_string((i.bytes + 1023) / 1024)}});
        }
        render(ctx, res, "images", json{{"images", images}, {"saved", flag(req, "saved")}}, &pr, pr.lang);
      }));

  server.Post("/images", posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                                              const httplib::Request& req, httplib::Response& res) {
                if (!req.has_file("image") || req.get_file_value("image").content.empty()) {
                  return refuse(ctx, res, pr, 400, "error.no_file");
                }
                const auto file = req.get_file_value("image");
                const std::string name =
                    sanitize_image_name(form["name"].empty() ? file.filename : form["name"]);
                const auto up = add_image(ctx.db, pr.session.who, name, file.content, ctx.now());
                if (!up.ok)
                  return refuse(ctx, res, pr, up.error.find("8 MB") != std::string::npos ? 413 : 400,
                                "error.image", up.error);
                res.set_redirect("/images?saved=" + name, 303);
              }));

  server.Get(R"(/image/([A-Za-z0-9._-]+))",
             page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
               for (const auto& i : list_images(ctx.db)) {
                 if (i.name != req.matches[1]) continue;
                 const bool png = i.name.size() > 4 && i.name.substr(i.name.size() - 4) == ".png";
                 res.set_content(platform::read_file(ctx.db.image_dir() / i.sha256, kMaxUploadBytes),
                                 png ? "image/png" : "image/jpeg");
                 res.set_header("Cache-Control", "private, max-age=3600");
                 return;
               }
               refuse(ctx, res, pr, 404, "error.not_found");
             }));

  server.Get(
      "/settings", page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
        json spaces = json::array();
        spaces.push_back(json{{"id", ""},
                              {"name", ctx.strings.tr("settings.zone_wide", pr.lang)},
                              {"four_eyes", ctx.items.approval("") == Approval::four_eyes}});
        for (const auto& s : ctx.items.list(Collection::spaces)) {
          spaces.push_back(json{{"id", s.id},
                                {"name", title_zh_en(s.json(), pr.lang)},
                                {"four_eyes", ctx.items.approval(s.id) == Approval::four_eyes}});
        }
        json users = json::array();
        for (const auto& u : ctx.accounts.users()) {
          users.push_back(json{{"name", u.name},
                               {"role", ctx.strings.tr("role." + std::string(role_name(u.role)), pr.lang)},
                               {"spaces", u.spaces.empty() ? ctx.strings.tr("settings.all_spaces", pr.lang)
                                                           : join_spaces(u.spaces)}});
        }
        const std::string webhook = ctx.db.setting("webhook_url");
        const auto sent = ctx.webhook.status();
        json delivery;  // null until an alert was sent
        if (sent.last_at > 0) {
          delivery = json{{"at", local_time(sent.last_at)},
                          {"delivered", sent.delivered},
                          {"failed", sent.failed},
                          {"error", sent.last_error.empty() ? json() : json(sent.last_error)}};
        }
        render(ctx, res, "settings",
               json{{"spaces", spaces},
                    {"users", users},
                    {"webhook", webhook},
                    {"delivery", delivery},
                    {"saved", flag(req, "saved")}},
               &pr, pr.lang);
      }));

  server.Post("/settings/webhook",
              posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                                   const httplib::Request&, httplib::Response& res) {
                if (!pr.session.who.at_least(Role::admin))
                  return refuse(ctx, res, pr, 403, "error.forbidden");
                const std::string url = form["webhook_url"];
                if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
                  return refuse(ctx, res, pr, 400, "error.not_saved", "http:// or https://");
                }
                ctx.db.set_setting("webhook_url", url);
                res.set_redirect("/settings?saved=1", 303);
              }));

  server.Post("/settings/approval",
              posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                                   const httplib::Request&, httplib::Response& res) {
                if (!pr.session.who.at_least(Role::admin))
                  return refuse(ctx, res, pr, 403, "error.forbidden");
                const auto a = approval_from_name(form["approval"]);
                if (!a) return refuse(ctx, res, pr, 400, "error.not_saved");
                ctx.items.set_approval(pr.session.who, form["space"], *a, ctx.now());
                res.set_redirect("/settings", 303);
              }));
}

}  // namespace kiosk::console
