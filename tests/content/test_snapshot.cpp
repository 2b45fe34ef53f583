#include <doctest/doctest.h>

#include "sync/content/sample_dates.hpp"
#include "sync/content/snapshot.hpp"
#include "tests/support/fixtures.hpp"

using namespace kiosk::content;

namespace {
const UnixSeconds kNow = kiosk::test::demo_now();
std::shared_ptr<const ContentSnapshot> snap() {
  return ContentSnapshot::build(kiosk::test::small_content(kNow),
                                VersionInfo{7, "feed", kNow - 100, kNow - 50, "abc"});
}
std::vector<std::string> ids(const std::vector<const Resource*>& rs) {
  std::vector<std::string> out;
  for (const auto* r : rs) out.push_back(r->id);
  return out;
}
}  // namespace

TEST_CASE("upcoming events skip the ended ones and group by local day") {
  const auto s = snap();
  const auto upcoming = s->upcoming_events(kNow);
  REQUIRE(upcoming.size() == 2);
  CHECK(upcoming[0]->id == "evt-contest");
  CHECK(upcoming[1]->id == "evt-forum");
  const auto days = s->upcoming_by_day(kNow);
  REQUIRE(days.size() == 2);
  CHECK(days[0].local_day == local_day(kNow));
  CHECK(days[1].local_day == local_day(kNow) + 1);
  CHECK(s->events_today(kNow) == 1);
}

TEST_CASE("event filters: category - space - day") {
  const auto s = snap();
  EventFilter forum;
  forum.category = EventCategory::forum;
  CHECK(s->upcoming_events(kNow, forum).size() == 1);
  EventFilter cafe;
  cafe.space_id = "cafe";
  CHECK(s->upcoming_events(kNow, cafe).front()->id == "evt-forum");
  EventFilter tomorrow;
  tomorrow.local_day = local_day(kNow) + 1;
  CHECK(s->upcoming_events(kNow, tomorrow).size() == 1);
}

TEST_CASE("a stale desk status is unknown - never free") {
  const auto s = snap();
  const SpaceDesks d = s->desks_in_space("tjab", kNow);
  CHECK(d.counts.total == 4);
  CHECK(d.counts.count(DeskStatus::free) == 1);
  CHECK(d.counts.count(DeskStatus::unknown) == 1);
  CHECK(d.counts.count(DeskStatus::occupied) == 1);
  REQUIRE(d.zones.size() == 1);
  // natural order
  CHECK(d.zones[0].desks[3].desk->label == "A-10");
  CHECK(d.zones[0].desks[3].status == DeskStatus::unknown);
  // the same desk goes stale by itself as time passes
  CHECK(s->desk_counts(kNow + 3600).count(DeskStatus::unknown) == 4);
}

TEST_CASE("resources filter by category - voucher and free text in both languages") {
  const auto s = snap();
  CHECK(ids(s->resources({})) == std::vector<std::string>{"res-hpc", "res-3d", "res-law"});
  ResourceFilter f;
  f.category = ResourceCategory::legal;
  CHECK(ids(s->resources(f)) == std::vector<std::string>{"res-law"});
  ResourceFilter v;
  v.voucher_only = true;
  CHECK(s->resources(v).size() == 2);
  const auto text = [&](std::string q) {
    ResourceFilter t;
    t.query = std::move(q);
    return ids(s->resources(t));
  };
  CHECK(text("chaosuan") == std::vector<std::string>{"res-hpc"});     // pinyin keyword
  CHECK(text("超算") == std::vector<std::string>{"res-hpc"});         // Chinese keyword
  CHECK(text("超级计算") == std::vector<std::string>{"res-hpc"});     // Chinese substring of the name
  CHECK(text("SUPERCOMP") == std::vector<std::string>{"res-hpc"});    // English, any case
  CHECK(text("３Ｄ") == std::vector<std::string>{"res-3d"});          // full-width digits
  CHECK(text("tianjin hpc") == std::vector<std::string>{"res-hpc"});  // every term must match
  CHECK(text("zzz").empty());
}

TEST_CASE("notices: active window - kiosk targeting - urgent first") {
  Content c = kiosk::test::small_content(kNow);
  c.notices[1].starts = kNow - 10;  // make the urgent one active too
  c.notices[1].kiosk_ids = {"lobby-1"};
  const auto s = ContentSnapshot::build(c, {});
  const auto here = s->active_notices(kNow, "lobby-1");
  REQUIRE(here.size() == 2);
  CHECK(here[0]->id == "n-drill");
  CHECK(s->active_notices(kNow, "cafe-1").size() == 1);  // not targeted there
  CHECK(s->active_notices(kNow + 30 * 86400, "lobby-1").empty());
}

