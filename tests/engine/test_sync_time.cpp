// Signed time against the kiosk's clock. A publisher whose clock was a month fast once must not push
// a kiosk's time floor (and so its clock and every expiry check) a month ahead for good: network
// time overrules it, and without network time the publisher's next, correct version does.
#include <doctest/doctest.h>

#include "tests/engine/feed_fixture.hpp"
#include "tests/support/fault_server.hpp"

using namespace kiosk;

namespace {

constexpr content::UnixSeconds kMonth = 30 * 86400;

// A kiosk on version 1 whose clock the test holds (`wall`, `synchronised`), and a publisher whose
// clock is the fixture's `now`.
struct TimeScenario {
  test::FeedFixture fx;
  test::FaultServer server{fx.feed, test::test_tls()};
  std::unique_ptr<store::Store> store = fx.open_store();
  content::UnixSeconds wall = fx.now;
  bool synchronised = false;
  std::unique_ptr<sync::SyncEngine> engine;

  TimeScenario() {
    auto config = fx.config(server.url());
    config.clock_synchronised = [this] { return synchronised; };
    engine = std::make_unique<sync::SyncEngine>(*store, config, [this] { return wall; });
    REQUIRE_MESSAGE(engine->sync_once().applied, engine->status().last_error);
  }

  // The publisher signs a new version at `signed_at` (its clock), with one title changed.
  void publish_at(content::UnixSeconds signed_at, const std::string& title) {
    const content::UnixSeconds publisher_clock = fx.now;
    fx.now = signed_at;
    fx.edit_event_title("evt-contest-final", title);
    fx.publish();
    fx.now = publisher_clock;
  }

  void require_applied(std::int64_t version) {
    const auto out = engine->sync_once();
    REQUIRE_MESSAGE(out.applied, engine->status().last_error);
    CHECK(store->version().version == version);
  }
};

}  // namespace

TEST_CASE(
    "without network time a month-fast publish time raises the floor - the next correct version brings it "
    "back") {
  TimeScenario s;
  s.publish_at(s.wall + kMonth, "一个月后的时间");
  s.require_applied(2);
  CHECK(s.engine->time_floor() == s.wall + kMonth);  // the only evidence of time this kiosk has

  s.wall += 600;
  s.publish_at(s.wall, "时间正确的版本");  // the publisher's clock is right again
  s.require_applied(3);
  CHECK(s.engine->time_floor() == s.wall);
  CHECK_MESSAGE(s.engine->status().time_note.find("from the future") != std::string::npos,
                s.engine->status().time_note);
  CHECK(s.engine->status().describe().find("time:") != std::string::npos);  // kioskctl status says so
}

TEST_CASE(
    "with network time a publish time more than an hour ahead is not used - the content is - and status says "
    "why") {
  TimeScenario s;
  s.synchronised = true;
  const content::UnixSeconds floor_before = s.engine->time_floor();
  s.publish_at(s.wall + 8 * 3600, "时区错了八小时");  // a publisher on local time read as UTC
  s.require_applied(2);
  CHECK(s.engine->time_floor() == floor_before);
  CHECK_MESSAGE(s.engine->status().time_note.find("8 h ahead of network time") != std::string::npos,
                s.engine->status().time_note);

  // A small honest skew is still evidence of time.
  s.wall += 600;
  s.publish_at(s.wall + 120, "快两分钟");
  s.require_applied(3);
  CHECK(s.engine->time_floor() == s.wall + 120);
  CHECK(s.engine->status().time_note.empty());  // nothing wrong with this attempt's signed time
}

TEST_CASE("a floor from the future is reset as soon as network time arrives - then correct versions apply") {
  TimeScenario s;
  s.publish_at(s.wall + kMonth, "一个月后的时间");
  s.require_applied(2);
  REQUIRE(s.engine->time_floor() == s.wall + kMonth);

  s.synchronised = true;  // NTP answers
  s.wall += 60;
  const auto out = s.engine->sync_once();
  CHECK_FALSE(out.failure.has_value());
  CHECK(s.engine->time_floor() == s.wall);
  CHECK_MESSAGE(s.engine->status().time_note.find("was reset") != std::string::npos,
                s.engine->status().time_note);

  s.wall += 600;
  s.publish_at(s.wall, "时间正确的版本");
  s.require_applied(3);
  CHECK(s.engine->time_floor() == s.wall);
}

TEST_CASE("an old version replayed is still refused after the floor went back") {
  TimeScenario s;
  s.publish_at(s.wall + kMonth, "一个月后的时间");
  s.require_applied(2);
  const std::string v2_timestamp = test::read_text(s.fx.feed / "timestamp.json");
  s.wall += 600;
  s.publish_at(s.wall, "时间正确的版本");
  s.require_applied(3);
  test::write_text(s.fx.feed / "timestamp.json", v2_timestamp);  // the month-fast version, served again
  const auto out = s.engine->sync_once();
  REQUIRE(out.failure.has_value());
  CHECK(*out.failure == feed::Failure::rollback);
  CHECK(s.store->version().version == 3);
}
