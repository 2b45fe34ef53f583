#include "sync/content/sample_dates.hpp"

#include <cstdio>

namespace kiosk::content {

bool rebase_sample_content(Content& content, UnixSeconds now) {
  if (!content.meta.sample || !content.meta.sample_anchor) return false;
  const UnixSeconds anchor = *content.meta.sample_anchor;
  const UnixSeconds day_shift = (local_day(now) - local_day(anchor)) * kSecondsPerDay;
  const UnixSeconds exact_shift = now - anchor;

  for (auto& e : content.events) {
    e.start += day_shift;
    e.end += day_shift;
  }
  for (auto& n : content.notices) {
    n.starts += day_shift;
    n.ends += day_shift;
  }
  for (auto& d : content.desks) {
    d.status_at += exact_shift;
    if (d.until) *d.until += day_shift;
  }
  for (auto& [date, hours] : content.meta.display_hours) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) continue;  // validation reports it
    const CivilTime c = civil_from_days(days_from_civil(y, m, d) + day_shift / kSecondsPerDay);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", c.year, c.month, c.day);
    date = text;
  }
  content.meta.sample_anchor.reset();  // now concrete: a second rebase must not move it again
  return true;
}

}  // namespace kiosk::content
