#include "console/core/webhook.hpp"

#include <curl/curl.h>

#include <chrono>
#include <ctime>

#include "platform/log.hpp"
#include "sync/content/time.hpp"

namespace kiosk::console {
namespace {

constexpr int kAttempts = 4;
constexpr std::size_t kMaxQueued = 1000;  // a receiver down for a day must not grow memory

struct Words {
  const char* zh;
  const char* en;
};

Words words_for(const std::string& event) {
  if (event == "offline") return {"离线", "offline"};
  if (event == "safe_mode") return {"安全模式", "safe mode"};
  if (event == "behind") return {"内容未更新", "content behind"};
  return {"已恢复", "back to normal"};
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

// Returns the HTTP status, or 0 when the receiver could not be reached (`error` says why).
long post(const std::string& url, const std::string& body, std::string& error) {
  CURL* c = curl_easy_init();
  if (c == nullptr) return 0;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  long status = 0;
  if (const CURLcode rc = curl_easy_perform(c); rc == CURLE_OK) {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) error = "the receiver answered HTTP " + std::to_string(status);
  } else {
    error = curl_easy_strerror(rc);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(c);
  return status;
}

}  // namespace

nlohmann::json alert_json(const Alert& a, const std::string& console_origin) {
  const Words w = words_for(a.event);
  const std::string seen = a.last_seen > 0 ? content::format_iso8601(a.last_seen) : "";
  std::string text =
      std::string("【") + w.zh + "】自助屏 " + a.kiosk_id + (a.space.empty() ? "" : "（" + a.space + "）");
  std::string text_en =
      std::string("[") + w.en + "] kiosk " + a.kiosk_id + (a.space.empty() ? "" : " (" + a.space + ")");
  if (a.event == "offline" && !seen.empty()) {
    text += "，最后心跳 " + seen;
    text_en += ", last heartbeat " + seen;
  }
  nlohmann::json j = {{"event", a.event},
                      {"kiosk", a.kiosk_id},
                      {"space", a.space},
                      {"state", std::string(kiosk_state_name(a.state))},
                      {"at", content::format_iso8601(a.at)},
                      {"last_seen", seen},
                      {"text", text},
                      {"text_en", text_en}};
  if (!console_origin.empty()) j["link"] = console_origin + "/fleet/" + a.kiosk_id;
  return j;
}

WebhookSender::WebhookSender(std::function<std::string()> url, std::string console_origin)
    : url_(std::move(url)), origin_(std::move(console_origin)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  thread_ = std::thread([this] { run(); });
}

WebhookSender::~WebhookSender() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void WebhookSender::send(const Alert& a) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= kMaxQueued) queue_.pop_front();
    queue_.push_back(alert_json(a, origin_));
  }
  cv_.notify_all();
}

WebhookSender::Status WebhookSender::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void WebhookSender::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const nlohmann::json alert = queue_.front();
    queue_.pop_front();
    lock.unlock();
    const std::string url = url_();
    bool ok = url.empty();
    std::string error;
    for (int attempt = 0; !ok && attempt < kAttempts; ++attempt) {
      error.clear();
      const long status = post(url, alert.dump(), error);
      ok = status >= 200 && status < 300;
      if (!ok && attempt + 1 < kAttempts) {
        std::unique_lock wait(mutex_);
        if (cv_.wait_for(wait, std::chrono::seconds(1 << attempt), [&] { return stopping_; })) return;
      }
      if (!ok && attempt + 1 == kAttempts) {
        log::warn("webhook " + url + " did not accept the alert " + alert.value("text_en", "") + ": " +
                  error);
      }
    }
    lock.lock();
    if (url.empty()) continue;
    status_.last_at = static_cast<content::UnixSeconds>(std::time(nullptr));
    if (ok) {
      ++status_.delivered;
      status_.last_error.clear();
    } else {
      ++status_.failed;
      status_.last_error = error;
    }
  }
}

}  // namespace kiosk::console
