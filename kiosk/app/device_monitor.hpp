#pragma once
// Reads the board's facts (platform/device_facts.hpp) on its own thread every 30 s, so the UI
// thread never touches sysfs or statvfs, and logs a warning when the set of problems changes
// (under-voltage, heat, full disk) — once, not every 30 s, to spare the SD card.
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "platform/device_facts.hpp"

namespace kiosk::app {

class DeviceMonitor {
 public:
  DeviceMonitor(std::filesystem::path system_root, std::filesystem::path data_dir, double every_s = 30);
  ~DeviceMonitor();
  DeviceMonitor(const DeviceMonitor&) = delete;
  DeviceMonitor& operator=(const DeviceMonitor&) = delete;

  platform::DeviceFacts facts() const;  // the latest reading (empty until the first)

 private:
  void run();
  std::filesystem::path root_, data_dir_;
  double every_s_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  platform::DeviceFacts facts_;
  std::thread thread_;
};

}  // namespace kiosk::app
