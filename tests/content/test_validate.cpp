#include <doctest/doctest.h>

#include <cmath>

#include "sync/content/limits.hpp"
#include "sync/content/validate.hpp"
#include "tests/support/fixtures.hpp"

using namespace kiosk::content;

namespace {

Content valid() {
  return kiosk::test::small_content(kiosk::test::demo_now());
}

// The one message validation gives for `c`, or a failure listing what it gave instead.
std::string errors_of(const Content& c) {
  Issues issues;
  validate(c, issues);
  std::string out;
  for (const auto& i : issues.all()) {
    if (i.severity == Issue::Severity::error) out += i.to_string() + "\n";
  }
  return out;
}

bool rejects(const Content& c, const std::string& message) {
  const std::string errors = errors_of(c);
  if (errors.find(message) != std::string::npos) return true;
  MESSAGE("expected \"" << message << "\" in:\n" << errors);
  return false;
}

}  // namespace

TEST_CASE("the small fixture is valid - so every other case tests one rule") {
  CHECK(errors_of(valid()).empty());
}

TEST_CASE("an event that ends before it starts names file - id and field") {
  Content c = valid();
  c.events[0].end = c.events[0].start - 60;
  CHECK(rejects(c, "events.json: event \"evt-contest\": end: ends before it starts"));
}

TEST_CASE("ids: charset - length and uniqueness") {
  Content c = valid();
  c.events[0].id = "Evt 1";
  CHECK(rejects(c, "events.json: event \"Evt 1\": id: \"Evt 1\" may only use a-z, 0-9"));
  c = valid();
  c.events[0].id = std::string(65, 'a');
  CHECK(rejects(c, "id: is longer than 64 characters"));
  c = valid();
  c.resources[1].id = c.resources[0].id;
  CHECK(rejects(c, "resources.json: resource \"res-hpc\": id: is used by more than one resource"));
  c = valid();
  c.spaces[0].kiosk_ids = {"Lobby One"};
  CHECK(rejects(c, "spaces.json: space \"tjab\": kiosk_ids:"));
}

TEST_CASE("text: required Chinese - length - control characters - characters the font cannot draw") {
  Content c = valid();
  c.events[0].title.zh.clear();
  CHECK(rejects(c, "event \"evt-contest\": title.zh: is required"));
  c = valid();
  c.events[0].title.en = std::string(121, 'x');
  CHECK(rejects(c, "title.en: is 121 characters long; the limit is 120"));
  c = valid();
  c.resources[0].name.zh = "超算\x01中心";
  CHECK(rejects(c, "name.zh: contains a control character (U+0001)"));
  c = valid();
  c.events[1].title.zh = "论坛 \xF0\x9F\x8E\x89";  // U+1F389 party popper
  CHECK(rejects(c, "title.zh: contains U+1F389, which the kiosk font cannot draw"));
  c = valid();
  c.notices[0].title.en = "bad \xC3\x28 utf8";
  CHECK(rejects(c, "title.en: is not valid UTF-8"));
}

TEST_CASE("text the kiosk cannot draw left to right is refused with the reason - composed accents pass") {
  Content c = valid();
  c.events[0].title.en = "Forum \u202Eevil";  // RIGHT-TO-LEFT OVERRIDE
  CHECK(rejects(c, "title.en: contains an invisible direction mark (U+202E)"));
  c = valid();
  c.events[0].title.en = "Talk \u2067x\u2069";  // an isolate
  CHECK(rejects(c, "contains an invisible direction mark (U+2067)"));
  c = valid();
  c.resources[0].name.en = "\u05E9\u05DC\u05D5\u05DD lab";  // Hebrew
  CHECK(rejects(c, "name.en: contains right-to-left script (U+05E9)"));
  c = valid();
  c.resources[0].name.en = "\u0645\u062E\u062A\u0628\u0631";  // Arabic
  CHECK(rejects(c, "contains right-to-left script (U+0645)"));
  c = valid();
  c.events[0].title.en = "\u0301Cafe";  // an accent with nothing under it
  CHECK(rejects(c, "title.en: contains a combining accent (U+0301) with no letter before it"));
  c = valid();
  c.events[0].title.en = "Cafe \u0301";
  CHECK(rejects(c, "contains a combining accent (U+0301) with no letter before it"));
  c = valid();
  c.events[0].title.en = "Ze\u0301\u0301\u0301\u0301ro";  // stacked marks
  CHECK(rejects(c, "stacks more than two combining accents on one letter"));
  c = valid();
  c.events[0].title.en = "Cafe\u0301 Caf\u00E9 na\u00EFve";  // a decomposed and two composed accents
  CHECK(errors_of(c).empty());
  c = valid();
  c.events[0].title.en = "Bad \u009B31m CSI";  // a C1 control a terminal obeys
  CHECK(rejects(c, "title.en: contains a control character (U+009B)"));
}

TEST_CASE("URLs must be https with a host") {
  Content c = valid();
  c.events[0].registration_url = "http://example.cn/r";
  CHECK(rejects(c, "registration_url: must start with https://"));
  c = valid();
  c.resources[0].booking_url = "https:///nohost";
  CHECK(rejects(c, "booking_url: has no host name"));
  c = valid();
  c.spaces[0].booking_url = "https://example.cn/a b";
  CHECK(rejects(c, "booking_url: must not contain spaces"));
  c = valid();
  c.spaces[0].booking_url = "javascript:alert(1)";
  CHECK(rejects(c, "must start with https://"));
}

