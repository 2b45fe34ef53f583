// The kiosk's content thread with a real feed: a staff edit published on nginx is on the kiosk's
// screen within one poll interval plus 2 s, and a failing feed shows as "offline since" while the
// last good content stays.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "kiosk/app/headless.hpp"
#include "kiosk/app/staff_facts.hpp"
#include "sync/service/content_service.hpp"
#include "sync/store/known_good.hpp"
#include "tests/engine/feed_fixture.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/nginx_server.hpp"
#include "tests/support/wait.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

sync::ContentOptions options_for(const test::FeedFixture& fx, const std::string& url, double poll_s) {
  sync::ContentOptions o;
  o.data_dir = fx.data;
  o.baseline_dir = test::demo_dir();
  o.now = fx.now;
  o.sync = fx.config(url);
  o.sync->backoff.poll_interval_s = poll_s;
  o.sync->desk_poll_interval_s = poll_s;
  o.sync->backoff.first_retry_s = 0.2;
  return o;
}

}  // namespace

TEST_CASE("a staff edit reaches the kiosk at its next poll") {
  // The content thread checks expiry against the real clock: publish at the real time.
  test::FeedFixture fx(static_cast<content::UnixSeconds>(std::time(nullptr)));
  test::NginxServer nginx(fx.feed, test::test_tls(), fx.dir / "nginx");
  const double poll = 2.0;
  sync::ContentService service(options_for(fx, nginx.url(), poll), {});
  service.start();
  REQUIRE(test::wait_until([&] { return service.latest() && service.latest()->version().origin == "feed"; },
                           std::chrono::seconds(10)));
  const auto v = service.latest()->version().version;

  fx.edit_event_title("evt-contest-final", "泰达创业大赛总决赛（新地点）");
  fx.now += 1;
  REQUIRE(fx.publish().new_version);  // seconds under the sanitizers: polls meanwhile see the old one
  // nginx logs a request after answering it: let the lines of polls already answered land.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int polls_before = nginx.count_in_log("timestamp.json");
  const auto published = Clock::now();
  REQUIRE(
      test::wait_until([&] { return service.latest()->version().version > v; }, std::chrono::seconds(30)));
  const double seconds = std::chrono::duration<double>(Clock::now() - published).count();
  MESSAGE("visible " << seconds << " s after publishing (poll interval " << poll << " s)");
  // The first poll that could see it took it (a poll already in flight at publishing may not):
  // counted in requests, not seconds, so a slow machine (qemu, sanitizers) proves the same thing.
  CHECK_MESSAGE(nginx.count_in_log("timestamp.json") - polls_before <= 2, nginx.access_log());
  CHECK(service.latest()->event("evt-contest-final")->title.zh == "泰达创业大赛总决赛（新地点）");
  CHECK(app::sync_view_of(service, true, false).last_error.empty());
}

TEST_CASE("when the feed fails the kiosk keeps its content and its home screen says offline since") {
  test::FeedFixture fx(static_cast<content::UnixSeconds>(std::time(nullptr)));
  sync::ContentService service(options_for(fx, "https://127.0.0.1:" + std::to_string(test::free_port()), 60),
                               {});
  service.start();
  REQUIRE(test::wait_until([&] { return app::sync_view_of(service, true, false).offline_since.has_value(); },
                           std::chrono::seconds(10)));
  const ui::SyncView view = app::sync_view_of(service, true, false);
  CHECK(view.configured);
  CHECK(view.last_error.find("cannot connect") != std::string::npos);
  REQUIRE(service.latest() != nullptr);
  CHECK(service.latest()->content().events.size() == 49);  // the shipped baseline stays on screen

  app::HeadlessKiosk k(1280, 800, test::i18n(), test::font_file(), service.latest());
  k.sync() = view;
  k.step(fx.now, 1.0);
  CHECK(k.audit().region("sync-badge-offline") != nullptr);
  // The staff overlay spells the reason out, in its own language (the code travels with the view).
  CHECK(view.last_error_code == "network");
  k.ui().state().staff.unlocked = true;
  k.step(fx.now, 1.1);
  bool reason_shown = false;
  for (const auto& t : k.audit().texts) reason_shown |= t.full.find("连不上内容服务器") != std::string::npos;
  CHECK(reason_shown);
}

