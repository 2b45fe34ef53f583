#pragma once
// Sleeping until a finger touches the screen, without polling. SDL's KMS/DRM and offscreen drivers
// have no blocking wait (SDL_WaitEventTimeout polls every millisecond there), so the kiosk waits in
// poll(2) on the evdev devices itself — its own descriptors get a copy of every event, which it
// discards; SDL reads the real ones when woken — and on an eventfd that other threads use to wake
// it. Devices are rescanned every few seconds, so a touch panel plugged in later is noticed.
#include <chrono>
#include <string>
#include <vector>

namespace kiosk::platform {

class InputWaiter {
 public:
  // `pattern`: a glob of input devices; tests pass FIFOs.
  explicit InputWaiter(std::string pattern = "/dev/input/event*",
                       std::chrono::milliseconds rescan_every = std::chrono::seconds(5));
  ~InputWaiter();
  InputWaiter(const InputWaiter&) = delete;
  InputWaiter& operator=(const InputWaiter&) = delete;

  // Blocks until input arrives, wake() is called, or `timeout` passes. True unless it timed out.
  bool wait(std::chrono::milliseconds timeout);
  void wake();  // any thread, async-signal-safe
  int devices() const { return static_cast<int>(fds_.size()); }

 private:
  void rescan();

  std::string pattern_;
  std::chrono::milliseconds rescan_every_;
  int wake_fd_ = -1;
  std::vector<std::pair<std::string, int>> fds_;
  std::chrono::steady_clock::time_point last_scan_;
};

}  // namespace kiosk::platform
