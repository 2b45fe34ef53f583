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

std::string time_of_day(const I18n& i18n, content::Lang lang, content::UnixSeconds t,
                        content::UnixSeconds now) {
  if (content::local_day(t) == content::local_day(now)) return clock_hm(t);
  return short_date(i18n, lang, t) + " " + clock_hm(t);
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

std::string format_number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  // Thousands separators for the whole part: 10,000 reads at a glance from two metres.
  const std::string plain = buf;
  const std::size_t sign = plain[0] == '-' ? 1 : 0;
  const std::size_t dot = plain.find('.');
  const std::size_t int_end = dot == std::string::npos ? plain.size() : dot;
  std::string out = plain.substr(0, sign);
  for (std::size_t i = sign; i < int_end; ++i) {
    if (i > sign && (int_end - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  out += plain.substr(int_end);
  return out;
}

std::string yuan(int amount) {
  return "¥" + format_number(amount, 0);
}

namespace {

// "¥50", or "¥50–80" when desks of one kind differ.
std::string yuan_range(int lo, int hi) {
  return lo == hi ? yuan(lo) : yuan(lo) + "–" + format_number(hi, 0);
}

}  // namespace

std::string desk_price(const I18n& i18n, Lang lang, const PriceRange& p) {
  std::string out;
  if (p.day_min > 0) out = i18n.format("price.per_day", lang, {yuan_range(p.day_min, p.day_max)});
  if (p.month_min > 0) {
    if (!out.empty()) out += i18n.tr("price.separator", lang);
    out += i18n.format("price.per_month", lang, {yuan_range(p.month_min, p.month_max)});
  }
  return out.empty() ? i18n.tr("price.on_request", lang) : out;
}

std::string resource_price(const I18n& i18n, Lang lang, const Resource& r) {
  std::string out = r.fee.empty() ? std::string() : r.fee.in(lang);
  if (r.member_free) {
    if (!out.empty()) out += i18n.tr("price.separator", lang);
    out += i18n.tr("price.member_free", lang);
  }
  return out.empty() ? i18n.tr("price.on_request", lang) : out;
}

std::string voucher_words(const I18n& i18n, Lang lang, const Resource& r) {
  if (!r.voucher_eligible) return {};
  if (r.voucher_share > 0) return i18n.format("price.voucher_share", lang, {std::to_string(r.voucher_share)});
  return i18n.tr("resources.voucher_eligible", lang);
}

}  // namespace kiosk::ui
