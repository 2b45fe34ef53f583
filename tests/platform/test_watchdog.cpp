// systemd's notify protocol against a fake $NOTIFY_SOCKET: READY=1 once, WATCHDOG=1 while the loop
// runs, and silence as soon as the loop hangs — the property the whole watchdog exists for.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "platform/clock.hpp"
#include "platform/watchdog.hpp"
#include "tests/support/fake_systemd.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

TEST_CASE("without systemd the watchdog is off and sends nothing") {
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  platform::Watchdog w;
  CHECK_FALSE(w.notify_socket());
  CHECK_FALSE(w.enabled());
  CHECK(w.max_sleep() > 3600);
  w.ready("x");  // harmless
  w.alive(1.0);
}

TEST_CASE("READY=1 once - then pings only while the loop runs - none while it hangs") {
  test::TempDir dir;
  test::FakeSystemd systemd(dir / "notify");
  ::setenv("WATCHDOG_USEC", "200000", 1);  // WatchdogSec=0.2 s
  platform::Watchdog w;
  REQUIRE(w.enabled());
  CHECK(w.max_sleep() == doctest::Approx(0.1));

  std::atomic<bool> hang{false}, stop{false};
  // The UI loop: wakes at most every max_sleep() and checks in, unless it is stuck.
  std::thread loop([&] {
    w.ready("first frame shown");
    while (!stop) {
      if (!hang) w.alive(platform::monotonic_seconds());
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto running = systemd.drain();
  hang = true;
  std::this_thread::sleep_for(std::chrono::milliseconds(60));  // a ping may be in flight
  systemd.drain();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // 2.5 watchdog periods
  const auto hung = systemd.drain();
  hang = false;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto recovered = systemd.drain();
  stop = true;
  loop.join();

  CHECK(test::count_containing(running, "READY=1") == 1);
  CHECK(test::count_containing(running, "STATUS=first frame shown") == 1);
  // Every 50 ms (a quarter of the timeout) while running: about 10 in 0.5 s; never fewer than
  // one per half period, or systemd would have killed us.
  CHECK(test::count_containing(running, "WATCHDOG=1") >= 5);
  for (std::size_t i = 1; i < running.size(); ++i) CHECK(running[i].at - running[i - 1].at < 0.2);
  CHECK(test::count_containing(hung, "WATCHDOG=1") == 0);  // systemd would now restart the kiosk
  CHECK(test::count_containing(recovered, "WATCHDOG=1") >= 2);
  CHECK(test::count_containing(recovered, "READY=1") == 0);
}

TEST_CASE("WATCHDOG_PID for another process means the watchdog is not ours") {
  test::TempDir dir;
  test::FakeSystemd systemd(dir / "notify");
  ::setenv("WATCHDOG_USEC", "200000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
  platform::Watchdog w;
  CHECK_FALSE(w.enabled());
  ::unsetenv("WATCHDOG_PID");
}
