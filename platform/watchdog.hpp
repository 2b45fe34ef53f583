#pragma once
// systemd's readiness and watchdog protocol ($NOTIFY_SOCKET, through libsystemd's sd_notify).
// The UI loop itself calls alive() on every pass — there is deliberately no helper thread that
// pings on its own, because a thread that keeps pinging while the loop is stuck would hide exactly
// the hang the watchdog is there to catch. The loop never sleeps longer than max_sleep().
#include <string>

namespace kiosk::platform {

class Watchdog {
 public:
  Watchdog();  // reads NOTIFY_SOCKET and WATCHDOG_USEC (set by systemd for WatchdogSec=)

  bool notify_socket() const { return socket_; }  // started by systemd with Type=notify
  bool enabled() const { return interval_s_ > 0; }
  // The longest the loop may sleep: half the watchdog timeout, so one late wake-up is not fatal.
  double max_sleep() const { return enabled() ? interval_s_ : 1e9; }

  void ready(const std::string& status);   // after the first frame is on screen
  void status(const std::string& status);  // shown by `systemctl status kiosk`
  void stopping();
  // The loop made progress (drew a frame, or woke and decided to keep sleeping). Pings at most
  // every max_sleep()/2 so an interactive loop does not send 60 datagrams a second.
  void alive(double mono);

 private:
  bool socket_ = false;
  double interval_s_ = 0;
  double last_ping_ = -1e9;
};

}  // namespace kiosk::platform
