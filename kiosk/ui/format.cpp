#include "kiosk/ui/format.hpp"

#include <cstdio>

namespace kiosk::ui {
using namespace content;

std::string clock_hms(UnixSeconds t) {
  const CivilTime c = to_civil(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", c.hour, c.minute, c.second);
  return buf;
}

std::string clock_hm(UnixSeconds t) {
  const CivilTime c = to_civil(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
  return buf;
}

std::string long_date(const I18n& i18n, Lang lang, UnixSeconds t) {
  const CivilTime c = to_civil(t);
  return i18n.format(
      "date.long", lang,
      {std::to_string(c.year), i18n.tr("month." + std::to_string(c.month), lang), std::to_string(c.day),
       i18n.tr("weekday.long." + std::to_string(c.weekday), lang), std::to_string(c.month)});
}

std::string short_date(const I18n& i18n, Lang lang, UnixSeconds t) {
  const CivilTime c = to_civil(t);
  return i18n.format("date.short", lang,
                     {i18n.tr("month.short." + std::to_string(c.month), lang), std::to_string(c.day),
                      i18n.tr("weekday.short." + std::to_string(c.weekday), lang), std::to_string(c.month)});
}

std::string day_label(const I18n& i18n, Lang lang, std::int64_t day, std::int64_t today) {
  const UnixSeconds noon = day * kSecondsPerDay - kShanghaiOffsetMinutes * 60 + kSecondsPerDay / 2;
  const std::string date = short_date(i18n, lang, noon);
  if (day == today) return i18n.tr("date.today", lang) + " · " + date;
  if (day == today + 1) return i18n.tr("date.tomorrow", lang) + " · " + date;
  return date;
}

std::string time_range(const I18n& i18n, Lang lang, UnixSeconds start, UnixSeconds end) {
  if (local_day(start) == local_day(end - 1)) return clock_hm(start) + "–" + clock_hm(end);
  return short_date(i18n, lang, start) + " " + clock_hm(start) + " – " + short_date(i18n, lang, end) + " " +
         clock_hm(end);
}

}  // namespace kiosk::ui
