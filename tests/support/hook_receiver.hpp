#pragma once
// A plain-HTTP receiver on 127.0.0.1 that records every POST body and answers 200: the other end of
// the console's alert webhook, started and stopped by the test.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::test {

class HookReceiver {
 public:
  HookReceiver();
  ~HookReceiver();
  HookReceiver(const HookReceiver&) = delete;
  HookReceiver& operator=(const HookReceiver&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  // Waits up to `seconds` for at least `count` bodies; returns all received so far.
  std::vector<std::string> wait_for(std::size_t count, double seconds);

 private:
  void serve();
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

}  // namespace kiosk::test
