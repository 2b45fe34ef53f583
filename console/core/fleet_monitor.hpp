#pragma once
// The fleet's clock: once a second it asks the fleet who went late or offline, writes what the
// beats left in memory, and hands alerts to the webhook. Its own thread, so neither the HTTP
// workers nor the publisher ever wait for it.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "console/core/fleet.hpp"
#include "console/core/webhook.hpp"

namespace kiosk::console {

class FleetMonitor {
 public:
  FleetMonitor(Fleet& fleet, WebhookSender& webhook, double every_s = 1.0);
  ~FleetMonitor();  // flushes the fleet's memory to the database
  FleetMonitor(const FleetMonitor&) = delete;
  FleetMonitor& operator=(const FleetMonitor&) = delete;

 private:
  void run();
  Fleet& fleet_;
  WebhookSender& webhook_;
  double every_s_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kiosk::console
