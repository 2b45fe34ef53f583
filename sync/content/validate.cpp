#include "sync/content/validate.hpp"

#include <cmath>
#include <set>
#include <string>
#include <unordered_set>

#include "platform/display_schedule.hpp"
#include "sync/content/content_json.hpp"
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
  }

  void required_text(const std::string& field, const LocalText& t, std::size_t max_chars) {
    if (t.zh.empty()) error(field + ".zh", "is required");
    text(field, t, max_chars);
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

void validate_meta(const Meta& m, Issues& issues) {
  const std::string id;
  ItemCheck check(issues, Collection::meta, id);
  check.required_text("title", m.title, 80);
  if (m.sample_anchor) {
    check.time("sample_anchor", *m.sample_anchor);
    if (!m.sample) check.error("sample_anchor", "is only allowed together with \"sample\": true");
  }
  if (m.display_hours.size() > 400)
    check.error("display_hours", "has more than 400 dates (keep about a year)");
  for (const auto& [date, hours] : m.display_hours) {
    try {
      platform::DisplaySchedule scratch;
      scratch.set_date_override(date, hours);
    } catch (const platform::ScheduleError& e) {
      check.error("display_hours." + date, e.what());
    }
  }
}

void validate_spaces(const Content& c, Issues& issues) {
  check_count_and_ids(c.spaces, Collection::spaces, kMaxSpaces, issues);
  for (const auto& s : c.spaces) {
    ItemCheck check(issues, Collection::spaces, s.id);
    check.id(s.id);
    check.required_text("name", s.name, 80);
    check.required_text("address", s.address, 200);
    check.text("hours", s.hours, 200);
    check.text("description", s.description, 2000, true);
    check.url("booking_url", s.booking_url);
    if (s.kiosk_ids.size() > kMaxKioskIds) check.error("kiosk_ids", "lists more than 200 kiosks");
    for (const auto& k : s.kiosk_ids) check.id(k, "kiosk_ids");
  }
}

void validate_events(const Content& c, const std::set<std::string>& spaces,
                     const std::set<std::string>& images, Issues& issues) {
  check_count_and_ids(c.events, Collection::events, kMaxEvents, issues);
  for (const auto& e : c.events) {
    ItemCheck check(issues, Collection::events, e.id);
    check.id(e.id);
    if (!e.space_id.empty() && !spaces.count(e.space_id)) {
      check.error("space", "\"" + e.space_id + "\" is not a space in spaces.json");
    }
    check.required_text("title", e.title, 120);
    check.text("summary", e.summary, 400);
    check.text("body", e.body, 5000, true);
    check.required_text("venue", e.venue, 120);
    check.required_text("organiser", e.organiser, 120);
    check.text("status_note", e.status_note, 200);
    check.string("keywords", e.keywords, 400);
    check.time("start", e.start);
    check.time("end", e.end);
    if (e.end <= e.start) {
      check.error("end", "ends before it starts (start " + format_iso8601(e.start) + ", end " +
                             format_iso8601(e.end) + ")");
    } else if (e.end - e.start > kMaxEventDuration) {
      check.error("end", "the event lasts more than 31 days; split it into several events");
    }
    check.url("registration_url", e.registration_url);
    if (!e.poster.empty() && !images.count(e.poster)) {
      check.error("poster", "\"" + e.poster + "\" is not in images/");
    }
    check.range("capacity", e.capacity, 0, kMaxCapacity);
    check.range("registered", e.registered, 0, kMaxCapacity);
    if (e.capacity > 0 && e.registered > e.capacity) {
      check.warning("registered", "is more than the capacity; the kiosk shows the event as full");
    }
  }
}

void validate_desks(const Content& c, const std::set<std::string>& spaces, Issues& issues) {
  check_count_and_ids(c.desks, Collection::desks, kMaxDesks, issues);
  for (const auto& d : c.desks) {
    ItemCheck check(issues, Collection::desks, d.id);
    check.id(d.id);
    if (!d.space_id.empty() && !spaces.count(d.space_id)) {
      check.error("space", "\"" + d.space_id + "\" is not a space in spaces.json");
    }
    check.required_text("zone", d.zone, 60);
    if (d.label.empty()) check.error("label", "is required");
    check.string("label", d.label, 32);
    check.time("status_at", d.status_at);
    if (d.until) check.time("until", *d.until);
    check.range("max_age_s", d.max_age_s, kMinDeskMaxAge, kMaxDeskMaxAge);
    check.url("booking_url", d.booking_url);
  }
}

void validate_resources(const Content& c, const std::set<std::string>& images, Issues& issues) {
  check_count_and_ids(c.resources, Collection::resources, kMaxResources, issues);
  for (const auto& r : c.resources) {
    ItemCheck check(issues, Collection::resources, r.id);
    check.id(r.id);
    check.required_text("name", r.name, 120);
    check.required_text("provider", r.provider, 120);
    check.text("summary", r.summary, 400);
    check.text("location", r.location, 200);
    check.text("hours", r.hours, 200);
    check.text("contact", r.contact, 200);
    check.text("booking", r.booking, 200);
    check.string("keywords", r.keywords, 400);
    check.url("booking_url", r.booking_url);
    if (!r.image.empty() && !images.count(r.image)) {
      check.error("image", "\"" + r.image + "\" is not in images/");
    }
  }
}

void validate_indicators(const Content& c, Issues& issues) {
  check_count_and_ids(c.indicators, Collection::indicators, kMaxIndicators, issues);
  for (const auto& x : c.indicators) {
    ItemCheck check(issues, Collection::indicators, x.id);
    check.id(x.id);
    check.required_text("name", x.name, 120);
    check.required_text("unit", x.unit, 30);
    check.required_text("source", x.source, 400);
    check.text("note", x.note, 400);
    check.range("target.year", x.target.year, 2000, 2100);
    check.range("target.value", x.target.value, -1e15, 1e15);
    check.range("decimals", x.decimals, 0, 3);
    if (!(x.weight > 0 && x.weight <= 100)) check.error("weight", "must be more than 0 and at most 100");
    if (x.baseline) {
      check.range("baseline.year", x.baseline->year, 2000, 2100);
      check.range("baseline.value", x.baseline->value, -1e15, 1e15);
      if (x.baseline->year >= x.target.year) check.error("baseline.year", "must be before the target year");
      const bool wrong_way = x.direction == Direction::higher ? x.target.value <= x.baseline->value
                                                              : x.target.value >= x.baseline->value;
      if (wrong_way) {
        check.error("target.value", std::string("must be ") +
                                        (x.direction == Direction::higher ? "above" : "below") +
                                        " the baseline for a " + std::string(to_string(x.direction)) +
                                        "-is-better indicator");
      }
    } else if (x.target.value <= 0) {
      check.error("target.value",
                  "must be above 0 when there is no baseline (progress is measured "
                  "as a share of the target)");
    }
    if (x.series.size() > kMaxSeriesPoints) check.error("series", "has more than 200 points");
    int previous = 0;
    for (std::size_t i = 0; i < x.series.size(); ++i) {
      const auto& p = x.series[i];
      const std::string where = "series[" + std::to_string(i) + "]";
      int year = 0;
      const bool numeric = !p.period.empty() && p.period.size() == 4 &&
                           p.period.find_first_not_of("0123456789") == std::string::npos;
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
}

void validate_notices(const Content& c, Issues& issues) {
  check_count_and_ids(c.notices, Collection::notices, kMaxNotices, issues);
  for (const auto& n : c.notices) {
    ItemCheck check(issues, Collection::notices, n.id);
    check.id(n.id);
    check.required_text("title", n.title, 120);
    check.text("body", n.body, 1000, true);
    check.time("starts", n.starts);
    check.time("ends", n.ends);
    if (n.ends <= n.starts) check.error("ends", "ends before it starts");
    for (const auto& k : n.kiosk_ids) check.id(k, "kiosk_ids");
  }
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

  validate_meta(content.meta, issues);
  validate_spaces(content, issues);
  validate_events(content, spaces, images, issues);
  validate_desks(content, spaces, issues);
  validate_resources(content, images, issues);
  validate_indicators(content, issues);
  validate_notices(content, issues);
  validate_images(content, issues);
}

}  // namespace kiosk::content
