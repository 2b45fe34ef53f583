#include "sync/content/validate.hpp"

#include <cmath>
#include <set>
#include <string>
#include <unordered_set>

#include "platform/display_schedule.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/fields.hpp"
#include "sync/content/limits.hpp"
#include "sync/content/utf8.hpp"

namespace kiosk::content {
namespace {

using namespace limits;

// Collects issues for one item with its file, kind and id already filled in.
class ItemCheck {
 public:
  ItemCheck(Issues& issues, Collection c, const std::string& id)
      : issues_(issues),
        file_(collection_file(c)),
        kind_(c == Collection::meta ? "" : item_kind(c)),
        id_(id) {}

  void error(const std::string& field, const std::string& message) {
    issues_.error(file_, std::string(kind_), id_, field, message);
  }
  void warning(const std::string& field, const std::string& message) {
    issues_.warning(file_, std::string(kind_), id_, field, message);
  }

  void id(const std::string& value, const std::string& field = "id") {
    if (value.empty()) return error(field, "is required");
    if (value.size() > kMaxIdLength) {
      return error(field, "is longer than " + std::to_string(kMaxIdLength) + " characters");
    }
    const auto ok = [](char ch, bool first) {
      const bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
      return alnum || (!first && (ch == '-' || ch == '_' || ch == '.'));
    };
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!ok(value[i], i == 0)) {
        return error(field, "\"" + value +
                                "\" may only use a-z, 0-9, '.', '_' and '-', starting "
                                "with a letter or digit");
      }
    }
  }

  void text(const std::string& field, const LocalText& t, std::size_t max_chars,
            bool allow_newlines = false) {
    string(field + ".zh", t.zh, max_chars, allow_newlines);
    string(field + ".en", t.en, max_chars, allow_newlines);
    // The kiosk draws every language with one CJK font, whose curly quotes are full width: in an
    // English sentence they read as gaps. Chinese text keeps them (they are right there).
    for (const char* curly : {"\u201C", "\u201D", "\u2018", "\u2019"}) {
      if (t.en.find(curly) != std::string::npos) {
        warning(field + ".en",
                "uses curly quotes (\u201C \u201D \u2018 \u2019), which the kiosk's Chinese font draws full "
                "width; "
                "type straight quotes (\" ') in English");
        break;
      }
    }
  }

  void string(const std::string& field, const std::string& s, std::size_t max_chars,
              bool allow_newlines = false) {
    if (!utf8::valid(s)) return error(field, "is not valid UTF-8");
    std::size_t count = 0;
    int marks = 0;            // combining marks on the current letter
    bool after_base = false;  // a letter (not a space or the start) precedes
    for (std::size_t pos = 0; pos < s.size(); ++count) {
      const char32_t cp = utf8::next(s, pos);
      if (utf8::is_control(cp) && !(allow_newlines && cp == '\n')) {
        return error(field, "contains a control character (U+" + hex(cp) + ")");
      }
      if (utf8::is_bidi_control(cp)) {
        return error(field, "contains an invisible direction mark (U+" + hex(cp) +
                                "), which can reorder what the "
                                "screen shows; delete it (it often comes with text pasted from a web page)");
      }
      if (utf8::is_right_to_left(cp)) {
        return error(field, "contains right-to-left script (U+" + hex(cp) +
                                "); the kiosk writes left to right "
                                "only, so it would show reversed and unjoined");
      }
      if (cp > 0xFFFF) {
        return error(field, "contains U+" + hex(cp) +
                                ", which the kiosk font cannot draw (emoji "
                                "and characters outside the Basic Multilingual Plane are not shown)");
      }
      if (utf8::is_combining_mark(cp)) {
        if (!after_base) {
          return error(field, "contains a combining accent (U+" + hex(cp) + ") with no letter before it");
        }
        if (++marks > 2) {
          return error(field, "stacks more than two combining accents on one letter (U+" + hex(cp) + ")");
        }
        continue;
      }
      marks = 0;
      after_base = cp != ' ' && cp != '\n' && cp != 0x3000;
    }
    if (count > max_chars) {
      error(field,
            "is " + std::to_string(count) + " characters long; the limit is " + std::to_string(max_chars));
    }
  }

  void url(const std::string& field, const std::string& u) {
    if (u.empty()) return;
    if (u.size() > kMaxUrlBytes) return error(field, "is longer than 2048 bytes");
    if (u.rfind("https://", 0) != 0) return error(field, "must start with https:// (found \"" + u + "\")");
    if (u.size() <= 8 || u[8] == '/' || u[8] == ':') return error(field, "has no host name");
    for (unsigned char ch : u) {
      if (ch <= 0x20 || ch == 0x7F) return error(field, "must not contain spaces or control characters");
    }
  }

