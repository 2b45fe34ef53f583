#include "sync/content/content_json.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "sync/content/json_limits.hpp"

namespace kiosk::content {
namespace {

using nlohmann::json;

enum class Need { optional, required };

// Reads the fields of one item, reporting wrong types and missing required fields, and remembering
// which keys it read so that unknown keys (typos, newer publishers) become warnings.
class ItemReader {
 public:
  ItemReader(const json& item, Issues& issues, std::string file, std::string_view kind, std::size_t index)
      : item_(item), issues_(issues), file_(std::move(file)), kind_(kind) {
    id_ = "#" + std::to_string(index + 1);
    if (auto it = item_.find("id");
        it != item_.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
      id_ = it->get<std::string>();
    }
  }

  const std::string& label() const { return id_; }

  std::string string(std::string_view key, Need need = Need::optional) {
    const json* v = find(key, need);
    if (v == nullptr) return {};
    if (!v->is_string()) return type_error(key, "a string"), std::string{};
    return v->get<std::string>();
  }

  LocalText text(std::string_view key, Need need = Need::optional) {
    const json* v = find(key, need);
    if (v == nullptr) return {};
    if (v->is_string()) return LocalText{v->get<std::string>(), {}};
    if (!v->is_object()) return type_error(key, "an object {\"zh\": ..., \"en\": ...}"), LocalText{};
    LocalText t;
    for (const auto& [lang, value] : v->items()) {
      if (!value.is_string()) {
        error(std::string(key) + "." + lang, "must be a string");
        continue;
      }
      if (lang == "zh")
        t.zh = value.get<std::string>();
      else if (lang == "en")
        t.en = value.get<std::string>();
      else
        warning(std::string(key) + "." + lang, "unknown language (only zh and en are shown)");
    }
    if (need == Need::required && t.zh.empty()) error(std::string(key) + ".zh", "is required");
    return t;
  }

  std::optional<UnixSeconds> time(std::string_view key, Need need = Need::optional) {
    const json* v = find(key, need);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) return type_error(key, "an ISO 8601 time string"), std::nullopt;
    auto t = parse_iso8601(v->get_ref<const std::string&>());
    if (!t) {
      error(key, "\"" + v->get<std::string>() +
                     "\" is not a time like 2026-12-03T14:00:00+08:00 (the offset is required)");
    }
    return t;
  }

  std::optional<double> number(std::string_view key, Need need = Need::optional) {
    const json* v = find(key, need);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number()) return type_error(key, "a number"), std::nullopt;
    const double d = v->get<double>();
    if (!std::isfinite(d)) return error(key, "must be a finite number"), std::nullopt;
    return d;
  }

  std::optional<long long> integer(std::string_view key, Need need = Need::optional) {
    const json* v = find(key, need);
    if (v == nullptr) return std::nullopt;
    if (v->is_number_integer()) return v->get<long long>();
    if (v->is_number_float()) {
      const double d = v->get<double>();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<long long>(d);
    }
    return type_error(key, "a whole number"), std::nullopt;
  }

  bool boolean(std::string_view key, bool fallback) {
    const json* v = find(key, Need::optional);
    if (v == nullptr) return fallback;
    if (!v->is_boolean()) return type_error(key, "true or false"), fallback;
    return v->get<bool>();
  }

