#pragma once
// Dates, times and numbers as visitors read them, in the zone's time (UTC+8) and the chosen language.
#include <string>

#include "kiosk/ui/i18n.hpp"
#include "sync/content/snapshot.hpp"
#include "sync/content/time.hpp"

namespace kiosk::ui {

std::string clock_hms(content::UnixSeconds t);                                        // "14:05:09"
std::string clock_hm(content::UnixSeconds t);                                         // "14:05"
std::string long_date(const I18n& i18n, content::Lang lang, content::UnixSeconds t);  // 2026年11月30日 星期一
std::string short_date(const I18n& i18n, content::Lang lang, content::UnixSeconds t);  // 11月30日 周一
// "18:00" on the day of `now`, else "12月1日 周二 18:00": a moment as someone standing here reads it.
std::string time_of_day(const I18n& i18n, content::Lang lang, content::UnixSeconds t,
                        content::UnixSeconds now);
// "今天" / "明天" / short date for other days.
std::string day_label(const I18n& i18n, content::Lang lang, std::int64_t local_day, std::int64_t today);
// "14:00–17:00", or "12月3日 14:00 – 12月5日 17:00" across days.
std::string time_range(const I18n& i18n, content::Lang lang, content::UnixSeconds start,
                       content::UnixSeconds end);

std::string format_number(double v, int decimals);  // "10,000.0": grouped, read at a glance
std::string yuan(int amount);                       // "¥6,800"
// "¥50/天 · ¥600/月" (ranges where desks differ), or "价格面议" when no price is stated.
std::string desk_price(const I18n& i18n, content::Lang lang, const content::PriceRange& prices);
// The fee in staff's words, "会员免费" when free for members, or "价格面议".
std::string resource_price(const I18n& i18n, content::Lang lang, const content::Resource& r);
// "创新券可抵 50%", "可使用创新券", or "" when vouchers cannot pay.
std::string voucher_words(const I18n& i18n, content::Lang lang, const content::Resource& r);

}  // namespace kiosk::ui
