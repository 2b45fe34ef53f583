#include "console/web/forms.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sync/content/fields.hpp"
#include "sync/content/model.hpp"
#include "sync/content/time.hpp"

namespace kiosk::console {
namespace {

using content::Collection;
using nlohmann::json;

// Maps each field of fields.hpp to the input that edits it.
struct FormFieldsOf {
  Collection collection;
  std::vector<FieldSpec>& out;
  void add(const content::Field& f, FieldKind kind) const { out.push_back({std::string(f.key), kind, {}}); }
  void operator()(const std::string&, const content::Field& f) const {
    using content::Role;
    add(f, f.role == Role::id      ? FieldKind::id
           : f.role == Role::url   ? FieldKind::url
           : f.role == Role::image ? FieldKind::image
           : f.role == Role::space ? FieldKind::space
                                   : FieldKind::text);
  }
  // A long text gets a large box; only a multi-line one keeps the line breaks typed into it.
  void operator()(const content::LocalText&, const content::Field& f) const {
    add(f, f.multiline || f.max_chars >= 400 ? FieldKind::local_long : FieldKind::local);
    out.back().multiline = f.multiline;
  }
  void operator()(content::UnixSeconds, const content::Field& f) const { add(f, FieldKind::datetime); }
  void operator()(const std::optional<content::UnixSeconds>&, const content::Field& f) const {
    add(f, FieldKind::datetime);
  }
  void operator()(int, const content::Field& f) const { add(f, FieldKind::integer); }
  void operator()(double, const content::Field& f) const { add(f, FieldKind::number); }
  void operator()(bool, const content::Field& f) const { add(f, FieldKind::boolean); }
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E, const content::Field& f) const {
    add(f, FieldKind::choice);
    for (auto name : content::EnumNames<E>::names) out.back().choices.emplace_back(name);
    if (f.kiosk_sets_last_choice) out.back().choices.pop_back();
    out.back().choice_set = std::string(content::item_kind(collection)) + "_" + std::string(f.key);
  }
  void operator()(const std::vector<std::string>&, const content::Field& f) const { add(f, FieldKind::list); }
  void operator()(const content::DateMap&, const content::Field& f) const { add(f, FieldKind::hours); }
  void operator()(const content::YearValue&, const content::Field& f) const { add(f, FieldKind::year_value); }
  void operator()(const std::optional<content::YearValue>&, const content::Field& f) const {
    add(f, FieldKind::year_value);
  }
  void operator()(const std::vector<content::SeriesPoint>&, const content::Field& f) const {
    add(f, FieldKind::series);
  }
};

std::vector<FieldSpec> fields_of(Collection c) {
  std::vector<FieldSpec> out;
  content::with_item_of(c, [&](const auto& item) { content::fields(item, FormFieldsOf{c, out}); });
  return out;
}

std::string value_of(const std::map<std::string, std::string>& form, const std::string& name) {
  auto it = form.find(name);
  if (it == form.end()) return {};
  std::string v = it->second;
  // Browsers send CRLF in textareas; content uses LF.
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n') continue;
    out += v[i];
  }
  return out;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\n"));
  s.erase(s.find_last_not_of(" \t\n") + 1);
  return s;
}

