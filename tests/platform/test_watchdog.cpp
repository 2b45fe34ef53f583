// systemd's notify protocol against a fake $NOTIFY_SOCKET: READY=1 once, WATCHDOG=1 while the loop
// runs, and silence as soon as the loop hangs — the property the whole watchdog exists for.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "platform/clock.hpp"
#include "platform/watchdog.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

namespace {

// A datagram socket standing in for systemd; records what arrives and when.
class FakeSystemd {
 public:
  explicit FakeSystemd(const std::filesystem::path& path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path.string().size() < sizeof addr.sun_path);
    std::strcpy(addr.sun_path, path.c_str());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{0, 20000};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  }
  ~FakeSystemd() {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ::close(fd_);
  }
  struct Message {
    double at;
    std::string text;
  };
  // Everything that arrived until now.
  std::vector<Message> drain() {
    std::vector<Message> out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
      if (n <= 0) break;
      out.push_back({platform::monotonic_seconds(), std::string(buf, static_cast<std::size_t>(n))});
    }
    return out;
  }

 private:
  int fd_ = -1;
};

int count(const std::vector<FakeSystemd::Message>& messages, const std::string& what) {
  int n = 0;
  for (const auto& m : messages) n += m.text.find(what) != std::string::npos;
  return n;
}

}  // namespace

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
  FakeSystemd systemd(dir / "notify");
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

  CHECK(count(running, "READY=1") == 1);
  CHECK(count(running, "STATUS=first frame shown") == 1);
  // Every 50 ms (a quarter of the timeout) while running: about 10 in 0.5 s; never fewer than
  // one per half period, or systemd would have killed us.
  CHECK(count(running, "WATCHDOG=1") >= 5);
  for (std::size_t i = 1; i < running.size(); ++i) CHECK(running[i].at - running[i - 1].at < 0.2);
  CHECK(count(hung, "WATCHDOG=1") == 0);  // systemd would now restart the kiosk
  CHECK(count(recovered, "WATCHDOG=1") >= 2);
  CHECK(count(recovered, "READY=1") == 0);
}

TEST_CASE("WATCHDOG_PID for another process means the watchdog is not ours") {
  test::TempDir dir;
  FakeSystemd systemd(dir / "notify");
  ::setenv("WATCHDOG_USEC", "200000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
  platform::Watchdog w;
  CHECK_FALSE(w.enabled());
  ::unsetenv("WATCHDOG_PID");
}
