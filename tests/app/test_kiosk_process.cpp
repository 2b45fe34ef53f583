// The kiosk program as systemd runs it: a real process on SDL's offscreen driver, talking to a fake
// $NOTIFY_SOCKET. Readiness after the first frame, watchdog pings only while the loop turns,
// crash-loop safe mode, one kiosk per data directory, and the backlight outside opening hours.
#include <doctest/doctest.h>
#include <signal.h>

#include <filesystem>
#include <string>
#include <thread>

#include "platform/start_journal.hpp"
#include "sync/store/known_good.hpp"
#include "sync/store/store.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fake_systemd.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

// Generous: under qemu-aarch64 a start (fonts, atlas, store) takes seconds, not milliseconds.
constexpr double kStartSeconds = 90;

struct KioskRun {
  test::TempDir dir;
  fs::path data = dir / "data";
  fs::path config = dir / "kiosk.json";

  KioskRun() {
    fs::create_directories(data);
    test::write_text(config, "{}");
  }

  std::unique_ptr<test::ChildProcess> start(const std::string& log_name,
                                            const std::vector<std::string>& env = {}) {
    auto argv = test::our_program("kiosk/kiosk");
    argv.insert(argv.end(), {"--config", config.string(), "--data-dir", data.string(), "--windowed", "--size",
                             "800x480", "--software"});
    std::vector<std::string> environment = {"SDL_VIDEODRIVER=offscreen", "SDL_FRAMEBUFFER_ACCELERATION=0",
                                            "KIOSK_ASSET_DIR=" + (test::source_dir() / "assets").string()};
    environment.insert(environment.end(), env.begin(), env.end());
    return std::make_unique<test::ChildProcess>(argv, environment, dir / log_name);
  }
};

}  // namespace

TEST_CASE("ready after the first frame - watchdog pings while the loop turns - none while it is stopped") {
  KioskRun run;
  test::FakeSystemd systemd(run.dir / "notify");
  auto kiosk = run.start("kiosk.log", {"WATCHDOG_USEC=2000000"});  // WatchdogSec=2
  const std::string ready = systemd.wait_for("READY=1", kStartSeconds);
  REQUIRE_MESSAGE(!ready.empty(), kiosk->log());
  CHECK(ready.find("STATUS=showing content version") != std::string::npos);

  std::this_thread::sleep_for(std::chrono::seconds(4));
  const auto running = systemd.drain();
  CHECK_MESSAGE(test::count_containing(running, "WATCHDOG=1") >= 3, kiosk->log());
  for (std::size_t i = 1; i < running.size(); ++i)
    CHECK(running[i].at - running[i - 1].at < 1.5);  // under the 2 s limit

  kiosk->signal(SIGSTOP);  // the loop stops turning: a hang, seen from outside
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  systemd.drain();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK(test::count_containing(systemd.drain(), "WATCHDOG=1") == 0);  // systemd would restart it now
  kiosk->signal(SIGCONT);
  CHECK_FALSE(systemd.wait_for("WATCHDOG=1", 5).empty());

  kiosk->signal(SIGTERM);
  REQUIRE(kiosk->wait(30) == 0);
  CHECK(test::count_containing(systemd.drain(), "STOPPING=1") == 1);
  const auto starts = platform::StartJournal::read(run.data / "starts");
  REQUIRE(starts.size() == 1);
  CHECK(starts.back().clean);
}

