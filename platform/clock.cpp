#include "platform/clock.hpp"

#include <sys/timex.h>

#include <ctime>
#include <system_error>

namespace kiosk::platform {
namespace {

double read(clockid_t id) {
  timespec ts{};
  ::clock_gettime(id, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string utc(WallSeconds t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace

double monotonic_seconds() {
  return read(CLOCK_MONOTONIC);
}
double boot_seconds() {
  return read(CLOCK_BOOTTIME);
}
WallSeconds wall_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<WallSeconds>(ts.tv_sec);
}

bool clock_synchronised(const ClockSources& sources) {
  std::error_code ec;
  if (std::filesystem::exists(sources.root / "run/systemd/timesync/synchronized", ec)) return true;
  if (!sources.ask_kernel) return false;
  timex tx{};  // modes = 0: read only, allowed for any user
  const int state = ::adjtimex(&tx);
  return state != -1 && state != TIME_ERROR && (tx.status & STA_UNSYNC) == 0;
}

ClockReading read_clock(WallSeconds floor, const ClockSources& sources) {
  ClockReading r;
  r.wall = wall_seconds();
  r.floor = floor;
  r.synchronised = clock_synchronised(sources);
  return r;
}

std::string ClockReading::describe() const {
  if (below_floor()) {
    return "wrong: the system clock says " + utc(wall) + ", before " + utc(floor) +
           " (build or last verified publish); using that until NTP sets the time";
  }
  if (!synchronised) return "not confirmed by NTP yet (no network time this boot); " + utc(wall);
  return "synchronised by NTP; " + utc(wall);
}

}  // namespace kiosk::platform