  template <class E>
  E enumeration(std::string_view key, E fallback, Need need = Need::optional) {
    const json* v = find(key, need);
    if (v == nullptr) return fallback;
    if (v->is_string()) {
      if (auto e = enum_from_string<E>(v->get_ref<const std::string&>())) return *e;
    }
    std::string allowed;
    for (auto name : EnumNames<E>::names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
    error(key, "must be one of " + allowed + " (found " + v->dump() + ")");
    return fallback;
  }

  // An object of strings ({"2027-01-01": "closed"}), in key order.
  std::vector<std::pair<std::string, std::string>> string_map(std::string_view key) {
    const json* v = find(key, Need::optional);
    std::vector<std::pair<std::string, std::string>> out;
    if (v == nullptr) return out;
    if (!v->is_object()) return type_error(key, "an object of strings"), out;
    for (const auto& [k, value] : v->items()) {
      if (!value.is_string()) {
        error(std::string(key) + "." + k, "must be a string");
        continue;
      }
      out.emplace_back(k, value.get<std::string>());
    }
    return out;
  }

  std::vector<std::string> string_list(std::string_view key) {
    const json* v = find(key, Need::optional);
    std::vector<std::string> out;
    if (v == nullptr) return out;
    if (!v->is_array()) return type_error(key, "a list of strings"), out;
    for (const auto& s : *v) {
      if (!s.is_string()) return type_error(key, "a list of strings"), out;
      out.push_back(s.get<std::string>());
    }
    return out;
  }

  const json* child(std::string_view key, Need need = Need::optional) { return find(key, need); }

  void error(std::string_view field, std::string message) {
    issues_.error(file_, std::string(kind_), id_, std::string(field), std::move(message));
  }
  void warning(std::string_view field, std::string message) {
    issues_.warning(file_, std::string(kind_), id_, std::string(field), std::move(message));
  }
  void type_error(std::string_view key, std::string_view expected) {
    error(key, "must be " + std::string(expected));
  }

  // Unknown keys are warnings: an older kiosk must keep accepting a newer publisher's content.
  void finish() {
    for (const auto& [key, value] : item_.items()) {
      if (!read_.count(key)) warning(key, "unknown field (ignored)");
    }
  }

 private:
  const json* find(std::string_view key, Need need) {
    read_.emplace(key);
    auto it = item_.find(key);
    if (it == item_.end() || it->is_null()) {
      if (need == Need::required) error(key, "is required");
      return nullptr;
    }
    return &*it;
  }

  const json& item_;
  Issues& issues_;
  std::string file_;
  std::string_view kind_;
  std::string id_;
  std::set<std::string, std::less<>> read_;
};

UnixSeconds time_or_zero(std::optional<UnixSeconds> t) {
  return t.value_or(0);
}

int clamp_int(std::optional<long long> v, int fallback) {
  if (!v) return fallback;
  if (*v > 2'000'000'000LL) return 2'000'000'000;
  if (*v < -2'000'000'000LL) return -2'000'000'000;
  return static_cast<int>(*v);
}

Space read_space(ItemReader& r) {
  Space s;
  s.id = r.string("id", Need::required);
  s.name = r.text("name", Need::required);
  s.address = r.text("address", Need::required);
  s.hours = r.text("hours");
  s.description = r.text("description");
  s.kiosk_ids = r.string_list("kiosk_ids");
  s.booking_url = r.string("booking_url");
  s.sample = r.boolean("sample", false);
  return s;
}

Event read_event(ItemReader& r) {
  Event e;
  e.id = r.string("id", Need::required);
  e.space_id = r.string("space", Need::required);
  e.category = r.enumeration("category", EventCategory::talk, Need::required);
  e.title = r.text("title", Need::required);
  e.summary = r.text("summary");
  e.body = r.text("body");
  e.venue = r.text("venue", Need::required);
  e.organiser = r.text("organiser", Need::required);
  e.start = time_or_zero(r.time("start", Need::required));
  e.end = time_or_zero(r.time("end", Need::required));
  e.registration_url = r.string("registration_url");
  e.poster = r.string("poster");
  e.capacity = clamp_int(r.integer("capacity"), 0);
  e.registered = clamp_int(r.integer("registered"), 0);
  e.status = r.enumeration("status", EventStatus::scheduled);
  e.status_note = r.text("status_note");
  e.keywords = r.string("keywords");
  e.sample = r.boolean("sample", false);
  return e;
}

Desk read_desk(ItemReader& r) {
  Desk d;
  d.id = r.string("id", Need::required);
  d.space_id = r.string("space", Need::required);
  d.zone = r.text("zone", Need::required);
  d.label = r.string("label", Need::required);
  d.kind = r.enumeration("kind", DeskKind::hot_desk, Need::required);
  d.status = r.enumeration("status", DeskStatus::unknown, Need::required);
  d.status_at = time_or_zero(r.time("status_at", Need::required));
  d.max_age_s = clamp_int(r.integer("max_age_s"), 1800);
  d.until = r.time("until");
  d.booking_url = r.string("booking_url");
  d.sample = r.boolean("sample", false);
  return d;
}

Resource read_resource(ItemReader& r) {
  Resource x;
  x.id = r.string("id", Need::required);
  x.category = r.enumeration("category", ResourceCategory::platform, Need::required);
  x.name = r.text("name", Need::required);
  x.provider = r.text("provider", Need::required);
  x.summary = r.text("summary");
  x.location = r.text("location");
  x.hours = r.text("hours");
  x.contact = r.text("contact");
  x.booking = r.text("booking");
  x.booking_url = r.string("booking_url");
  x.voucher_eligible = r.boolean("voucher_eligible", false);
  x.keywords = r.string("keywords");
  x.image = r.string("image");
  x.sample = r.boolean("sample", false);
  return x;
}

bool finite_number(const json& v) {
  return v.is_number() && std::isfinite(v.get<double>());
}
bool whole_number(const json& v) {
  return v.is_number_integer() || (v.is_number_float() && std::isfinite(v.get<double>()) &&
                                   v.get<double>() == std::floor(v.get<double>()));
}

std::optional<YearValue> read_year_value(ItemReader& r, std::string_view key, Need need) {
  const json* v = r.child(key, need);
  if (v == nullptr) return std::nullopt;
  if (!v->is_object() || !v->contains("year") || !v->contains("value") || !whole_number((*v)["year"]) ||
      !finite_number((*v)["value"])) {
    r.error(key, "must be like {\"year\": 2015, \"value\": 5576} with a whole year and a finite value");
    return std::nullopt;
  }
  return YearValue{static_cast<int>(std::clamp((*v)["year"].get<double>(), -1e6, 1e6)),
                   (*v)["value"].get<double>()};
}

std::vector<SeriesPoint> read_series(ItemReader& r) {
  std::vector<SeriesPoint> out;
  const json* v = r.child("series");
  if (v == nullptr) return out;
  if (!v->is_array()) return r.type_error("series", "a list of {\"period\", \"value\"}"), out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& p = (*v)[i];
    const std::string where = "series[" + std::to_string(i) + "]";
    if (!p.is_object() || !p.contains("period") || !p.contains("value") || !finite_number(p["value"]) ||
        !(p["period"].is_string() || whole_number(p["period"]))) {
      r.error(where, "must be like {\"period\": \"2016\", \"value\": 6100}");
      continue;
    }
    SeriesPoint point;
    point.period = p["period"].is_string() ? p["period"].get<std::string>()
                                           : std::to_string(p["period"].get<long long>());
    point.value = p["value"].get<double>();
    if (p.contains("sample")) {
      if (!p["sample"].is_boolean())
        r.error(where + ".sample", "must be true or false");
      else
        point.sample = p["sample"].get<bool>();
    }
    out.push_back(std::move(point));
  }
  return out;
}

Indicator read_indicator(ItemReader& r) {
  Indicator x;
  x.id = r.string("id", Need::required);
  x.group = r.enumeration("group", IndicatorGroup::input, Need::required);
  x.name = r.text("name", Need::required);
  x.unit = r.text("unit", Need::required);
  x.direction = r.enumeration("direction", Direction::higher);
  x.baseline = read_year_value(r, "baseline", Need::optional);
  x.target = read_year_value(r, "target", Need::required).value_or(YearValue{});
  x.series = read_series(r);
  x.decimals = clamp_int(r.integer("decimals"), 0);
  x.weight = r.number("weight").value_or(1.0);
  x.source = r.text("source", Need::required);
  x.note = r.text("note");
  return x;
}

Notice read_notice(ItemReader& r) {
  Notice n;
  n.id = r.string("id", Need::required);
  n.priority = r.enumeration("priority", NoticePriority::routine);
  n.title = r.text("title", Need::required);
  n.body = r.text("body");
  n.starts = time_or_zero(r.time("starts", Need::required));
  n.ends = time_or_zero(r.time("ends", Need::required));
  n.kiosk_ids = r.string_list("kiosk_ids");
  return n;
}

template <class T, class ReadFn>
void read_items(const json& array, Collection c, std::string_view file, std::vector<T>& out, Issues& issues,
                ReadFn read) {
  for (std::size_t i = 0; i < array.size(); ++i) {
    const json& item = array[i];
    if (!item.is_object()) {
      issues.error(std::string(file), std::string(item_kind(c)), "#" + std::to_string(i + 1), "",
                   "must be an object");
      continue;
    }
    ItemReader r(item, issues, std::string(file), item_kind(c), i);
    out.push_back(read(r));
    r.finish();
  }
}

Meta read_meta(const json& doc, std::string_view file, Issues& issues) {
  ItemReader r(doc, issues, std::string(file), "", 0);
  Meta m;
  m.title = r.text("title", Need::required);
  m.sample = r.boolean("sample", false);
  m.sample_anchor = r.time("sample_anchor");
  m.display_hours = r.string_map("display_hours");
  r.finish();
  return m;
}

// Drops empty fields so that published pages stay small and diffs stay readable.
void put(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
void put(json& j, const char* key, const LocalText& v) {
  if (!v.empty()) j[key] = to_json(v);
}
void put_time(json& j, const char* key, UnixSeconds t) {
  j[key] = format_iso8601(t);
}

}  // namespace

std::string_view collection_name(Collection c) {
  static constexpr std::string_view kNames[] = {"meta",      "spaces",     "events", "desks",
                                                "resources", "indicators", "notices"};
  return kNames[static_cast<std::size_t>(c)];
}

std::string collection_file(Collection c) {
  return std::string(collection_name(c)) + ".json";
}

std::optional<Collection> collection_from_name(std::string_view name) {
  for (Collection c : kAllCollections) {
    if (collection_name(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view item_kind(Collection c) {
  static constexpr std::string_view kKinds[] = {"meta",     "space",     "event", "desk",
                                                "resource", "indicator", "notice"};
  return kKinds[static_cast<std::size_t>(c)];
}

bool parse_collection(Collection c, std::string_view file, std::string_view bytes, Content& into,
                      Issues& issues) {
  json doc;
  try {
    doc = parse_json_limited(bytes);
  } catch (const JsonError& e) {
    issues.error(std::string(file), "", "", "", e.what());
    return false;
  }
  if (!doc.is_object()) {
    issues.error(std::string(file), "", "", "", "must be a JSON object");
    return false;
  }
  if (c == Collection::meta) {
    into.meta = read_meta(doc, file, issues);
    return true;
  }
  const std::string key(collection_name(c));
  for (const auto& [name, value] : doc.items()) {
    if (name != key) issues.warning(std::string(file), "", "", name, "unknown field (ignored)");
  }
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) {
    issues.error(std::string(file), "", "", key, "must be a list: {\"" + key + "\": [ ... ]}");
    return false;
  }
  switch (c) {
    case Collection::spaces:
      read_items(*it, c, file, into.spaces, issues, read_space);
      break;
    case Collection::events:
      read_items(*it, c, file, into.events, issues, read_event);
      break;
    case Collection::desks:
      read_items(*it, c, file, into.desks, issues, read_desk);
      break;
    case Collection::resources:
      read_items(*it, c, file, into.resources, issues, read_resource);
      break;
    case Collection::indicators:
      read_items(*it, c, file, into.indicators, issues, read_indicator);
      break;
    case Collection::notices:
      read_items(*it, c, file, into.notices, issues, read_notice);
      break;
    case Collection::meta:
      break;
  }
  return true;
}

json to_json(const LocalText& t) {
  json j = json::object();
  j["zh"] = t.zh;
  if (!t.en.empty()) j["en"] = t.en;
  return j;
}

json to_json(const Meta& m) {
  json j = json::object();
  j["title"] = to_json(m.title);
  if (m.sample) j["sample"] = true;
  if (m.sample_anchor) put_time(j, "sample_anchor", *m.sample_anchor);
  if (!m.display_hours.empty()) {
    json hours = json::object();
    for (const auto& [date, text] : m.display_hours) hours[date] = text;
    j["display_hours"] = hours;
  }
  return j;
}

json to_json(const Space& s) {
  json j = {{"id", s.id}};
  put(j, "name", s.name);
  put(j, "address", s.address);
  put(j, "hours", s.hours);
  put(j, "description", s.description);
  if (!s.kiosk_ids.empty()) j["kiosk_ids"] = s.kiosk_ids;
  put(j, "booking_url", s.booking_url);
  if (s.sample) j["sample"] = true;
  return j;
}

json to_json(const Event& e) {
  json j = {{"id", e.id}, {"space", e.space_id}, {"category", to_string(e.category)}};
  put(j, "title", e.title);
  put(j, "summary", e.summary);
  put(j, "body", e.body);
  put(j, "venue", e.venue);
  put(j, "organiser", e.organiser);
  put_time(j, "start", e.start);
  put_time(j, "end", e.end);
  put(j, "registration_url", e.registration_url);
  put(j, "poster", e.poster);
  if (e.capacity != 0) j["capacity"] = e.capacity;
  if (e.registered != 0) j["registered"] = e.registered;
  if (e.status != EventStatus::scheduled) j["status"] = to_string(e.status);
  put(j, "status_note", e.status_note);
  put(j, "keywords", e.keywords);
  if (e.sample) j["sample"] = true;
  return j;
}

json to_json(const Desk& d) {
  json j = {{"id", d.id}, {"space", d.space_id}};
  put(j, "zone", d.zone);
  j["label"] = d.label;
  j["kind"] = to_string(d.kind);
  j["status"] = to_string(d.status);
  put_time(j, "status_at", d.status_at);
  j["max_age_s"] = d.max_age_s;
  if (d.until) put_time(j, "until", *d.until);
  put(j, "booking_url", d.booking_url);
  if (d.sample) j["sample"] = true;
  return j;
}

json to_json(const Resource& r) {
  json j = {{"id", r.id}, {"category", to_string(r.category)}};
  put(j, "name", r.name);
  put(j, "provider", r.provider);
  put(j, "summary", r.summary);
  put(j, "location", r.location);
  put(j, "hours", r.hours);
  put(j, "contact", r.contact);
  put(j, "booking", r.booking);
  put(j, "booking_url", r.booking_url);
  if (r.voucher_eligible) j["voucher_eligible"] = true;
  put(j, "keywords", r.keywords);
  put(j, "image", r.image);
  if (r.sample) j["sample"] = true;
  return j;
}

json to_json(const Indicator& x) {
  json j = {{"id", x.id}, {"group", to_string(x.group)}};
  put(j, "name", x.name);
  put(j, "unit", x.unit);
  j["direction"] = to_string(x.direction);
  if (x.baseline) j["baseline"] = {{"year", x.baseline->year}, {"value", x.baseline->value}};
  j["target"] = {{"year", x.target.year}, {"value", x.target.value}};
  if (!x.series.empty()) {
    json series = json::array();
    for (const auto& p : x.series) {
      json point = {{"period", p.period}, {"value", p.value}};
      if (p.sample) point["sample"] = true;
      series.push_back(std::move(point));
    }
    j["series"] = std::move(series);
  }
  if (x.decimals != 0) j["decimals"] = x.decimals;
  if (x.weight != 1.0) j["weight"] = x.weight;
  put(j, "source", x.source);
  put(j, "note", x.note);
  return j;
}

json to_json(const Notice& n) {
  json j = {{"id", n.id}, {"priority", to_string(n.priority)}};
  put(j, "title", n.title);
  put(j, "body", n.body);
  put_time(j, "starts", n.starts);
  put_time(j, "ends", n.ends);
  if (!n.kiosk_ids.empty()) j["kiosk_ids"] = n.kiosk_ids;
  return j;
}

}  // namespace kiosk::content
