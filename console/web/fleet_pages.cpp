// The fleet pages: every kiosk with its state (the worst on top), one kiosk's facts, history and
// latest screenshot, "screenshot now" / "sync now", adding a kiosk (its pairing code) and revoking it.
#include <cmath>

#include "console/web/fleet_json.hpp"
#include "console/web/page_support.hpp"
#include "platform/device_facts.hpp"

namespace kiosk::console {
namespace {

using content::Collection;
using nlohmann::json;

std::string fill(std::string text, const std::string& value) {
  if (auto at = text.find("{n}"); at != std::string::npos) text.replace(at, 3, value);
  return text;
}

// "3 分钟" / "3 min": the largest whole unit.
std::string duration_words(const WebContext& ctx, double seconds, Lang lang) {
  const auto n = [](double v) { return std::to_string(static_cast<long long>(std::floor(v))); };
  if (seconds < 60) return fill(ctx.strings.tr("dur.seconds", lang), n(std::max(0.0, seconds)));
  if (seconds < 3600) return fill(ctx.strings.tr("dur.minutes", lang), n(seconds / 60));
  if (seconds < 2 * 86400) return fill(ctx.strings.tr("dur.hours", lang), n(seconds / 3600));
  return fill(ctx.strings.tr("dur.days", lang), n(seconds / 86400));
}

std::string age_words(const WebContext& ctx, content::UnixSeconds at, content::UnixSeconds now, Lang lang) {
  if (at == 0) return ctx.strings.tr("fleet.never", lang);
  if (now - at < 10) return ctx.strings.tr("fleet.just_now", lang);
  return fill(ctx.strings.tr("fleet.ago", lang), duration_words(ctx, static_cast<double>(now - at), lang));
}

std::string state_words(const WebContext& ctx, KioskState s, Lang lang) {
  return ctx.strings.tr("state." + std::string(kiosk_state_name(s)), lang);
}

// The sync failure in the staff member's language: by its code, with the kiosk's sentence as detail.
std::string failure_words(const WebContext& ctx, const json& sync, Lang lang) {
  const std::string code = sync.value("failure_code", "");
  if (code.empty()) return "";
  const std::string key = "failure." + code;
  return ctx.strings.table(lang).count(key) ? ctx.strings.tr(key, lang) : code;
}

std::map<std::string, std::string> space_names(WebContext& ctx, Lang lang) {
  std::map<std::string, std::string> names;
  for (const auto& r : ctx.items.list(Collection::spaces)) names[r.id] = title_zh_en(r.json(), lang);
  return names;
}

std::string space_label(const std::map<std::string, std::string>& names, const std::string& id,
                        const WebContext& ctx, Lang lang) {
  if (id.empty()) return ctx.strings.tr("settings.zone_wide", lang);
  auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

std::string severity(KioskState s) {
  switch (s) {
    case KioskState::offline:
    case KioskState::safe_mode:
    case KioskState::sync_failing:
    case KioskState::behind:
    case KioskState::under_voltage:
      return "bad";
    case KioskState::hot:
    case KioskState::clock_untrusted:
    case KioskState::late:
      return "warn";
    case KioskState::online:
      return "good";
    default:
      return "quiet";
  }
}

json state_badges(const WebContext& ctx, const KioskSummary& k, Lang lang) {
  json badges = json::array();
  for (KioskState s : k.flags) {
    badges.push_back(json{{"label", state_words(ctx, s, lang)}, {"severity", severity(s)}});
  }
  return badges;
}

json kiosk_row(WebContext& ctx, const KioskSummary& k, const std::map<std::string, std::string>& spaces,
               content::UnixSeconds now, Lang lang) {
  const json sync = k.facts.value("sync", json::object());
  const std::string failure =
      k.flags.end() != std::find(k.flags.begin(), k.flags.end(), KioskState::sync_failing)
          ? failure_words(ctx, sync, lang)
          : "";
  const auto version = k.facts.value("content", json::object()).value("version", std::int64_t{0});
  return json{{"id", k.id},
              {"space", space_label(spaces, k.space, ctx, lang)},
              {"state", std::string(kiosk_state_name(k.state))},
              {"severity", severity(k.state)},
              {"badges", state_badges(ctx, k, lang)},
              {"seen", age_words(ctx, k.last_seen, now, lang)},
              {"version", version > 0 ? json(version) : json()},
              {"failure", failure.empty() ? json() : json(failure)}};
}

json fact_row(const std::string& label, const std::string& value, bool bad = false) {
  return json{{"label", label}, {"value", value}, {"bad", bad}};
}

json kiosk_facts(WebContext& ctx, const KioskSummary& k, Lang lang) {
  const auto tr = [&](const std::string& key) { return ctx.strings.tr(key, lang); };
  const json& f = k.facts;
  const json c = f.value("content", json::object()), s = f.value("sync", json::object()),
             d = f.value("display", json::object()), b = f.value("board", json::object());
  json rows = json::array();
  if (f.empty()) return rows;
  const auto latest = ctx.publisher.latest();
  const auto version = c.value("version", std::int64_t{0});
  std::string shown = version > 0 ? std::to_string(version) : tr("fleet.shipped_content");
  if (latest && latest->version > version)
    shown += " · " + fill(tr("fleet.latest_is"), std::to_string(latest->version));
  rows.push_back(fact_row(tr("fleet.content_version"), shown, latest && latest->version > version));
  const std::string result = s.value("result", "never");
  rows.push_back(fact_row(
      tr("fleet.last_sync"),
      (s.value("last_success", 0) > 0 ? local_time(s.value("last_success", content::UnixSeconds{0})) + " · "
                                      : "") +
          tr(("sync_result." + result).c_str()),
      result == "error"));
  if (const std::string failure = failure_words(ctx, s, lang); !failure.empty()) {
    rows.push_back(fact_row(tr("fleet.failure"), failure + " — " + s.value("failure", ""), true));
  }
  rows.push_back(fact_row(tr("fleet.safe_mode"), tr(f.value("safe_mode", false) ? "fleet.yes" : "fleet.no"),
                          f.value("safe_mode", false)));
  rows.push_back(fact_row(tr("fleet.clock"),
                          tr(f.value("clock_trusted", true) ? "fleet.clock_ok" : "fleet.clock_bad"),
                          !f.value("clock_trusted", true)));
  std::string screen = tr(("display." + d.value("state", std::string("on"))).c_str());
  if (d.value("width", 0) > 0) {
    screen += " · " + std::to_string(d.value("width", 0)) + "×" + std::to_string(d.value("height", 0)) +
              " · " + tr(d.value("orientation", "") == "portrait" ? "fleet.portrait" : "fleet.landscape");
  }
  if (!d.value("renderer", std::string()).empty()) screen += " · " + d.value("renderer", std::string());
  rows.push_back(fact_row(tr("fleet.display"), screen));
  std::string urgent;
  for (const auto& u : f.value("urgent_shown", json::array()))
    urgent += (urgent.empty() ? "" : ", ") + u.get<std::string>();
  rows.push_back(fact_row(tr("fleet.urgent_shown"), urgent.empty() ? tr("fleet.none") : urgent));
  if (b.contains("cpu_celsius")) {
    const double celsius = b.value("cpu_celsius", 0.0);
    char text[32];
    std::snprintf(text, sizeof text, "%.1f °C", celsius);
    rows.push_back(fact_row(tr("fleet.temperature"), text, celsius >= ctx.fleet.policy().hot_celsius));
  }
  const bool under_voltage = b.value("under_voltage", false);
  rows.push_back(fact_row(tr("fleet.power"), tr(under_voltage ? "fleet.under_voltage" : "fleet.power_ok"),
                          under_voltage));
  if (b.contains("throttled")) {
    std::string words;
    for (const auto& code : platform::throttled_codes(b.value("throttled", 0u)))
      words += (words.empty() ? "" : tr("fleet.list_separator")) + tr("fleet.throttle." + code);
    if (!words.empty()) rows.push_back(fact_row(tr("fleet.throttled"), words, true));
  }
  if (b.contains("disk_free_bytes"))
    rows.push_back(
        fact_row(tr("fleet.disk_free"), platform::format_bytes(b.value("disk_free_bytes", std::int64_t{0}))));
  if (b.contains("memory_available_bytes")) {
    rows.push_back(fact_row(tr("fleet.memory_free"),
                            platform::format_bytes(b.value("memory_available_bytes", std::int64_t{0}))));
  }
  if (b.contains("uptime_s"))
    rows.push_back(fact_row(tr("fleet.uptime"), duration_words(ctx, b.value("uptime_s", 0.0), lang)));
  std::string addresses;
  for (const auto& a : b.value("addresses", json::array()))
    addresses += (addresses.empty() ? "" : ", ") + a.get<std::string>();
  if (!addresses.empty()) rows.push_back(fact_row(tr("fleet.addresses"), addresses));
  rows.push_back(fact_row(tr("fleet.software"), f.value("software", "")));
  rows.push_back(fact_row(tr("fleet.paired_at"), local_time(k.paired_at)));
  return rows;
}

}  // namespace

void add_fleet_page_routes(httplib::Server& server, WebContext& ctx) {
  server.Get(
      "/fleet", page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
        const auto now = ctx.now();
        const std::string want_space = req.get_param_value("space");
        const std::string want_state = req.get_param_value("state");
        const auto spaces = space_names(ctx, pr.lang);
        json rows = json::array();
        std::map<std::string, int> counts;
        const auto all = ctx.fleet.list();
        for (const auto& k : all) {
          ++counts[severity(k.state)];
          if (!want_space.empty() && k.space != want_space) continue;
          if (!want_state.empty() && std::string(kiosk_state_name(k.state)) != want_state) continue;
          rows.push_back(kiosk_row(ctx, k, spaces, now, pr.lang));
        }
        json space_options = json::array({json{{"value", ""},
                                               {"label", ctx.strings.tr("fleet.all_spaces", pr.lang)},
                                               {"selected", want_space.empty()}}});
        for (const auto& [id, name] : spaces) {
          space_options.push_back(json{{"value", id}, {"label", name}, {"selected", id == want_space}});
        }
        json state_options = json::array({json{{"value", ""},
                                               {"label", ctx.strings.tr("fleet.all_states", pr.lang)},
                                               {"selected", want_state.empty()}}});
        for (int i = 0; i <= static_cast<int>(KioskState::revoked); ++i) {
          const std::string name(kiosk_state_name(static_cast<KioskState>(i)));
          state_options.push_back(json{{"value", name},
                                       {"label", state_words(ctx, static_cast<KioskState>(i), pr.lang)},
                                       {"selected", name == want_state}});
        }
        json add_spaces =
            json::array({json{{"value", ""}, {"label", ctx.strings.tr("settings.zone_wide", pr.lang)}}});
        for (const auto& [id, name] : spaces) add_spaces.push_back(json{{"value", id}, {"label", name}});
        render(ctx, res, "fleet",
               json{{"kiosks", rows},
                    {"total", all.size()},
                    {"bad", counts["bad"]},
                    {"warn", counts["warn"]},
                    {"good", counts["good"]},
                    {"space_options", space_options},
                    {"state_options", state_options},
                    {"add_spaces", add_spaces},
                    {"filtered", !want_space.empty() || !want_state.empty()}},
               &pr, pr.lang);
      }));

