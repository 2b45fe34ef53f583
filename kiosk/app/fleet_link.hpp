#pragma once
// The kiosk's end of the console link (sync/fleet's heartbeat agent, wired to this app): the agent
// reports what the content thread, the device monitor and the last drawn frame say, asks the
// content thread to sync, and, for a screenshot, asks the UI thread for the frame it is showing.
// The UI thread only ever copies a small struct in and, on request, the pixels of one frame out;
// it never waits for the network.
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "kiosk/app/device_monitor.hpp"
#include "sync/fleet/fleet_agent.hpp"
#include "sync/service/content_service.hpp"

namespace kiosk::app {

// What the UI thread knows and the heartbeat reports.
struct ScreenFacts {
  std::string display = "on";  // "on", "dark"
  std::optional<content::UnixSeconds> display_on_at;
  int width = 0, height = 0;
  std::string renderer;
  std::string urgent_shown;  // notice id, or ""
  bool clock_trusted = true;
  bool safe_mode = false;
  bool operator==(const ScreenFacts&) const = default;
};

// Why the frame on screen must not go to the console now, or "" when it may: the staff overlay may
// show a PIN being typed or the board's addresses; a dark screen shows nothing worth sending.
std::string screenshot_refusal(bool staff_overlay_open, bool screen_lit);

class FleetLink {
 public:
  FleetLink(fleet::ConsoleConfig config, std::filesystem::path data_dir, sync::ContentService& content,
            DeviceMonitor& device, std::function<void()> wake_ui, std::string software);
  ~FleetLink();
  FleetLink(const FleetLink&) = delete;
  FleetLink& operator=(const FleetLink&) = delete;

  // UI thread.
  void set_screen(const ScreenFacts& facts);
  bool screenshot_wanted() const;
  void deliver(fleet::Frame frame);
  void refuse(const std::string& reason);
  void pair(const std::string& code) { agent_->pair(code); }
  fleet::AgentStatus status() const { return agent_->status(); }

 private:
  fleet::KioskReport report() const;
  fleet::ScreenshotGrab grab();

  sync::ContentService& content_;
  DeviceMonitor& device_;
  std::function<void()> wake_ui_;
  std::string software_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  ScreenFacts screen_;
  bool want_frame_ = false;
  bool stopping_ = false;
  std::optional<fleet::ScreenshotGrab> grabbed_;
  std::unique_ptr<fleet::FleetAgent> agent_;
};

}  // namespace kiosk::app
