#include "sync/content/sample_dates.hpp"

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
  content.meta.sample_anchor.reset();  // now concrete: a second rebase must not move it again
  return true;
}

}  // namespace kiosk::content
