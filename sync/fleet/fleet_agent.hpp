#pragma once
// The kiosk's heartbeat thread. It beats every heartbeat_s (±10 % jitter, backoff after failures
// like the sync engine), runs the console's two commands — "sync_now" and "screenshot" — and pairs
// when staff type a code. It runs beside the UI and the content thread and shares nothing with them
// but three hooks, so a slow or broken console never delays a frame or a sync and never touches
// content.
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sync/engine/http_client.hpp"
#include "sync/fleet/console_link.hpp"
#include "sync/fleet/heartbeat.hpp"
#include "sync/fleet/screenshot.hpp"

namespace kiosk::fleet {

// One heartbeat over an existing client (the agent, and `kioskctl heartbeat --once`).
struct BeatOutcome {
  enum class Kind { ok, unauthorized, refused, failed } kind = Kind::failed;
  HeartbeatReply reply;
  long status = 0;
  std::string error;  // a sentence for the staff overlay and the log
  double retry_after = -1;
};
BeatOutcome send_heartbeat(sync::HttpClient& http, const Credentials& credentials, const KioskReport& report);
// Returns "" or what went wrong.
std::string upload_screenshot(sync::HttpClient& http, const Credentials& credentials, std::int64_t command_id,
                              const EncodedImage& image);
sync::HttpOptions console_http_options(const std::string& ca_file);

struct ScreenshotGrab {
  std::optional<Frame> frame;
  std::string refused;  // why not ("staff_overlay_open", "display_dark", "timeout")
};

struct AgentHooks {
  std::function<KioskReport()> report;              // the facts now (called on the agent thread)
  std::function<void()> sync_now;                   // ask the content thread to sync at once
  std::function<ScreenshotGrab()> grab_screenshot;  // the frame on screen, from the UI thread
};

struct AgentStatus {
  // "unpaired", "pairing", "ok", "failing", "revoked"
  std::string state = "unpaired";
  std::string kiosk_id;
  content::UnixSeconds last_beat = 0;  // last accepted heartbeat
  std::string last_error;              // the last failure (pairing or beating), empty after success
};

class FleetAgent {
 public:
  FleetAgent(ConsoleConfig config, std::filesystem::path data_dir, AgentHooks hooks);
  ~FleetAgent();
  FleetAgent(const FleetAgent&) = delete;
  FleetAgent& operator=(const FleetAgent&) = delete;

  void start();
  void stop();
  AgentStatus status() const;
  // Pairs with the configured console using a code from "Add kiosk"; the result shows in status().
  void pair(const std::string& code);

 private:
  void run();
  double beat();  // returns the seconds until the next beat
  void run_commands(const Credentials& credentials, const std::vector<Command>& commands);
  void set_state(const std::string& state, const std::string& error);

  ConsoleConfig config_;
  std::filesystem::path data_dir_;
  AgentHooks hooks_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::atomic<bool> stop_transfers_{false};
  std::optional<std::string> pair_code_;
  std::optional<Credentials> credentials_;
  AgentStatus status_;
  std::vector<CommandResult> results_;  // to report with the next beat
  int failures_ = 0;
  std::mt19937 random_{std::random_device{}()};
  std::unique_ptr<sync::HttpClient> http_;  // one connection kept open between beats
  std::thread thread_;
};

}  // namespace kiosk::fleet