  void time(const std::string& field, UnixSeconds t) {
    if (t < kEarliestTime || t >= kLatestTime) {
      error(field, format_iso8601(t) + " is outside the years 2000-2100");
    }
  }

  void range(const std::string& field, double v, double lo, double hi) {
    if (!std::isfinite(v)) return error(field, "must be a finite number");
    if (v < lo || v > hi) {
      error(field, "must be between " + number(lo) + " and " + number(hi) + " (found " + number(v) + ")");
    }
  }

  static std::string number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    return std::to_string(v);
  }

 private:
  static std::string hex(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(cp));
    return buf;
  }

  Issues& issues_;
  std::string file_;
  std::string_view kind_;
  const std::string& id_;
};

template <class T>
void check_count_and_ids(const std::vector<T>& items, Collection c, std::size_t max, Issues& issues) {
  if (items.size() > max) {
    issues.error(collection_file(c), "", "", "",
                 "has " + std::to_string(items.size()) + " items; the limit is " + std::to_string(max));
  }
  std::unordered_set<std::string> seen;
  for (const auto& item : items) {
    if (!item.id.empty() && !seen.insert(item.id).second) {
      issues.error(collection_file(c), std::string(item_kind(c)), item.id, "id",
                   "is used by more than one " + std::string(item_kind(c)));
    }
  }
}

bool image_name_ok(const std::string& name) {
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  for (char ch : name) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '-' || ch == '_' || ch == '.';
    if (!ok) return false;
  }
  return true;
}

// The checks every field gets from its definition (fields.hpp): required, length, characters,
// ranges, and that what it names exists.
struct FieldChecks {
  ItemCheck& check;
  const std::set<std::string>& spaces;
  const std::set<std::string>& images;

  void operator()(const std::string& s, const Field& f) const {
    const std::string key(f.key);
    switch (f.role) {
      case Role::id:
        return check.id(s, key);
      case Role::url:
        return check.url(key, s);
      case Role::space:
        if (!s.empty() && !spaces.count(s)) check.error(key, "\"" + s + "\" is not a space in spaces.json");
        return;
      case Role::image:
        if (!s.empty() && !images.count(s)) check.error(key, "\"" + s + "\" is not in images/");
        return;
      case Role::plain:
        if (f.need == Need::required && s.empty()) check.error(key, "is required");
        return check.string(key, s, f.max_chars);
    }
  }
  void operator()(const LocalText& t, const Field& f) const {
    if (f.need == Need::required && t.zh.empty()) check.error(std::string(f.key) + ".zh", "is required");
    check.text(std::string(f.key), t, f.max_chars, f.multiline);
  }
  void operator()(UnixSeconds t, const Field& f) const { check.time(std::string(f.key), t); }
  void operator()(const std::optional<UnixSeconds>& t, const Field& f) const {
    if (t) check.time(std::string(f.key), *t);
  }
  void operator()(double v, const Field& f) const {
    if (f.min != 0 || f.max != 0) check.range(std::string(f.key), v, f.min, f.max);
  }
  void operator()(int v, const Field& f) const { (*this)(static_cast<double>(v), f); }
  void operator()(bool, const Field&) const {}
  template <class E>
  requires std::is_enum_v<E>
  void operator()(E, const Field&) const {}  // the parser accepts only the names
  void operator()(const std::vector<std::string>& ids, const Field& f) const {
    const std::string key(f.key);
    if (ids.size() > f.max_chars)
      check.error(key, "lists more than " + std::to_string(f.max_chars) + " entries");
    for (const auto& id : ids) check.id(id, key);
  }
  void operator()(const DateMap& dates, const Field& f) const {
    const std::string key(f.key);
    if (dates.size() > f.max_chars)
      check.error(key, "has more than " + std::to_string(f.max_chars) + " dates (keep about a year)");
    for (const auto& [date, hours] : dates) {
      try {
        platform::DisplaySchedule scratch;
        scratch.set_date_override(date, hours);
      } catch (const platform::ScheduleError& e) {
        check.error(key + "." + date, e.what());
      }
    }
  }
  void operator()(const YearValue& y, const Field& f) const {
    check.range(std::string(f.key) + ".year", y.year, 2000, 2100);
    check.range(std::string(f.key) + ".value", y.value, -1e15, 1e15);
  }
  void operator()(const std::optional<YearValue>& y, const Field& f) const {
    if (y) (*this)(*y, f);
  }
  void operator()(const std::vector<SeriesPoint>& series, const Field& f) const {
    const std::string key(f.key);
    if (series.size() > f.max_chars)
      check.error(key, "has more than " + std::to_string(f.max_chars) + " points");
    int previous = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
      const auto& p = series[i];
      const std::string where = key + "[" + std::to_string(i) + "]";
      int year = 0;
      const bool numeric =
          p.period.size() == 4 && p.period.find_first_not_of("0123456789") == std::string::npos;
      if (numeric) year = std::stoi(p.period);
      if (!numeric || year < 2000 || year > 2100) {
        check.error(where + ".period", "\"" + p.period + "\" must be a year between 2000 and 2100");
        continue;
      }
      if (year <= previous)
        check.error(where + ".period", "periods must be in increasing order without repeats");
      previous = year;
      check.range(where + ".value", p.value, -1e15, 1e15);
    }
  }
};

