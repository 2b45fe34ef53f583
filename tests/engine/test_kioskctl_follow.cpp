// `kioskctl sync` without --once: the content service of a kiosk with no screen, as a process.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "sync/store/store.hpp"
#include "tests/engine/feed_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/nginx_server.hpp"
#include "tests/support/tls_files.hpp"
#include "tests/support/wait.hpp"

using namespace kiosk;

TEST_CASE("kioskctl sync without --once follows the feed on its poll schedule until stopped") {
  test::FeedFixture fx(static_cast<content::UnixSeconds>(std::time(nullptr)));
  test::NginxServer nginx(fx.feed, test::test_tls(), fx.dir / "nginx");
  auto argv = test::our_program("sync/kioskctl/kioskctl");
  argv.insert(argv.end(), {"sync", "--server", nginx.url(), "--data-dir", fx.data.string(), "--ca",
                           test::test_tls().ca.string(), "--keys", fx.keys.string(), "--poll", "1"});
  test::ChildProcess follower(argv, {}, fx.dir / "follow.log");
  const auto version_on_disk = [&]() -> std::int64_t {
    try {
      store::OpenOptions o;
      o.db_path = fx.data / "content.db";
      o.read_only = true;
      return store::Store::open(o)->version().version;
    } catch (const std::exception&) {
      return 0;  // not created yet
    }
  };
  const std::int64_t first = fx.current_manifest().version;
  REQUIRE_MESSAGE(test::wait_until([&] { return version_on_disk() == first; }, std::chrono::seconds(20)),
                  follower.log());
  fx.edit_event_title("evt-contest-final", "跟随模式收到的新标题");
  fx.now += 1;
  REQUIRE(fx.publish().new_version);
  CHECK_MESSAGE(test::wait_until([&] { return version_on_disk() > first; }, std::chrono::seconds(20)),
                follower.log());
  CHECK(follower.log().find("following the feed") != std::string::npos);
  follower.signal(SIGTERM);
  CHECK(follower.wait(10) == 0);
}
