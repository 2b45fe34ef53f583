#include "platform/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>

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
      sink_ = std::make_shared<spdlog::logger>("kiosk",
                                               std::make_shared<spdlog::sinks::systemd_sink_mt>());
      sink_->set_pattern("%v");
    } else {
      sink_ = std::make_shared<spdlog::logger>(
          "kiosk", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
      sink_->set_pattern("%Y-%m-%d %H:%M:%S %^%l%$ %v");
    }
    if (const char* env = std::getenv("KIOSK_LOG_LEVEL"); env != nullptr) {
      sink_->set_level(spdlog::level::from_str(env));
    }
  }

  void write(Level level, std::string_view message) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    std::string key(message);
    auto [it, inserted] = repeats_.try_emplace(key, Repeat{now, 0});
    if (!inserted) {
      if (now - it->second.first < kRepeatWindow) {
        ++it->second.suppressed;
        return;
      }
      if (it->second.suppressed > 0) {
        sink_->log(to_spdlog(level), "{} (repeated {} more times in the last minute)", message,
                   it->second.suppressed);
        it->second = Repeat{now, 0};
        return;
      }
      it->second = Repeat{now, 0};
    }
    if (repeats_.size() > 512) {
      repeats_.clear();  // bounded memory; losing de-duplication for a moment is harmless
    }
    sink_->log(to_spdlog(level), "{}", message);
  }

  void set_level(Level level) { sink_->set_level(to_spdlog(level)); }
  void silence() { sink_->set_level(spdlog::level::off); }

 private:
  static spdlog::level::level_enum to_spdlog(Level level) {
    switch (level) {
      case Level::debug: return spdlog::level::debug;
      case Level::info: return spdlog::level::info;
      case Level::warn: return spdlog::level::warn;
      case Level::error: return spdlog::level::err;
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

void write(Level level, std::string_view message) { logger().write(level, message); }
void set_level(Level level) { logger().set_level(level); }
void silence() { logger().silence(); }

}  // namespace kiosk::log