  server.Post("/fleet/add",
              posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                                   const httplib::Request&, httplib::Response& res) {
                if (!pr.session.who.at_least(Role::admin))
                  return refuse(ctx, res, pr, 403, "error.forbidden");
                const std::string id = form["id"], space = form["space"];
                std::string code;
                try {
                  code = ctx.fleet.add_kiosk(id, space, pr.session.who);
                } catch (const std::exception& e) {
                  return refuse(ctx, res, pr, 400, "fleet.bad_id", e.what());
                }
                const auto k = ctx.fleet.get(id);
                render(ctx, res, "kiosk_added",
                       json{{"id", id},
                            {"code", code.substr(0, 4) + "-" + code.substr(4)},
                            {"expires", local_time(k ? k->pair_expires : 0)},
                            {"console_origin",
                             ctx.options.public_origin.empty() ? json() : json(ctx.options.public_origin)}},
                       &pr, pr.lang);
              }));

  server.Get(
      R"(/fleet/([a-z0-9_-]+))",
      page(ctx, [&](const PageRequest& pr, const httplib::Request& req, httplib::Response& res) {
        auto k = ctx.fleet.get(req.matches[1].str());
        if (!k) return refuse(ctx, res, pr, 404, "error.not_found");
        const auto now = ctx.now();
        const auto spaces = space_names(ctx, pr.lang);
        json events = json::array();
        for (const auto& e : ctx.fleet.events(k->id, 50)) {
          const auto s = kiosk_state_from_name(e.state);
          events.push_back(json{{"at", local_time(e.at)},
                                {"state", s ? state_words(ctx, *s, pr.lang) : e.state},
                                {"severity", s ? severity(*s) : "quiet"}});
        }
        json commands = json::array();
        for (const auto& c : ctx.fleet.commands(k->id, 10)) {
          const std::string result = c.result.empty() ? (c.sent_at > 0 ? "sent" : "queued") : c.result;
          const std::string reason_key = "command_reason." + c.reason;
          commands.push_back(json{{"at", local_time(c.created_at)},
                                  {"kind", ctx.strings.tr("command." + c.kind, pr.lang)},
                                  {"by", c.created_by},
                                  {"result", ctx.strings.tr("command_result." + result, pr.lang)},
                                  {"reason", c.reason.empty() ? json()
                                             : ctx.strings.table(pr.lang).count(reason_key)
                                                 ? json(ctx.strings.tr(reason_key, pr.lang))
                                                 : json(c.reason)}});
        }
        auto shot = ctx.fleet.latest_screenshot(k->id);
        const bool may_command = pr.session.who.at_least(Role::editor) &&
                                 pr.session.who.may_touch_space(k->space) && k->state != KioskState::revoked;
        render(ctx, res, "kiosk",
               json{{"kiosk", kiosk_row(ctx, *k, spaces, now, pr.lang)},
                    {"facts", kiosk_facts(ctx, *k, pr.lang)},
                    {"events", events},
                    {"commands", commands},
                    {"screenshot",
                     shot ? json{{"at", local_time(shot->taken_at)}, {"n", shot->command_id}} : json()},
                    {"may_command", may_command},
                    {"may_revoke", pr.session.who.at_least(Role::admin) && k->state != KioskState::revoked},
                    {"sent", flag(req, "sent")},
                    {"revoked", k->state == KioskState::revoked}},
               &pr, pr.lang);
      }));

  server.Get(R"(/fleet/([a-z0-9_-]+)/screenshot)",
             page(ctx, [&](const PageRequest&, const httplib::Request& req, httplib::Response& res) {
               send_screenshot(ctx.fleet, req.matches[1].str(), res);
             }));

  server.Post(R"(/fleet/([a-z0-9_-]+)/command)",
              posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>& form,
                                   const httplib::Request& req, httplib::Response& res) {
                auto k = ctx.fleet.get(req.matches[1].str());
                if (!k) return refuse(ctx, res, pr, 404, "error.not_found");
                if (!pr.session.who.at_least(Role::editor) || !pr.session.who.may_touch_space(k->space)) {
                  return refuse(ctx, res, pr, 403, "error.forbidden");
                }
                if (!ctx.fleet.add_command(k->id, form["kind"], pr.session.who)) {
                  return refuse(ctx, res, pr, 400, "error.not_saved");
                }
                res.set_redirect("/fleet/" + k->id + "?sent=1", 303);
              }));

  server.Post(R"(/fleet/([a-z0-9_-]+)/revoke)",
              posted_page(ctx, [&](const PageRequest& pr, std::map<std::string, std::string>&,
                                   const httplib::Request& req, httplib::Response& res) {
                if (!pr.session.who.at_least(Role::admin))
                  return refuse(ctx, res, pr, 403, "error.forbidden");
                if (!ctx.fleet.revoke(req.matches[1].str(), pr.session.who))
                  return refuse(ctx, res, pr, 404, "error.not_found");
                res.set_redirect("/fleet/" + req.matches[1].str(), 303);
              }));
}

}  // namespace kiosk::console
