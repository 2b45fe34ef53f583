#pragma once
// Logging for a device that runs for months on an SD card: lines go to stderr (journald when run
// by systemd, with the right priority), and a message repeated within a minute is written once
// with a count, so a flapping network cannot wear the card out.
#include <string_view>

namespace kiosk::log {

enum class Level { debug, info, warn, error };

void write(Level level, std::string_view message);
inline void debug(std::string_view m) {
  write(Level::debug, m);
}
inline void info(std::string_view m) {
  write(Level::info, m);
}
inline void warn(std::string_view m) {
  write(Level::warn, m);
}
inline void error(std::string_view m) {
  write(Level::error, m);
}

void set_level(Level level);
// Tests and tools that print their own results call this to keep stderr quiet.
void silence();

}  // namespace kiosk::log
