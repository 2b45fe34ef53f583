// Numbers and prices as visitors read them, in both languages.
#include <doctest/doctest.h>

#include "kiosk/ui/format.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;
using content::Lang;

TEST_CASE("numbers read at a glance: thousands separators and fixed decimals") {
  CHECK(ui::format_number(10000, 0) == "10,000");
  CHECK(ui::format_number(5576, 0) == "5,576");
  CHECK(ui::format_number(999, 0) == "999");
  CHECK(ui::format_number(1234567.891, 2) == "1,234,567.89");
  CHECK(ui::format_number(-25000, 0) == "-25,000");
  CHECK(ui::format_number(23.5, 1) == "23.5");
  CHECK(ui::format_number(0.5, 0) == "0");  // printf rounding: banker's-free, to even
  CHECK(ui::yuan(6800) == "¥6,800");
}

TEST_CASE("desk prices: per day and month - ranges where desks differ - price on request when none") {
  const auto& i18n = test::i18n();
  content::PriceRange none;
  CHECK(ui::desk_price(i18n, Lang::zh, none) == "价格面议");
  CHECK(ui::desk_price(i18n, Lang::en, none) == "Price on request");

  content::Desk a, b;
  a.price_day = 50;
  a.price_month = 600;
  content::PriceRange one;
  one.add(a);
  CHECK(ui::desk_price(i18n, Lang::zh, one) == "¥50/天 · ¥600/月");
  CHECK(ui::desk_price(i18n, Lang::en, one) == "¥50/day · ¥600/month");

  b.price_month = 1200;  // no day price: ignored for the day range, widens the month range
  content::PriceRange both = one;
  both.add(b);
  CHECK(ui::desk_price(i18n, Lang::zh, both) == "¥50/天 · ¥600–1,200/月");

  content::PriceRange month_only;
  month_only.add(b);
  CHECK(ui::desk_price(i18n, Lang::en, month_only) == "¥1,200/month");
}

TEST_CASE("resource prices: the fee in staff's words - free for members - vouchers with their share") {
  const auto& i18n = test::i18n();
  content::Resource r;
  CHECK(ui::resource_price(i18n, Lang::zh, r) == "价格面议");
  CHECK(ui::voucher_words(i18n, Lang::zh, r).empty());

  r.fee = {"¥600 / 机时", "¥600 per instrument-hour"};
  CHECK(ui::resource_price(i18n, Lang::en, r) == "¥600 per instrument-hour");
  r.member_free = true;
  CHECK(ui::resource_price(i18n, Lang::zh, r) == "¥600 / 机时 · 会员免费");
  r.fee = {};
  CHECK(ui::resource_price(i18n, Lang::en, r) == "Free for members");

  r.voucher_eligible = true;
  CHECK(ui::voucher_words(i18n, Lang::zh, r) == "可使用创新券");
  r.voucher_share = 50;
  CHECK(ui::voucher_words(i18n, Lang::zh, r) == "创新券可抵 50%");
  CHECK(ui::voucher_words(i18n, Lang::en, r) == "Vouchers cover 50%");
}

TEST_CASE("a moment reads as the time today - with the date on any other day") {
  const content::UnixSeconds now = test::ui_now();  // Monday 30 Nov 2026, 10:00 in Tianjin
  CHECK(ui::time_of_day(test::i18n(), Lang::zh, now + 8 * 3600, now) == "18:00");
  CHECK(ui::time_of_day(test::i18n(), Lang::zh, now + 24 * 3600, now) ==
        ui::short_date(test::i18n(), Lang::zh, now + 24 * 3600) + " 10:00");
  CHECK(ui::time_of_day(test::i18n(), Lang::en, now - 24 * 3600, now).find("29") != std::string::npos);
  // Midnight belongs to the day it starts.
  CHECK(ui::time_of_day(test::i18n(), Lang::zh, now + 14 * 3600, now) != "00:00");
}