// Rules between fields of one item, which no single field's definition can say.
void check_across(const Meta& m, ItemCheck& check) {
  if (m.sample_anchor && !m.sample)
    check.error("sample_anchor", "is only allowed together with \"sample\": true");
}
void check_across(const Space&, ItemCheck&) {}
void check_across(const Event& e, ItemCheck& check) {
  if (e.end <= e.start) {
    check.error("end", "ends before it starts (start " + format_iso8601(e.start) + ", end " +
                           format_iso8601(e.end) + ")");
  } else if (e.end - e.start > kMaxEventDuration) {
    check.error("end", "the event lasts more than 31 days; split it into several events");
  }
  if (e.capacity > 0 && e.registered > e.capacity) {
    check.warning("registered", "is more than the capacity; the kiosk shows the event as full");
  }
}
void check_across(const Desk& d, ItemCheck& check) {
  if (d.price_day > 0 && d.price_month > 0 && d.price_day > d.price_month) {
    check.warning("price_day", "is more than price_month; were the two swapped?");
  }
}
void check_across(const Resource& r, ItemCheck& check) {
  if (r.voucher_share > 0 && !r.voucher_eligible) {
    check.error("voucher_share",
                "is set but voucher_eligible is false; set voucher_eligible to true or remove "
                "voucher_share");
  }
}
void check_across(const Indicator& x, ItemCheck& check) {
  if (!(x.weight > 0 && x.weight <= 100)) check.error("weight", "must be more than 0 and at most 100");
  if (x.baseline) {
    if (x.baseline->year >= x.target.year) check.error("baseline.year", "must be before the target year");
    const bool wrong_way = x.direction == Direction::higher ? x.target.value <= x.baseline->value
                                                            : x.target.value >= x.baseline->value;
    if (wrong_way) {
      check.error("target.value",
                  std::string("must be ") + (x.direction == Direction::higher ? "above" : "below") +
                      " the baseline for a " + std::string(to_string(x.direction)) + "-is-better indicator");
    }
  } else if (x.target.value <= 0) {
    check.error("target.value",
                "must be above 0 when there is no baseline (progress is measured "
                "as a share of the target)");
  }
}
void check_across(const Notice& n, ItemCheck& check) {
  if (n.ends <= n.starts) check.error("ends", "ends before it starts");
}

template <class T>
void validate_item(const T& item, const std::string& id, const std::set<std::string>& spaces,
                   const std::set<std::string>& images, Issues& issues) {
  ItemCheck check(issues, collection_of<T>, id);
  fields(item, FieldChecks{check, spaces, images});
  check_across(item, check);
}

constexpr std::size_t max_items(Collection c) {
  switch (c) {
    case Collection::spaces:
      return kMaxSpaces;
    case Collection::events:
      return kMaxEvents;
    case Collection::desks:
      return kMaxDesks;
    case Collection::resources:
      return kMaxResources;
    case Collection::indicators:
      return kMaxIndicators;
    case Collection::notices:
      return kMaxNotices;
    case Collection::meta:
      break;
  }
  return 1;
}

void validate_images(const Content& c, Issues& issues) {
  if (c.images.size() > kMaxImages) {
    issues.error("images/", "", "", "", "has more than " + std::to_string(kMaxImages) + " files");
  }
  for (const auto& img : c.images) {
    if (!image_name_ok(img.name)) {
      issues.error("images/", "image", img.name, "name", "may only use letters, digits, '.', '_' and '-'");
    }
  }
}

}  // namespace

void validate(const Content& content, Issues& issues) {
  std::set<std::string> spaces;
  for (const auto& s : content.spaces) spaces.insert(s.id);
  std::set<std::string> images;
  for (const auto& i : content.images) images.insert(i.name);

  validate_item(content.meta, std::string(), spaces, images, issues);
  for_each_collection(content, [&](const auto& items) {
    using T = typename std::decay_t<decltype(items)>::value_type;
    check_count_and_ids(items, collection_of<T>, max_items(collection_of<T>), issues);
    for (const auto& item : items) validate_item(item, item.id, spaces, images, issues);
  });
  validate_images(content, issues);
}

}  // namespace kiosk::content
