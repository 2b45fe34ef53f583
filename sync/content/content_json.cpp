#include "sync/content/content_json.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "sync/content/fields.hpp"
#include "sync/content/json_limits.hpp"

namespace kiosk::content {
namespace {

using nlohmann::json;

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

int clamp_int(std::optional<long long> v, int fallback) {
  if (!v) return fallback;
  if (*v > 2'000'000'000LL) return 2'000'000'000;
  if (*v < -2'000'000'000LL) return -2'000'000'000;
  return static_cast<int>(*v);
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

std::vector<SeriesPoint> read_series(ItemReader& r, std::string_view key) {
  std::vector<SeriesPoint> out;
  const json* v = r.child(key);
  if (v == nullptr) return out;
  if (!v->is_array()) return r.type_error(key, "a list of {\"period\", \"value\"}"), out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& p = (*v)[i];
    const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
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

// Fills an item's members from its JSON object, field by field (fields.hpp). A missing optional
// field keeps the member's default.
struct FieldReader {
  ItemReader& r;
  void operator()(std::string& s, const Field& f) const { s = r.string(f.key, f.need); }
  void operator()(LocalText& t, const Field& f) const { t = r.text(f.key, f.need); }
  void operator()(UnixSeconds& t, const Field& f) const { t = r.time(f.key, f.need).value_or(0); }
  void operator()(std::optional<UnixSeconds>& t, const Field& f) const { t = r.time(f.key, f.need); }
  void operator()(int& n, const Field& f) const { n = clamp_int(r.integer(f.key, f.need), n); }
  void operator()(double& d, const Field& f) const { d = r.number(f.key, f.need).value_or(d); }
  void operator()(bool& b, const Field& f) const { b = r.boolean(f.key, b); }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E& e, const Field& f) const { e = r.enumeration(f.key, e, f.need); }
  void operator()(std::vector<std::string>& list, const Field& f) const { list = r.string_list(f.key); }
  void operator()(DateMap& map, const Field& f) const { map = r.string_map(f.key); }
  void operator()(std::optional<YearValue>& y, const Field& f) const {
    y = read_year_value(r, f.key, f.need);
  }
  void operator()(YearValue& y, const Field& f) const {
    y = read_year_value(r, f.key, f.need).value_or(YearValue{});
  }
  void operator()(std::vector<SeriesPoint>& s, const Field& f) const { s = read_series(r, f.key); }
};

// The other way: a field is written unless it is optional and holds its type's zero value (an
// empty text, 0, false, the first choice), so published pages stay small and diffs readable.
struct FieldWriter {
  json& j;
  static bool keep(bool has_value, const Field& f) { return has_value || f.need == Need::required; }
  void operator()(const std::string& s, const Field& f) const {
    if (keep(!s.empty(), f)) j[f.key] = s;
  }
  void operator()(const LocalText& t, const Field& f) const {
    if (keep(!t.empty(), f)) j[f.key] = to_json(t);
  }
  void operator()(UnixSeconds t, const Field& f) const { j[f.key] = format_iso8601(t); }
  void operator()(const std::optional<UnixSeconds>& t, const Field& f) const {
    if (t) j[f.key] = format_iso8601(*t);
  }
  void operator()(int n, const Field& f) const {
    if (keep(n != 0, f)) j[f.key] = n;
  }
  void operator()(double d, const Field& f) const {
    if (keep(d != 0, f)) j[f.key] = d;
  }
  void operator()(bool b, const Field& f) const {
    if (b) j[f.key] = true;
  }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E e, const Field& f) const {
    if (keep(static_cast<int>(e) != 0, f)) j[f.key] = to_string(e);
  }
  void operator()(const std::vector<std::string>& list, const Field& f) const {
    if (!list.empty()) j[f.key] = list;
  }
  void operator()(const DateMap& map, const Field& f) const {
    if (map.empty()) return;
    json out = json::object();
    for (const auto& [k, v] : map) out[k] = v;
    j[f.key] = std::move(out);
  }
  void operator()(const std::optional<YearValue>& y, const Field& f) const {
    if (y) (*this)(*y, f);
  }
  void operator()(const YearValue& y, const Field& f) const {
    j[f.key] = {{"year", y.year}, {"value", y.value}};
  }
  void operator()(const std::vector<SeriesPoint>& series, const Field& f) const {
    if (series.empty()) return;
    json out = json::array();
    for (const auto& p : series) {
      json point = {{"period", p.period}, {"value", p.value}};
      if (p.sample) point["sample"] = true;
      out.push_back(std::move(point));
    }
    j[f.key] = std::move(out);
  }
};

template <class T>
T read_item(ItemReader& r) {
  T item;
  fields(item, FieldReader{r});
  return item;
}

template <class T>
json write_item(const T& item) {
  json j = json::object();
  fields(item, FieldWriter{j});
  return j;
}

template <class T>
void read_items(const json& array, std::string_view file, std::vector<T>& out, Issues& issues) {
  constexpr Collection c = collection_of<T>;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const json& item = array[i];
    if (!item.is_object()) {
      issues.error(std::string(file), std::string(item_kind(c)), "#" + std::to_string(i + 1), "",
                   "must be an object");
      continue;
    }
    ItemReader r(item, issues, std::string(file), item_kind(c), i);
    out.push_back(read_item<T>(r));
    r.finish();
  }
}

Meta read_meta(const json& doc, std::string_view file, Issues& issues) {
  ItemReader r(doc, issues, std::string(file), "", 0);
  Meta m = read_item<Meta>(r);
  r.finish();
  return m;
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
  for_each_collection(into, [&](auto& items) {
    using T = typename std::decay_t<decltype(items)>::value_type;
    if (collection_of<T> == c) read_items(*it, file, items, issues);
  });
  return true;
}

json to_json(const LocalText& t) {
  json j = json::object();
  j["zh"] = t.zh;
  if (!t.en.empty()) j["en"] = t.en;
  return j;
}

json to_json(const Meta& m) {
  return write_item(m);
}
json to_json(const Space& s) {
  return write_item(s);
}
json to_json(const Event& e) {
  return write_item(e);
}
json to_json(const Desk& d) {
  return write_item(d);
}
json to_json(const Resource& r) {
  return write_item(r);
}
json to_json(const Indicator& x) {
  return write_item(x);
}
json to_json(const Notice& n) {
  return write_item(n);
}

}  // namespace kiosk::content
