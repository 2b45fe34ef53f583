#pragma once
// What the frame loop did, in figures: how a sleeping kiosk spends its CPU (wake-ups, whole and
// clock-only frames, pixels put on screen; logged once a minute at debug level) and how soon a tap
// shows where it leads (input event -> the present that shows the new screen). `kiosk --frame-stats`
// prints each figure as it happens, for bench/kiosk_process.sh.
#include <cstdint>
#include <optional>
#include <string>

namespace kiosk::app {

class FrameStats {
 public:
  void woke() { ++minute_.wakeups; }
  // A pointer event reached the UI; `ticks` is its SDL timestamp (ms, SDL_GetTicks's clock).
  void input(std::uint32_t ticks) { last_input_ = ticks; }
  // After a present. `answered_input`: the frame was built because input changed the UI's state.
  // Returns the tap -> screen latency in ms when this present answered an input.
  std::optional<std::uint32_t> presented(bool partial, long long pixels, bool answered_input,
                                         std::uint32_t now_ticks);
  // The last minute in words once 60 s have passed since the previous summary (then starts anew).
  std::optional<std::string> minute_summary(double mono);

  long long last_pixels() const { return last_pixels_; }

 private:
  struct Minute {
    int wakeups = 0, full = 0, partial = 0;
    long long pixels = 0;
  };
  Minute minute_;
  double minute_since_ = -1;
  std::optional<std::uint32_t> last_input_;
  long long last_pixels_ = 0;
};

}  // namespace kiosk::app
