#include "platform/display_schedule.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::platform {
namespace {

constexpr int kDay = 24 * 60;
const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int day_index(const std::string& name) {
  for (int i = 0; i < 7; ++i) {
    if (name == kDays[i]) return i;
  }
  return -1;
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

int parse_time_of_day(const std::string& text, const std::string& whole) {
  int h = -1, m = -1;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d:%d%c", &h, &m, &extra) != 2 || h < 0 || h > 24 || m < 0 || m > 59 ||
      (h == 24 && m != 0) || text.size() != 5) {
    throw ScheduleError("\"" + whole + "\": \"" + text + "\" is not a time like 08:30");
  }
  return h * 60 + m;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int days_in_month(int y, int m) {
  static constexpr int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kLength[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::vector<Interval> DisplaySchedule::parse_hours(const std::string& text) {
  std::vector<Interval> out;
  const std::string t = trim(text);
  if (t == "closed" || t == "off") return out;
  if (t.empty()) throw ScheduleError("empty hours (write \"closed\" for a closed day)");
  std::size_t start = 0;
  while (start <= t.size()) {
    std::size_t comma = t.find(',', start);
    if (comma == std::string::npos) comma = t.size();
    const std::string part = trim(t.substr(start, comma - start));
    const auto dash = part.find('-');
    if (dash == std::string::npos)
      throw ScheduleError("\"" + text + "\": \"" + part + "\" is not a range like 08:00-20:00");
    const int a = parse_time_of_day(trim(part.substr(0, dash)), text);
    const int b = parse_time_of_day(trim(part.substr(dash + 1)), text);
    if (a == b) throw ScheduleError("\"" + text + "\": \"" + part + "\" is empty");
    if (a < b) {
      out.emplace_back(a, b);
    } else {  // past midnight: today's part here, the rest is added to the next day by lit()
      out.emplace_back(a, kDay + b);
    }
    start = comma + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

DisplaySchedule DisplaySchedule::parse(const std::vector<std::pair<std::string, std::string>>& week,
                                       int utc_offset_s) {
  DisplaySchedule s;
  s.always_on_ = false;
  s.weekly_ = true;
  s.offset_ = utc_offset_s;
  // The more specific entry wins whatever the order (JSON objects have none): "daily", then
  // ranges, then single days. Two ranges naming one day are ambiguous and refused.
  struct Entry {
    int rank;  // 0 daily, 1 range, 2 single day
    std::vector<int> days;
    std::vector<Interval> hours;
    std::string key;
  };
  std::vector<Entry> entries;
  for (const auto& [key, hours] : week) {
    Entry e{0, {}, {}, key};
    if (key == "daily") {
      e.days = {0, 1, 2, 3, 4, 5, 6};
    } else if (const auto dash = key.find('-'); dash != std::string::npos) {
      const int a = day_index(key.substr(0, dash)), b = day_index(key.substr(dash + 1));
      if (a < 0 || b < 0) throw ScheduleError("\"" + key + "\" is not a day range like mon-fri");
      e.rank = 1;
      for (int d = a;; d = (d + 1) % 7) {
        e.days.push_back(d);
        if (d == b) break;
      }
    } else if (const int d = day_index(key); d >= 0) {
      e.rank = 2;
      e.days = {d};
    } else {
      throw ScheduleError("\"" + key + "\" is not a day (mon..sun, mon-fri, daily)");
    }
    try {
      e.hours = parse_hours(hours);
    } catch (const ScheduleError& err) {
      throw ScheduleError(key + ": " + err.what());
    }
    entries.push_back(std::move(e));
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
  std::array<const Entry*, 7> set_by{};
  for (const auto& e : entries) {
    for (int d : e.days) {
      const auto i = static_cast<std::size_t>(d);
      if (set_by[i] != nullptr && set_by[i]->rank == e.rank) {
        throw ScheduleError("\"" + set_by[i]->key + "\" and \"" + e.key + "\" both name " + kDays[d]);
      }
      set_by[i] = &e;
      s.week_[i] = e.hours;
    }
  }
  return s;
}

void DisplaySchedule::set_date_override(const std::string& date, const std::string& hours) {
  int y = 0, m = 0, d = 0;
  char extra = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d%c", &y, &m, &d, &extra) != 3 || m < 1 || m > 12 || d < 1 ||
      d > days_in_month(y, m) || date.size() != 10) {
    throw ScheduleError("\"" + date + "\" is not a date like 2026-12-31");
  }
  std::vector<Interval> intervals;
  try {
    intervals = parse_hours(hours);
  } catch (const ScheduleError& e) {
    throw ScheduleError(date + ": " + e.what());
  }
  overrides_[days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))] = intervals;
  always_on_ = false;
  if (!weekly_) {
    // Overrides on a kiosk without opening hours: the other days stay lit all day.
    for (auto& day : week_) day = {{0, kDay}};
    weekly_ = true;
  }
}

std::vector<Interval> DisplaySchedule::own(std::int64_t day) const {
  if (auto it = overrides_.find(day); it != overrides_.end()) return it->second;
  const auto weekday = static_cast<std::size_t>(((day + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  return week_[weekday];
}

std::vector<Interval> DisplaySchedule::lit(std::int64_t day) const {
  std::vector<Interval> out;
  for (const auto& [a, b] : own(day - 1)) {
    if (b > kDay) out.emplace_back(0, b - kDay);
  }
  for (const auto& [a, b] : own(day)) out.emplace_back(a, std::min(b, kDay));
  std::sort(out.begin(), out.end());
  return out;
}

bool DisplaySchedule::on_at(std::int64_t t) const {
  if (always_on_) return true;
  const std::int64_t local = t + offset_;
  const std::int64_t day = floor_div(local, 86400);
  const int minute = static_cast<int>((local - day * 86400) / 60);
  for (const auto& [a, b] : lit(day)) {
    if (minute >= a && minute < b) return true;
  }
  return false;
}

std::int64_t DisplaySchedule::next_change(std::int64_t t) const {
  if (always_on_) return 0;
  const bool now_on = on_at(t);
  const std::int64_t local = t + offset_;
  const std::int64_t today = floor_div(local, 86400);
  // Edges fall on whole minutes: walk the interval boundaries of the next eight days.
  for (std::int64_t day = today; day <= today + 8; ++day) {
    std::vector<int> edges;
    for (const auto& [a, b] : lit(day)) edges.insert(edges.end(), {a, b});
    edges.push_back(kDay);  // a midnight where the next day's hours differ
    std::sort(edges.begin(), edges.end());
    for (int e : edges) {
      const std::int64_t at = (day * 86400 + e * 60) - offset_;
      if (at > t && on_at(at) != now_on) return at;
    }
  }
  return 0;  // the same state for more than a week: e.g. closed every day
}

}  // namespace kiosk::platform
