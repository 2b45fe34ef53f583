// kioskctl query: the same questions the kiosk's screens ask, answered from a database file.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "sync/content/content_json.hpp"
#include "sync/kioskctl/clock_option.hpp"
#include "sync/kioskctl/commands.hpp"
#include "sync/store/store.hpp"

namespace kiosk::ctl {
namespace {

using nlohmann::json;
using namespace content;

struct QueryArgs {
  std::string db, now, lang = "zh", category, space, group, text;
  bool json = false;
  bool voucher = false;
};

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

Lang lang_of(const QueryArgs& a) {
  return a.lang == "en" ? Lang::en : Lang::zh;
}

template <class E>
std::optional<E> parse_filter(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  if (auto e = enum_from_string<E>(text)) return e;
  throw CLI::ValidationError(option, "unknown value \"" + text + "\"");
}

void print_events(const ContentSnapshot& s, const QueryArgs& a, UnixSeconds now) {
  EventFilter f;
  f.category = parse_filter<EventCategory>(a.category, "--category");
  if (!a.space.empty()) f.space_id = a.space;
  const auto events = s.upcoming_events(now, f);
  if (a.json) {
    json out = json::array();
    for (const Event* e : events) out.push_back(to_json(*e));
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const Event* e : events) {
    std::cout << format_iso8601(e->start).substr(0, 16) << "  " << to_string(e->category) << "  "
              << e->title.in(lang_of(a))
              << (e->status != EventStatus::scheduled ? "  [" + std::string(to_string(e->status)) + "]" : "")
              << "\n";
  }
  std::cout << events.size() << " upcoming events\n";
}

void print_desks(const ContentSnapshot& s, const QueryArgs& a, UnixSeconds now) {
  json out = json::array();
  for (const auto& space : s.content().spaces) {
    if (!a.space.empty() && space.id != a.space) continue;
    const SpaceDesks desks = s.desks_in_space(space.id, now);
    json js = {{"space", space.id}, {"total", desks.counts.total}, {"zones", json::array()}};
    for (std::size_t st = 0; st < enum_count<DeskStatus>(); ++st) {
      js["counts"][std::string(to_string(static_cast<DeskStatus>(st)))] = desks.counts.by_status[st];
    }
    for (const auto& zone : desks.zones) {
      json jz = {{"zone", to_json(zone.zone)}, {"desks", json::array()}};
      for (const auto& d : zone.desks) {
        json jd = {{"id", d.desk->id},
                   {"label", d.desk->label},
                   {"kind", to_string(d.desk->kind)},
                   {"status", to_string(d.status)}};
        if (d.desk->price_day > 0) jd["price_day"] = d.desk->price_day;
        if (d.desk->price_month > 0) jd["price_month"] = d.desk->price_month;
        jz["desks"].push_back(std::move(jd));
      }
      js["zones"].push_back(std::move(jz));
    }
    if (!a.json) {
      std::cout << space.name.in(lang_of(a)) << ": " << desks.counts.count(DeskStatus::free) << " free of "
                << desks.counts.total << " (" << desks.counts.count(DeskStatus::unknown) << " unknown)\n";
    }
    out.push_back(std::move(js));
  }
  if (a.json) std::cout << out.dump(2) << "\n";
}

void print_resources(const ContentSnapshot& s, const QueryArgs& a) {
  ResourceFilter f;
  f.category = parse_filter<ResourceCategory>(a.category, "--category");
  f.voucher_only = a.voucher;
  f.query = a.text;
  const auto resources = s.resources(f);
  if (a.json) {
    json out = json::array();
    for (const Resource* r : resources) out.push_back(to_json(*r));
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const Resource* r : resources) {
    std::cout << to_string(r->category) << "  " << r->name.in(lang_of(a))
              << (r->voucher_eligible
                      ? "  [voucher" +
                            (r->voucher_share > 0 ? " " + std::to_string(r->voucher_share) + "%"
                                                  : std::string()) +
                            "]"
                      : std::string())
              << (r->fee.empty() ? std::string() : "  " + r->fee.in(lang_of(a)))
              << (r->member_free ? "  [free for members]" : "") << "\n";
  }
  std::cout << resources.size() << " resources\n";
}

json year_value(const std::optional<YearValue>& v) {
  if (!v) return nullptr;
  return {{"year", v->year}, {"value", v->value}};
}

void print_indicators(const ContentSnapshot& s, const QueryArgs& a) {
  const auto group = parse_filter<IndicatorGroup>(a.group, "--group");
  const auto items = s.indicators(group);
  const auto& scores = s.index();
  if (a.json) {
    json out = {{"indicators", json::array()}, {"groups", json::array()}};
    for (const auto& p : items) {
      const Indicator& x = *p.indicator;
      out["indicators"].push_back({{"id", x.id},
                                   {"group", to_string(x.group)},
                                   {"name", to_json(x.name)},
                                   {"unit", to_json(x.unit)},
                                   {"direction", to_string(x.direction)},
                                   {"baseline", year_value(x.baseline)},
                                   {"target", year_value(x.target)},
                                   {"current", p.current ? json(*p.current) : json(nullptr)},
                                   {"current_period", p.current_period},
                                   {"current_is_sample", p.current_is_sample},
                                   {"progress", p.progress ? json(*p.progress) : json(nullptr)},
                                   {"source", to_json(x.source)}});
    }
    for (const auto& g : scores.groups) {
      out["groups"].push_back({{"group", to_string(g.group)},
                               {"score", g.score ? json(*g.score) : json(nullptr)},
                               {"scored", g.scored},
                               {"total", g.total}});
    }
    out["composite"] = scores.composite ? json(*scores.composite) : json(nullptr);
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const auto& p : items) {
    const Indicator& x = *p.indicator;
    std::cout << x.id << "  " << x.name.in(lang_of(a)) << ": "
              << (x.baseline ? fixed(x.baseline->value, x.decimals) + " (" +
                                   std::to_string(x.baseline->year) + ") -> "
                             : "")
              << (p.current ? fixed(*p.current, x.decimals) + " (" + p.current_period + ")" : "-") << " -> "
              << fixed(x.target.value, x.decimals) + " (" << x.target.year << ") " << x.unit.in(lang_of(a))
              << (p.progress ? "  " + fixed(*p.progress * 100, 1) + "%" : "") << "\n";
  }
  if (scores.composite) std::cout << "composite index: " << fixed(*scores.composite, 1) << "\n";
}

// The kiosk's own search engine (search_index.hpp), so this answers what the screen would.
void print_search(const ContentSnapshot& s, const QueryArgs& a, UnixSeconds now) {
  if (!s.pinyin_available()) {
    std::cerr << "note: no pinyin dictionary at " << PinyinDictionary::system_path().string()
              << " (package rime-data-luna-pinyin): pinyin finds nothing\n";
  }
  const auto hits = s.search(a.text, now, 100);
  json out = json::array();
  for (const auto& h : hits) {
    const std::string kind = h.event != nullptr ? "event" : "resource";
    const std::string& id = h.event != nullptr ? h.event->id : h.resource->id;
    const LocalText& title = h.event != nullptr ? h.event->title : h.resource->name;
    if (a.json) {
      out.push_back({{"kind", kind}, {"id", id}, {"title", to_json(title)}, {"score", h.score}});
    } else {
      std::cout << kind << "  " << id << "  " << title.in(lang_of(a)) << "\n";
    }
  }
  if (a.json)
    std::cout << out.dump(2) << "\n";
  else
    std::cout << hits.size() << " matches\n";
}

}  // namespace

void add_query_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("query", "Ask a database what the kiosk screens would show");
  auto a = std::make_shared<QueryArgs>();
  cmd->add_option("--db", a->db, "Database file")->required();
  cmd->add_flag("--json", a->json, "Machine-readable output");
  cmd->add_option("--lang", a->lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  add_now_option(*cmd, a->now);
  cmd->require_subcommand(1);

  auto* events = cmd->add_subcommand("events", "Upcoming events");
  events->add_option("--category", a->category, "contest, forum, training, course, roadshow, talk, open_day");
  events->add_option("--space", a->space, "Space id");
  auto* desks = cmd->add_subcommand("desks", "Desks by space and zone, with stale statuses as unknown");
  desks->add_option("--space", a->space, "Space id");
  auto* resources = cmd->add_subcommand("resources", "The shared-resource directory");
  resources->add_option("--category", a->category, "instrument, lab, prototyping, ...");
  resources->add_flag("--voucher", a->voucher, "Only innovation-voucher eligible");
  resources->add_option("--text", a->text, "Free-text filter (pinyin, English, Chinese)");
  auto* indicators = cmd->add_subcommand("indicators", "Innovation index indicators with progress");
  indicators->add_option("--group", a->group, "input, entities, output, industry, environment");
  auto* search = cmd->add_subcommand("search", "Full-text search over events and resources");
  search->add_option("TEXT", a->text, "What to look for")->required();
  for (auto* sub : {events, desks, resources, indicators, search}) sub->fallthrough();

  cmd->callback([=, &exit_code] {
    if (!std::filesystem::exists(a->db)) {
      std::cerr << "kioskctl: no database at " << a->db << " (create one with kioskctl import)\n";
      exit_code = 2;
      return;
    }
    const auto now = resolve_now(a->now);
    store::OpenOptions options;
    options.db_path = a->db;
    options.read_only = true;  // beside a running kiosk: never migrate, recover or write its database
    auto st = store::Store::open(options);
    const auto snap = st->snapshot();
    if (events->parsed())
      print_events(*snap, *a, now);
    else if (desks->parsed())
      print_desks(*snap, *a, now);
    else if (resources->parsed())
      print_resources(*snap, *a);
    else if (indicators->parsed())
      print_indicators(*snap, *a);
    else
      print_search(*snap, *a, now);
  });
}

}  // namespace kiosk::ctl