TEST_CASE("home space follows the kiosk id - else the first space") {
  const auto s = snap();
  CHECK(s->home_space("lobby-1")->id == "tjab");
  CHECK(s->home_space("unknown")->id == "tjab");
  CHECK(s->version().version == 7);
  CHECK(s->is_sample());
}

TEST_CASE("next change is the earliest time-based boundary") {
  const auto s = snap();
  // Desks seen 60 s ago go stale after their 1800 s max age, before the contest starts in an hour.
  CHECK(s->next_change_after(kNow) == kNow - 60 + 1800 + 1);
  // Then the contest is "starting soon", then it starts.
  CHECK(s->next_change_after(kNow - 60 + 1800 + 1) == kNow + 3600 - kSoonBefore);
  CHECK(s->next_change_after(kNow + 3600 - kSoonBefore) == kNow + 3600);
}

TEST_CASE("an event's phase: upcoming - soon - running - ended - places left unless full or cancelled") {
  Event e;
  e.start = kNow + 3600;
  e.end = kNow + 7200;
  CHECK(event_phase(e, kNow) == EventPhase::upcoming);
  CHECK(event_phase(e, e.start - kSoonBefore) == EventPhase::soon);
  CHECK(event_phase(e, e.start - 1) == EventPhase::soon);
  CHECK(event_phase(e, e.start) == EventPhase::running);
  CHECK(event_phase(e, e.end - 1) == EventPhase::running);
  CHECK(event_phase(e, e.end) == EventPhase::ended);

  CHECK(event_has_places(e));  // capacity 0: not limited
  e.capacity = 40;
  e.registered = 39;
  CHECK(event_has_places(e));
  e.registered = 40;
  CHECK_FALSE(event_has_places(e));  // full by its numbers though staff did not mark it
  e.registered = 10;
  e.status = EventStatus::full;
  CHECK_FALSE(event_has_places(e));
  e.status = EventStatus::cancelled;
  CHECK_FALSE(event_has_places(e));
  e.status = EventStatus::moved;  // moved elsewhere: still open for sign-up
  CHECK(event_has_places(e));
}

TEST_CASE("desk prices per kind: lowest and highest stated - unstated prices ignored - desks by id") {
  Content c = kiosk::test::small_content(kNow);
  for (auto& d : c.desks) d.kind = DeskKind::hot_desk;
  c.desks[0].price_day = 60;
  c.desks[0].price_month = 800;
  c.desks[1].price_day = 50;  // no month price
  const auto s = ContentSnapshot::build(c, {});
  const SpaceDesks desks = s->desks_in_space(c.desks[0].space_id, kNow);
  const PriceRange& hot = desks.prices[static_cast<std::size_t>(DeskKind::hot_desk)];
  CHECK(hot.day_min == 50);
  CHECK(hot.day_max == 60);
  CHECK(hot.month_min == 800);
  CHECK(hot.month_max == 800);
  CHECK(hot.stated());
  CHECK_FALSE(desks.prices[static_cast<std::size_t>(DeskKind::meeting_room)].stated());
  REQUIRE(s->desk(c.desks[1].id) != nullptr);
  CHECK(s->desk(c.desks[1].id)->price_day == 50);
  CHECK(s->desk("no-such-desk") == nullptr);
}

TEST_CASE("sample content moves to today - keeping time of day and desk freshness") {
  Content c = kiosk::test::small_content(kNow);
  c.meta.sample = true;
  c.meta.sample_anchor = *parse_iso8601("2026-11-30T00:00:00+08:00");
  const UnixSeconds later = kNow + 10 * kSecondsPerDay + 5 * 3600;  // 10 days later, 15:00
  const UnixSeconds contest_start = c.events[0].start;
  REQUIRE(rebase_sample_content(c, later));
  CHECK(c.events[0].start == contest_start + 10 * kSecondsPerDay);
  CHECK(to_civil(c.events[0].start).hour == to_civil(contest_start).hour);
  // Desk status times move by the exact distance from the anchor instant to `later`.
  CHECK(c.desks[0].status_at == kNow - 60 + (later - *parse_iso8601("2026-11-30T00:00:00+08:00")));
  // Display-hours dates move by whole days with the calendar (2026-12-31 + 10 days).
  CHECK(c.meta.display_hours[0] == std::pair<std::string, std::string>{"2027-01-10", "08:00-12:00"});
  CHECK_FALSE(c.meta.sample_anchor);
  CHECK_FALSE(rebase_sample_content(c, later));  // a second rebase changes nothing
}
