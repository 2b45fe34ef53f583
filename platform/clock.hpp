#pragma once
// Time on a board without a real-time clock. A Raspberry Pi boots with whatever fake-hwclock saved
// at shutdown (or 1970) and keeps it until NTP answers, which in a lobby may be never. Content is
// judged against "now" (today's events, desks free now, feed expiry), so the kiosk keeps a floor no
// clock reading may go below — the later of its build time and the last verified publish time — and
// says whether the wall clock has been set by NTP. Timers use the monotonic clock, which never jumps.
#include <cstdint>
#include <filesystem>
#include <string>

namespace kiosk::platform {

using WallSeconds = std::int64_t;

double monotonic_seconds();  // CLOCK_MONOTONIC: timeouts, animations, watchdog
double boot_seconds();       // CLOCK_BOOTTIME: like monotonic, but counts suspend; per boot
WallSeconds wall_seconds();  // CLOCK_REALTIME, as the system has it

struct ClockReading {
  WallSeconds wall = 0;       // what the system clock says
  WallSeconds floor = 0;      // no real "now" is earlier than this
  bool synchronised = false;  // NTP (kernel or systemd-timesyncd) has set the clock this boot

  // The best estimate of now: the wall clock, but never below the floor.
  WallSeconds now() const { return wall < floor ? floor : wall; }
  // Certainly wrong: earlier than something that already happened.
  bool below_floor() const { return wall < floor; }
  // Good enough to show visitors a time of day.
  bool trusted() const { return !below_floor(); }
  // Good enough to switch the screen off by opening hours. That needs NTP's word: after a weekend
  // powered off, fake-hwclock restores Friday evening, above the floor but hours wrong, and a
  // Monday-morning lobby would stay dark. In doubt the screen stays lit.
  bool may_darken() const { return trusted() && synchronised; }
  // For the staff overlay and the log.
  std::string describe() const;
};

struct ClockSources {
  std::filesystem::path root = "/";  // tests point this at a fake tree
  bool ask_kernel = true;            // adjtimex(2); off in tests, whose host clock is what it is
};

// Whether NTP has set the clock: the kernel's STA_UNSYNC flag is clear, or systemd-timesyncd left
// <root>/run/systemd/timesync/synchronized.
bool clock_synchronised(const ClockSources& sources = {});

ClockReading read_clock(WallSeconds floor, const ClockSources& sources = {});

}  // namespace kiosk::platform