TEST_CASE("dates must lie within 2000-2100") {
  Content c = valid();
  c.events[0].start = *parse_iso8601("1999-12-31T00:00:00+08:00");
  CHECK(rejects(c, "event \"evt-contest\": start: 1999-12-31T00:00:00+08:00 is outside the years 2000-2100"));
  c = valid();
  c.notices[0].ends = *parse_iso8601("2100-01-02T00:00:00+08:00");
  CHECK(rejects(c, "notice \"n-voucher\": ends: 2100-01-02"));
  c = valid();
  c.desks[0].status_at = 0;
  CHECK(rejects(c, "desk \"d1\": status_at: 1970-01-01"));
}

TEST_CASE("references must resolve: spaces and images") {
  Content c = valid();
  c.events[0].space_id = "nowhere";
  CHECK(rejects(c, "event \"evt-contest\": space: \"nowhere\" is not a space in spaces.json"));
  c = valid();
  c.events[0].poster = "missing.png";
  CHECK(rejects(c, "event \"evt-contest\": poster: \"missing.png\" is not in images/"));
  c = valid();
  c.desks[0].space_id = "ghost";
  CHECK(rejects(c, "desk \"d1\": space: \"ghost\""));
}

TEST_CASE("numbers must be finite and in range") {
  Content c = valid();
  c.indicators[0].target.value = NAN;
  CHECK(rejects(c, "indicator \"st-smes\": target.value: must be a finite number"));
  c = valid();
  c.indicators[1].weight = INFINITY;
  CHECK(rejects(c, "weight: must be more than 0"));
  c = valid();
  c.events[0].capacity = -1;
  CHECK(rejects(c, "capacity: must be between 0 and 100000"));
  c = valid();
  c.desks[0].max_age_s = 5;
  CHECK(rejects(c, "max_age_s: must be between 60 and 604800"));
}

TEST_CASE("indicators: direction - baseline year and series order") {
  Content c = valid();
  c.indicators[0].target.value = 5000;  // below the 5576 baseline, but higher is better
  CHECK(rejects(c, "indicator \"st-smes\": target.value: must be above the baseline"));
  c = valid();
  c.indicators[0].baseline->year = 2021;
  CHECK(rejects(c, "baseline.year: must be before the target year"));
  c = valid();
  c.indicators[1].series = {{"2018", 1, true}, {"2017", 2, true}};
  CHECK(rejects(c, "series[1].period: periods must be in increasing order"));
  c = valid();
  c.indicators[1].series = {{"Q1", 1, true}};
  CHECK(rejects(c, "series[0].period: \"Q1\" must be a year"));
}

TEST_CASE("counts per collection are capped") {
  Content c = valid();
  const Event model = c.events[0];
  c.events.clear();
  for (std::size_t i = 0; i <= limits::kMaxEvents; ++i) {
    Event e = model;
    e.id = "e" + std::to_string(i);
    c.events.push_back(std::move(e));
  }
  CHECK(rejects(c, "events.json: has 20001 items; the limit is 20000"));
}

TEST_CASE("display hours per date: real dates and hours the kiosk can follow") {
  Content c = valid();
  c.meta.display_hours = {{"2026-02-30x", "closed"}, {"2026-12-24", "8-22"}};
  CHECK(rejects(c, "meta.json: display_hours.2026-02-30x: \"2026-02-30x\" is not a date like 2026-12-31"));
  CHECK(rejects(c, "display_hours.2026-12-24: 2026-12-24: \"8-22\": \"8\" is not a time like 08:30"));
}

TEST_CASE("a sample anchor needs sample content") {
  Content c = valid();
  c.meta.sample_anchor = kiosk::test::demo_now();
  CHECK(rejects(c, "meta.json: sample_anchor: is only allowed together with \"sample\": true"));
}

TEST_CASE("prices: desks in whole yuan within range - a voucher share needs a voucher-eligible resource") {
  Content c = valid();
  c.desks[0].price_day = -5;
  CHECK(rejects(c, "desk \"" + c.desks[0].id + "\": price_day: must be between 0 and 1000000"));
  c = valid();
  c.desks[0].price_month = kiosk::content::limits::kMaxPrice + 1;
  CHECK(rejects(c, "price_month: must be between 0 and 1000000"));
  c = valid();
  c.resources[0].voucher_eligible = false;
  c.resources[0].voucher_share = 50;
  CHECK(rejects(c, "voucher_share: is set but voucher_eligible is false"));
  c.resources[0].voucher_eligible = true;
  CHECK(errors_of(c).empty());
  c.resources[0].voucher_share = 101;
  CHECK(rejects(c, "voucher_share: must be between 0 and 100"));

  // A day price above the month price is allowed (a short-let office can cost that) but warned of.
  c = valid();
  c.desks[0].price_day = 900;
  c.desks[0].price_month = 800;
  Issues issues;
  validate(c, issues);
  CHECK(errors_of(c).empty());
  bool warned = false;
  for (const auto& i : issues.all())
    warned |= i.to_string().find("were the two swapped?") != std::string::npos;
  CHECK(warned);
}

TEST_CASE(
    "curly quotes in English are a warning - the kiosk's font draws them full width - Chinese keeps them") {
  const auto warnings_of = [](const Content& c) {
    Issues issues;
    validate(c, issues);
    std::string out;
    for (const auto& i : issues.all()) {
      CHECK(i.severity == Issue::Severity::warning);  // published all the same
      out += i.to_string() + "\n";
    }
    return out;
  };
  Content c = valid();
  c.events[0].title.en = "The \u201CSet Sail\u201D programme";
  c.events[0].title.zh = "\u201C启航\u201D计划";
  const std::string said = warnings_of(c);
  CHECK(said.find("title.en: uses curly quotes") != std::string::npos);
  CHECK(said.find("title.zh") == std::string::npos);
  c.events[0].title.en = "The \"Set Sail\" programme, the zone's own";
  CHECK(warnings_of(c).empty());
}
