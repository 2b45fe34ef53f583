#include "console/core/fleet_monitor.hpp"

#include "platform/log.hpp"

namespace kiosk::console {

FleetMonitor::FleetMonitor(Fleet& fleet, WebhookSender& webhook, double every_s)
    : fleet_(fleet), webhook_(webhook), every_s_(every_s) {
  thread_ = std::thread([this] { run(); });
}

FleetMonitor::~FleetMonitor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  fleet_.flush();
}

void FleetMonitor::run() {
  std::unique_lock lock(mutex_);
  while (!cv_.wait_for(lock, std::chrono::duration<double>(every_s_), [&] { return stopping_; })) {
    lock.unlock();
    try {
      for (const Alert& a : fleet_.tick()) {
        log::info("fleet: kiosk " + a.kiosk_id + ": " + a.event);
        webhook_.send(a);
      }
    } catch (const std::exception& e) {
      log::error(std::string("fleet monitor: ") + e.what());
    }
    lock.lock();
  }
}

}  // namespace kiosk::console
