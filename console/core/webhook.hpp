#pragma once
// Alerts to a chat bot, a pager or a ticket system: one small JSON POST per change of a kiosk's
// state (not per beat), sent from a queue on its own thread so a slow receiver never holds the
// monitor. Failed posts are retried a few times with a growing pause, then logged and dropped.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "console/core/fleet.hpp"

namespace kiosk::console {

// The body: {"event": "offline", "kiosk": ..., "space": ..., "state": ..., "at": ..., "last_seen": ...,
// "text": "【离线】...", "text_en": "[offline] ...", "link": ".../fleet/<id>"}.
nlohmann::json alert_json(const Alert& a, const std::string& console_origin);

class WebhookSender {
 public:
  // `url` is read before each post (staff change it in the settings); "" sends nothing.
  WebhookSender(std::function<std::string()> url, std::string console_origin);
  ~WebhookSender();
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;
  void send(const Alert& a);
  // For the settings page: did the receiver get the last alert, and if not, why.
  struct Status {
    std::size_t delivered = 0, failed = 0;
    std::string last_error;  // "" after a delivery
    content::UnixSeconds last_at = 0;
  };
  Status status() const;

 private:
  void run();
  std::function<std::string()> url_;
  std::string origin_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<nlohmann::json> queue_;
  bool stopping_ = false;
  Status status_;
  std::thread thread_;
};

}  // namespace kiosk::console