TEST_CASE(
    "three crashed starts within ten minutes: the fourth shows the last known good content and says so") {
  KioskRun run;
  const auto now = static_cast<content::UnixSeconds>(std::time(nullptr));
  {
    // Version 5 ran well and was kept as the known good copy; version 6 is the one that "crashes".
    store::OpenOptions o;
    o.db_path = run.data / "content.db";
    auto st = store::Store::open(o);
    const auto issues = store::import_source_dir(*st, test::demo_dir(), now, "feed");
    REQUIRE_MESSAGE(!issues.has_errors(), issues.summary());
    st->replace_content(st->load_content(), content::VersionInfo{5, "feed", now, now, "five"});
    store::save_known_good(*st, store::KnownGoodPaths::in(run.data));
    st->replace_content(test::small_content(now), content::VersionInfo{6, "feed", now, now, "six"});
  }
  test::FakeSystemd systemd(run.dir / "notify");
  for (int crash = 1; crash <= 3; ++crash) {
    CAPTURE(crash);
    auto kiosk = run.start("crash" + std::to_string(crash) + ".log");
    const std::string ready = systemd.wait_for("READY=1", kStartSeconds);
    REQUIRE_MESSAGE(!ready.empty(), kiosk->log());
    CHECK(ready.find("showing content version 6") != std::string::npos);
    kiosk->signal(SIGKILL);
    CHECK(kiosk->wait(10) == 128 + SIGKILL);
    systemd.drain();
  }
  auto safe = run.start("safe.log");
  const std::string ready = systemd.wait_for("READY=1", kStartSeconds);
  REQUIRE_MESSAGE(!ready.empty(), safe->log());
  CHECK(ready.find("safe mode: 3 crashed starts in the last 10 minutes") != std::string::npos);
  CHECK(ready.find("version 5 (last known good)") != std::string::npos);
  CHECK(safe->log().find("safe mode") != std::string::npos);  // and in the journal/log for staff
  CHECK(fs::exists(run.data / "safe-mode.db"));

  // Staff can see it without the screen.
  auto status_argv = test::our_program("sync/kioskctl/kioskctl");
  status_argv.insert(status_argv.end(), {"status", "--data-dir", run.data.string()});
  test::ChildProcess status(status_argv, {}, run.dir / "status.log");
  CHECK(status.wait(60) == 1);  // needs attention
  CHECK(status.log().find("SAFE MODE (last known good content)") != std::string::npos);
  CHECK(status.log().find("known good copy for safe mode: version 5") != std::string::npos);

  // A clean stop (staff "restart", or safe mode's own hourly retry) ends it: the next start is normal.
  safe->signal(SIGTERM);
  REQUIRE(safe->wait(30) == 0);
  systemd.drain();
  auto normal = run.start("normal.log");
  const std::string again = systemd.wait_for("READY=1", kStartSeconds);
  REQUIRE_MESSAGE(!again.empty(), normal->log());
  CHECK(again.find("showing content version 6") != std::string::npos);
}

TEST_CASE("a second kiosk on the same data directory is refused - the first keeps running") {
  KioskRun run;
  test::FakeSystemd systemd(run.dir / "notify");
  auto first = run.start("first.log");
  REQUIRE_MESSAGE(!systemd.wait_for("READY=1", kStartSeconds).empty(), first->log());
  auto second = run.start("second.log");
  CHECK(second->wait(60) == 4);
  CHECK(second->log().find("another kiosk (pid " + std::to_string(first->pid())) != std::string::npos);
  CHECK_FALSE(first->wait(0.1).has_value());
}

TEST_CASE("outside opening hours the backlight goes off - and back on when the kiosk stops") {
  KioskRun run;
  const fs::path panel = run.dir / "root/sys/class/backlight/10-0045";
  fs::create_directories(panel);
  test::write_text(panel / "bl_power", "0\n");
  test::write_text(panel / "brightness", "255\n");
  fs::create_directories(run.dir / "root/run/systemd/timesync");  // NTP has set the clock
  test::write_text(run.dir / "root/run/systemd/timesync/synchronized", "");
  test::write_text(run.config, R"({"system_root": ")" + (run.dir / "root").string() +
                                   R"(", "opening_hours": {"daily": "closed"}})");
  test::FakeSystemd systemd(run.dir / "notify");
  auto kiosk = run.start("kiosk.log");
  const std::string ready = systemd.wait_for("READY=1", kStartSeconds);
  REQUIRE_MESSAGE(!ready.empty(), kiosk->log());
  CHECK(ready.find("screen off outside opening hours") != std::string::npos);
  CHECK(test::read_text(panel / "bl_power") == "4");
  kiosk->signal(SIGTERM);
  REQUIRE(kiosk->wait(30) == 0);
  CHECK(test::read_text(panel / "bl_power") == "0");
}

TEST_CASE(
    "no display at boot: the kiosk says so to systemd and waits for one - watchdog fed - SIGTERM a clean "
    "stop") {
  KioskRun run;
  test::FakeSystemd systemd(run.dir / "notify");
  auto argv = test::our_program("kiosk/kiosk");
  argv.insert(argv.end(), {"--config", run.config.string(), "--data-dir", run.data.string()});
  // A video driver SDL does not have fails SDL_Init the way a board with no screen does.
  test::ChildProcess kiosk(argv, {"SDL_VIDEODRIVER=no-such-driver", "WATCHDOG_USEC=2000000"},
                           run.dir / "kiosk.log");
  const std::string ready = systemd.wait_for("READY=1", kStartSeconds);
  REQUIRE_MESSAGE(!ready.empty(), kiosk.log());
  CHECK(ready.find("STATUS=waiting for a display") != std::string::npos);
  CHECK(kiosk.log().find("is the screen connected and switched on?") != std::string::npos);
  systemd.drain();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK(test::count_containing(systemd.drain(), "WATCHDOG=1") >= 2);  // waiting is not hanging
  CHECK_FALSE(kiosk.wait(0.1).has_value());                           // and not a restart loop
  kiosk.signal(SIGTERM);
  CHECK(kiosk.wait(30) == 0);
  const auto starts = platform::StartJournal::read(run.data / "starts");
  REQUIRE(starts.size() == 1);
  CHECK(starts.back().clean);
}
