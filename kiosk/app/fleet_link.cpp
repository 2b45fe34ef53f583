#include "kiosk/app/fleet_link.hpp"

#include <chrono>

#include "sync/fleet/report_facts.hpp"

namespace kiosk::app {
namespace {

// A frame is drawn within a few milliseconds of the request; five seconds means the UI is stuck,
// which the heartbeat's silence will show anyway.
constexpr auto kFrameWait = std::chrono::seconds(5);

}  // namespace

std::string screenshot_refusal(bool staff_overlay_open, bool screen_lit) {
  if (staff_overlay_open) return "staff_overlay_open";
  if (!screen_lit) return "display_dark";
  return "";
}

FleetLink::FleetLink(fleet::ConsoleConfig config, std::filesystem::path data_dir,
                     sync::ContentService& content, DeviceMonitor& device, std::function<void()> wake_ui,
                     std::string software)
    : content_(content), device_(device), wake_ui_(std::move(wake_ui)), software_(std::move(software)) {
  fleet::AgentHooks hooks;
  hooks.report = [this] { return report(); };
  hooks.sync_now = [this] { content_.request_sync(); };
  hooks.grab_screenshot = [this] { return grab(); };
  agent_ = std::make_unique<fleet::FleetAgent>(std::move(config), std::move(data_dir), std::move(hooks));
  agent_->start();
}

FleetLink::~FleetLink() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    grabbed_ = fleet::ScreenshotGrab{std::nullopt, "stopping"};
  }
  cv_.notify_all();
  agent_->stop();
}

void FleetLink::set_screen(const ScreenFacts& facts) {
  std::lock_guard lock(mutex_);
  screen_ = facts;
}

bool FleetLink::screenshot_wanted() const {
  std::lock_guard lock(mutex_);
  return want_frame_;
}

void FleetLink::deliver(fleet::Frame frame) {
  {
    std::lock_guard lock(mutex_);
    want_frame_ = false;
    grabbed_ = fleet::ScreenshotGrab{std::move(frame), ""};
  }
  cv_.notify_all();
}

void FleetLink::refuse(const std::string& reason) {
  {
    std::lock_guard lock(mutex_);
    want_frame_ = false;
    grabbed_ = fleet::ScreenshotGrab{std::nullopt, reason};
  }
  cv_.notify_all();
}

fleet::ScreenshotGrab FleetLink::grab() {
  std::unique_lock lock(mutex_);
  if (stopping_) return fleet::ScreenshotGrab{std::nullopt, "stopping"};
  if (screen_.display == "none")
    return fleet::ScreenshotGrab{std::nullopt, "no_display"};  // no frame to wait for
  grabbed_.reset();
  want_frame_ = true;
  lock.unlock();
  if (wake_ui_) wake_ui_();
  lock.lock();
  if (!cv_.wait_for(lock, kFrameWait, [&] { return grabbed_.has_value(); })) {
    want_frame_ = false;
    return fleet::ScreenshotGrab{std::nullopt, "timeout"};
  }
  fleet::ScreenshotGrab out = std::move(*grabbed_);
  grabbed_.reset();
  return out;
}

fleet::KioskReport FleetLink::report() const {
  fleet::KioskReport r;
  r.software = software_;
  if (auto snapshot = content_.latest()) fleet::add_content_facts(r, snapshot->version());
  if (auto status = content_.sync_status())
    fleet::add_sync_facts(r, *status);
  else
    r.sync_result = "not_configured";
  fleet::add_device_facts(r, device_.facts());
  std::lock_guard lock(mutex_);
  r.display = screen_.display;
  r.display_on_at = screen_.display_on_at;
  r.screen_w = screen_.width;
  r.screen_h = screen_.height;
  r.renderer = screen_.renderer;
  if (!screen_.urgent_shown.empty()) r.urgent_shown.push_back(screen_.urgent_shown);
  r.clock_trusted = screen_.clock_trusted;
  r.safe_mode = screen_.safe_mode;
  return r;
}

}  // namespace kiosk::app
