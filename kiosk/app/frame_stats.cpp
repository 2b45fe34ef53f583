#include "kiosk/app/frame_stats.hpp"

namespace kiosk::app {

std::optional<std::uint32_t> FrameStats::presented(bool partial, long long pixels, bool answered_input,
                                                   std::uint32_t now_ticks) {
  ++(partial ? minute_.partial : minute_.full);
  minute_.pixels += pixels;
  last_pixels_ = pixels;
  if (!answered_input || !last_input_) return std::nullopt;
  // Unsigned subtraction stays right across SDL's 49-day tick wrap.
  const std::uint32_t latency = now_ticks - *last_input_;
  last_input_.reset();
  return latency;
}

std::optional<std::string> FrameStats::minute_summary(double mono) {
  if (minute_since_ < 0) minute_since_ = mono;
  if (mono - minute_since_ < 60.0) return std::nullopt;
  const Minute m = minute_;
  minute_ = Minute{};
  minute_since_ = mono;
  const int frames = m.full + m.partial;
  return "loop: " + std::to_string(m.wakeups) + " wake-ups, " + std::to_string(m.full) + " full and " +
         std::to_string(m.partial) + " clock-only frames, " +
         std::to_string(frames > 0 ? m.pixels / frames : 0) +
         " pixels per frame on screen in the last minute";
}

}  // namespace kiosk::app