std::optional<double> parse_number(const std::string& text) {
  double v = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<long long> parse_integer(const std::string& text) {
  long long v = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

// "2026-12-03T14:00" from a datetime-local input is Beijing time.
std::optional<std::string> datetime_to_iso(const std::string& local) {
  std::string text = local;
  if (text.size() == 16) text += ":00";
  text += "+08:00";
  if (!content::parse_iso8601(text)) return std::nullopt;
  return text;
}

std::string iso_to_datetime(const json& v) {
  if (!v.is_string()) return {};
  const auto t = content::parse_iso8601(v.get<std::string>());
  if (!t) return {};
  return content::format_iso8601(*t).substr(0, 16);
}

// "5" rather than "5.0" for whole numbers; otherwise the shortest form that reads back the same.
std::string format_number(double v) {
  if (std::trunc(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  json j = v;
  return j.dump();
}

}  // namespace

const std::vector<FieldSpec>& form_fields(Collection c) {
  static const std::map<Collection, std::vector<FieldSpec>> table = [] {
    std::map<Collection, std::vector<FieldSpec>> t;
    for (Collection col : content::kAllCollections) t[col] = fields_of(col);
    return t;
  }();
  return table.at(c);
}

json item_from_form(Collection c, const std::map<std::string, std::string>& form,
                    std::vector<FieldError>& errors) {
  json item = json::object();
  for (const auto& f : form_fields(c)) {
    const std::string name = "f." + f.key;
    switch (f.kind) {
      case FieldKind::local:
      case FieldKind::local_long: {
        const auto read = [&](const std::string& input) {
          std::string text = trim(value_of(form, input));
          if (!f.multiline) std::replace(text.begin(), text.end(), '\n', ' ');
          return text;
        };
        const std::string zh = read(name + ".zh"), en = read(name + ".en");
        if (!zh.empty() || !en.empty()) {
          item[f.key] = json{{"zh", zh}};
          if (!en.empty()) item[f.key]["en"] = en;
        }
        break;
      }
      case FieldKind::boolean:
        if (value_of(form, name) == "on" || value_of(form, name) == "true") item[f.key] = true;
        break;
      case FieldKind::integer:
      case FieldKind::number: {
        const std::string text = trim(value_of(form, name));
        if (text.empty()) break;
        if (f.kind == FieldKind::integer) {
          if (auto v = parse_integer(text))
            item[f.key] = *v;
          else
            errors.push_back({f.key, "must be a whole number"});
        } else {
          if (auto v = parse_number(text))
            item[f.key] = *v;
          else
            errors.push_back({f.key, "must be a number"});
        }
        break;
      }
      case FieldKind::datetime: {
        const std::string text = trim(value_of(form, name));
        if (text.empty()) break;
        if (auto iso = datetime_to_iso(text))
          item[f.key] = *iso;
        else
          errors.push_back({f.key, "must be a date and time"});
        break;
      }
      case FieldKind::list: {
        json list = json::array();
        std::string text = value_of(form, name);
        for (auto& ch : text) ch = (ch == '\n' || ch == ';') ? ',' : ch;
        std::size_t start = 0;
        while (start <= text.size()) {
          auto comma = text.find(',', start);
          std::string part =
              trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
          if (!part.empty()) list.push_back(part);
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        if (!list.empty()) item[f.key] = list;
        break;
      }
      case FieldKind::year_value: {
        const std::string year = trim(value_of(form, name + ".year")),
                          value = trim(value_of(form, name + ".value"));
        if (year.empty() && value.empty()) break;
        auto y = parse_integer(year);
        auto v = parse_number(value);
        if (!y || !v) {
          errors.push_back({f.key, "needs a year and a number"});
          break;
        }
        item[f.key] = json{{"year", *y}, {"value", *v}};
        break;
      }
      case FieldKind::series:
      case FieldKind::hours: {
        // One "key = value" per line: "2016 = 5576", "2027-01-01 = closed".
        json out = f.kind == FieldKind::series ? json::array() : json::object();
        std::string text = value_of(form, name);
        std::size_t start = 0;
        int line_no = 0;
        while (start < text.size()) {
          auto nl = text.find('\n', start);
          std::string line =
              trim(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
          start = nl == std::string::npos ? text.size() : nl + 1;
          ++line_no;
          if (line.empty()) continue;
          auto eq = line.find('=');
          if (eq == std::string::npos) {
            errors.push_back({f.key, "line " + std::to_string(line_no) + ": write it as \"key = value\""});
            continue;
          }
          const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
          if (f.kind == FieldKind::hours) {
            out[key] = value;
            continue;
          }
          auto v = parse_number(value);
          if (!v) {
            errors.push_back(
                {f.key, "line " + std::to_string(line_no) + ": \"" + value + "\" is not a number"});
            continue;
          }
          out.push_back(json{{"period", key}, {"value", *v}});
        }
        if (!out.empty()) item[f.key] = out;
        break;
      }
      default: {
        const std::string text = trim(value_of(form, name));
        if (!text.empty()) item[f.key] = text;
      }
    }
  }
  return item;
}

json form_view(Collection c, const json& item, const std::vector<FieldError>& errors,
               const std::vector<std::string>& spaces, const std::vector<std::string>& images) {
  json fields = json::array();
  for (const auto& f : form_fields(c)) {
    json v = {{"key", f.key}, {"name", "f." + f.key}};
    const json value = item.contains(f.key) ? item[f.key] : json();
    std::string error;
    for (const auto& e : errors) {
      if (e.field == f.key || e.field.rfind(f.key + ".", 0) == 0 || e.field.rfind(f.key + "[", 0) == 0) {
        error += (error.empty() ? "" : "; ") + (e.field == f.key ? "" : e.field + ": ") + e.message;
      }
    }
    if (!error.empty()) v["error"] = error;
    auto options = [&](const std::vector<std::string>& choices, const std::string& current,
                       bool allow_empty) {
      json list = json::array();
      if (allow_empty) list.push_back(json{{"value", ""}, {"selected", current.empty()}});
      for (const auto& ch : choices) list.push_back(json{{"value", ch}, {"selected", ch == current}});
      return list;
    };
    const std::string text = value.is_string() ? value.get<std::string>() : std::string();
    switch (f.kind) {
      case FieldKind::local:
      case FieldKind::local_long:
        v[f.kind == FieldKind::local ? "is_local" : "is_local_long"] = true;
        v["zh"] = value.is_object() ? value.value("zh", "") : "";
        v["en"] = value.is_object() ? value.value("en", "") : "";
        break;
      case FieldKind::boolean:
        v["is_boolean"] = true;
        v["checked"] = value.is_boolean() && value.get<bool>();
        break;
      case FieldKind::integer:
      case FieldKind::number:
        v["is_number"] = true;
        v["value"] = value.is_number() ? format_number(value.get<double>()) : "";
        v["step"] = f.kind == FieldKind::integer ? "1" : "any";
        break;
      case FieldKind::datetime:
        v["is_datetime"] = true;
        v["value"] = iso_to_datetime(value);
        break;
      case FieldKind::choice:
        v["is_choice"] = true;
        v["options"] = options(f.choices, text, false);
        v["choice_set"] = f.choice_set;
        break;
      case FieldKind::space:
        v["is_choice"] = true;
        v["options"] = options(spaces, text, false);
        break;
      case FieldKind::image:
        v["is_choice"] = true;
        v["options"] = options(images, text, true);
        break;
      case FieldKind::list: {
        std::string joined;
        if (value.is_array()) {
          for (const auto& x : value)
            joined += (joined.empty() ? "" : ", ") + (x.is_string() ? x.get<std::string>() : x.dump());
        }
        v["is_text"] = true;
        v["value"] = joined;
        break;
      }
      case FieldKind::year_value:
        v["is_year_value"] = true;
        v["year"] = value.is_object() && value.contains("year") ? value["year"].dump() : "";
        v["value"] =
            value.is_object() && value.contains("value") ? format_number(value["value"].get<double>()) : "";
        break;
      case FieldKind::series:
      case FieldKind::hours: {
        std::string lines;
        if (value.is_array()) {
          for (const auto& p : value) {
            lines += p.value("period", "") + " = " +
                     (p.contains("value") ? format_number(p["value"].get<double>()) : "") + "\n";
          }
        } else if (value.is_object()) {
          for (const auto& [k, x] : value.items())
            lines += k + " = " + (x.is_string() ? x.get<std::string>() : x.dump()) + "\n";
        }
        v["is_lines"] = true;
        v["value"] = lines;
        break;
      }
      case FieldKind::id:
        v["is_id"] = true;
        v["value"] = text;
        break;
      case FieldKind::url:
        v["is_url"] = true;
        v["value"] = text;
        break;
      case FieldKind::text:
        v["is_text"] = true;
        v["value"] = text;
        break;
    }
    fields.push_back(std::move(v));
  }
  return fields;
}

}  // namespace kiosk::console
