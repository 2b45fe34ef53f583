#include "platform/watchdog.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdlib>

namespace kiosk::platform {

Watchdog::Watchdog() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  socket_ = socket != nullptr && *socket != '\0';
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) interval_s_ = static_cast<double>(usec) / 2e6;
}

void Watchdog::ready(const std::string& text) {
  if (socket_) sd_notify(0, ("READY=1\nSTATUS=" + text).c_str());
}

void Watchdog::status(const std::string& text) {
  if (socket_) sd_notify(0, ("STATUS=" + text).c_str());
}

void Watchdog::stopping() {
  if (socket_) sd_notify(0, "STOPPING=1");
}

void Watchdog::alive(double mono) {
  if (!enabled() || mono - last_ping_ < interval_s_ / 2) return;
  last_ping_ = mono;
  sd_notify(0, "WATCHDOG=1");
}

}  // namespace kiosk::platform