TEST_CASE(
    "a synced version that ran long enough becomes the known good copy - safe mode starts from it without "
    "syncing") {
  test::FeedFixture fx(static_cast<content::UnixSeconds>(std::time(nullptr)));
  test::NginxServer nginx(fx.feed, test::test_tls(), fx.dir / "nginx");
  std::int64_t synced = 0;
  {
    auto o = options_for(fx, nginx.url(), 60);
    o.known_good_after_s = 0.5;
    sync::ContentService service(o, {});
    service.start();
    REQUIRE(test::wait_until([&] { return service.latest() && service.latest()->version().origin == "feed"; },
                             std::chrono::seconds(10)));
    synced = service.latest()->version().version;
    REQUIRE(test::wait_until(
        [&] { return store::known_good_version(store::KnownGoodPaths::in(fx.data)).has_value(); },
        std::chrono::seconds(10)));
    CHECK(store::known_good_version(store::KnownGoodPaths::in(fx.data))->version == synced);
  }
  // A newer version arrives and (we pretend) crashes the kiosk three times: safe mode.
  fx.edit_event_title("evt-contest-final", "会让终端崩溃的新内容");
  fx.now += 1;
  REQUIRE(fx.publish().new_version);
  auto o = options_for(fx, nginx.url(), 60);
  o.safe_mode = platform::SafeMode::last_known_good;
  const int requests_before = nginx.count_in_log("timestamp.json");
  sync::ContentService safe(o, {});
  safe.start();
  REQUIRE(test::wait_until([&] { return safe.latest() != nullptr; }, std::chrono::seconds(10)));
  CHECK(safe.latest()->version().version == synced);
  CHECK(safe.latest()->event("evt-contest-final")->title.zh != "会让终端崩溃的新内容");
  CHECK(safe.safe_mode_content().find("version " + std::to_string(synced)) != std::string::npos);
  for (const auto& image : safe.latest()->content().images)
    CHECK(std::filesystem::exists(safe.latest()->image_file(image.name)));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(nginx.count_in_log("timestamp.json") == requests_before);  // no sync in safe mode
  CHECK_FALSE(app::sync_view_of(safe, true, true).configured);
}

TEST_CASE("safe mode without a known good copy shows the shipped content") {
  test::FeedFixture fx(static_cast<content::UnixSeconds>(std::time(nullptr)));
  auto o = options_for(fx, "https://127.0.0.1:1", 60);
  o.safe_mode = platform::SafeMode::last_known_good;
  sync::ContentService safe(o, {});
  safe.start();
  REQUIRE(test::wait_until([&] { return safe.latest() != nullptr; }, std::chrono::seconds(10)));
  CHECK(safe.latest()->content().events.size() == 49);
  CHECK(safe.latest()->version().origin == "baseline");
  CHECK(safe.safe_mode_content().find("shipped") != std::string::npos);
}

TEST_CASE("a demo run on a data directory with synced content shows it and does not replace it") {
  test::FeedFixture fx(static_cast<content::UnixSeconds>(std::time(nullptr)));
  test::NginxServer nginx(fx.feed, test::test_tls(), fx.dir / "nginx");
  std::int64_t synced = 0;
  {
    sync::ContentService service(options_for(fx, nginx.url(), 60), {});
    service.start();
    REQUIRE(test::wait_until([&] { return service.latest() && service.latest()->version().origin == "feed"; },
                             std::chrono::seconds(10)));
    synced = service.latest()->version().version;
  }
  auto o = options_for(fx, nginx.url(), 60);
  o.sync.reset();
  o.demo = true;  // `kiosk --demo --data-dir` pointed at a real kiosk's directory by mistake
  sync::ContentService demo(o, {});
  const auto shown = demo.load_now();
  CHECK(shown->version().origin == "feed");
  CHECK(shown->version().version == synced);
  CHECK(demo.startup_problem().find("does not replace it") != std::string::npos);
}

TEST_CASE("a screenshot beside a running kiosk reads its content read only") {
  test::FeedFixture fx(static_cast<content::UnixSeconds>(std::time(nullptr)));
  auto o = options_for(fx, "https://127.0.0.1:1", 60);
  o.sync.reset();
  sync::ContentService kiosk(o, {});
  REQUIRE(kiosk.load_now()->content().events.size() == 49);
  auto reader = o;
  reader.read_only = true;
  reader.demo = true;  // even asked to re-import the demo, a reader changes nothing
  sync::ContentService screenshot(reader, {});
  const auto shown = screenshot.load_now();
  CHECK(shown->content().events.size() == 49);
  CHECK(shown->version().origin == "baseline");  // not re-imported as "demo"
  CHECK(screenshot.startup_problem().empty());
}
