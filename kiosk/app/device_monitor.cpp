#include "kiosk/app/device_monitor.hpp"

#include "platform/log.hpp"

namespace kiosk::app {

DeviceMonitor::DeviceMonitor(std::filesystem::path system_root, std::filesystem::path data_dir,
                             double every_s)
    : root_(std::move(system_root)), data_dir_(std::move(data_dir)), every_s_(every_s) {
  thread_ = std::thread([this] { run(); });
}

DeviceMonitor::~DeviceMonitor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

platform::DeviceFacts DeviceMonitor::facts() const {
  std::lock_guard lock(mutex_);
  return facts_;
}

void DeviceMonitor::run() {
  std::vector<platform::DeviceWarning> reported;
  for (;;) {
    platform::DeviceFacts f = platform::read_device_facts(root_, data_dir_);
    const auto warnings = f.warnings();
    if (warnings != reported) {
      for (const auto& w : warnings) log::warn("device: " + w.english);
      if (warnings.empty() && !reported.empty()) log::info("device: the earlier warnings have cleared");
      reported = warnings;
    }
    std::unique_lock lock(mutex_);
    facts_ = std::move(f);
    if (cv_.wait_for(lock, std::chrono::duration<double>(every_s_), [this] { return stopping_; })) return;
  }
}

}  // namespace kiosk::app
