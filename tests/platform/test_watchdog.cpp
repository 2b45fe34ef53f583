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
  // The loop's clock is given, not read: the pings follow the loop's turns whatever the machine's
  // load (qemu, sanitizers); only the wait for "nothing arrives" is real time.
  test::TempDir dir;
  test::FakeSystemd systemd(dir / "notify");
  ::setenv("WATCHDOG_USEC", "250000", 1);  // WatchdogSec=0.25 s
  platform::Watchdog w;
  REQUIRE(w.enabled());
  CHECK(w.max_sleep() == doctest::Approx(0.125));
  // The loop checks in every 1/64 s (times exact in binary, so the count below is exact too).
  const auto loop_turns = [&](int from, int to) {
    for (int turn = from; turn < to; ++turn) w.alive(100.0 + turn / 64.0);
  };

  w.ready("first frame shown");
  loop_turns(0, 32);
  const auto running = systemd.drain();
  CHECK(test::count_containing(running, "READY=1") == 1);
  CHECK(test::count_containing(running, "STATUS=first frame shown") == 1);
  // One ping per quarter period (1/16 s) of loop time: 8 in 0.5 s, none in between.
  CHECK(test::count_containing(running, "WATCHDOG=1") == 8);

  // The loop hangs: nothing else pings for it (no thread of the watchdog's own), so systemd, after
  // WatchdogSec, restarts the kiosk.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(test::count_containing(systemd.drain(), "WATCHDOG=1") == 0);

  // It turns again (a second later by its clock): pings resume at once, READY=1 is not repeated.
  loop_turns(96, 102);
  const auto recovered = systemd.drain();
  CHECK(test::count_containing(recovered, "WATCHDOG=1") == 2);
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
