#include "platform/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>

#include "platform/terminal_text.hpp"

namespace kiosk::log {
namespace {

constexpr auto kRepeatWindow = std::chrono::seconds(60);

struct Repeat {
  std::chrono::steady_clock::time_point first;
  int suppressed = 0;
};

class Logger {
 public:
  Logger() {
    // Under systemd, JOURNAL_STREAM is set: write to the journal with real priorities.
    if (std::getenv("JOURNAL_STREAM") != nullptr) {
      sink_ = std::make_shared<spdlog::logger>("kiosk", std::make_shared<spdlog::sinks::systemd_sink_mt>());
      sink_->set_pattern("%v");
    } else {
      sink_ =
          std::make_shared<spdlog::logger>("kiosk", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
      sink_->set_pattern("%Y-%m-%d %H:%M:%S %^%l%$ %v");
    }
    if (const char* env = std::getenv("KIOSK_LOG_LEVEL"); env != nullptr) {
      sink_->set_level(spdlog::level::from_str(env));
    }
  }

  // The de-duplication is decided under our lock; the sink's I/O happens outside it (spdlog's _mt
  // sinks lock themselves), so a slow journal never holds up another thread deciding to log.
  void write(Level level, std::string_view message) {
    const int repeated = count(message);
    if (repeated < 0) return;
    const std::string safe =
        platform::terminal_safe(message);  // messages quote content: no ESC reaches a terminal
    if (repeated > 0) {
      sink_->log(to_spdlog(level), "{} (repeated {} more times in the last minute)", safe, repeated);
    } else {
      sink_->log(to_spdlog(level), "{}", safe);
    }
  }

  void set_level(Level level) { sink_->set_level(to_spdlog(level)); }
  void silence() { sink_->set_level(spdlog::level::off); }

 private:
  // -1: suppress (said within the last minute); otherwise how many copies were suppressed before.
  int count(std::string_view message) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    auto [it, inserted] = repeats_.try_emplace(std::string(message), Repeat{now, 0});
    if (inserted) {
      if (repeats_.size() > 512)
        repeats_.clear();  // bounded memory; losing de-duplication a moment is harmless
      return 0;
    }
    if (now - it->second.first < kRepeatWindow) {
      ++it->second.suppressed;
      return -1;
    }
    const int suppressed = it->second.suppressed;
    it->second = Repeat{now, 0};
    return suppressed;
  }

  static spdlog::level::level_enum to_spdlog(Level level) {
    switch (level) {
      case Level::debug:
        return spdlog::level::debug;
      case Level::info:
        return spdlog::level::info;
      case Level::warn:
        return spdlog::level::warn;
      case Level::error:
        return spdlog::level::err;
    }
    return spdlog::level::info;
  }

  std::mutex mutex_;
  std::shared_ptr<spdlog::logger> sink_;
  std::unordered_map<std::string, Repeat> repeats_;
};

Logger& logger() {
  static Logger instance;
  return instance;
}

}  // namespace

void write(Level level, std::string_view message) {
  logger().write(level, message);
}
void set_level(Level level) {
  logger().set_level(level);
}
void silence() {
  logger().silence();
}

}  // namespace kiosk::log
