#include "kiosk/app/content_service.hpp"

#include <algorithm>
#include <vector>

#include "platform/log.hpp"
#include "sync/content/sha256.hpp"
#include "platform/memory.hpp"
#include "sync/store/store.hpp"

namespace kiosk::app {
namespace {

// Names, sizes and modification times of the demo's files, and the local day.
std::string demo_fingerprint(const std::filesystem::path& dir, content::UnixSeconds now) {
  std::string text = std::to_string(content::local_day(now));
  std::error_code ec;
  std::vector<std::string> entries;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file(ec)) continue;
    entries.push_back(e.path().string() + ":" + std::to_string(e.file_size(ec)) + ":" +
                      std::to_string(e.last_write_time(ec).time_since_epoch().count()));
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) text += "|" + e;
  return content::sha256_hex(text);
}

}  // namespace

ContentService::ContentService(ContentOptions options, std::function<void()> wake_ui)
    : options_(std::move(options)), wake_ui_(std::move(wake_ui)) {}

ContentService::~ContentService() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ContentService::start() { thread_ = std::thread([this] { run(); }); }

std::shared_ptr<const content::ContentSnapshot> ContentService::open_and_snapshot() {
  store::OpenOptions open;
  open.db_path = options_.data_dir / "content.db";
  open.baseline_dir = options_.baseline_dir;
  open.now = options_.now;
  store::OpenReport report;
  store_ = store::Store::open(open, &report);
  auto& st = store_;
  std::string problem;
  if (report.recovered) problem = "content cache was rebuilt: " + report.reason;
  if (options_.demo && options_.baseline_dir) {
    // Re-import only when the demo files changed or a new day began (sample dates move to today):
    // a restart of the demo then costs what a restart of a real kiosk costs.
    const std::string fingerprint = demo_fingerprint(*options_.baseline_dir, options_.now);
    if (st->state("demo_fingerprint") != fingerprint) {
      const auto issues = store::import_source_dir(*st, *options_.baseline_dir, options_.now, "demo");
      if (issues.has_errors()) problem = "demo content is invalid: " + issues.summary();
      else st->set_state("demo_fingerprint", fingerprint);
    }
  }
  auto snapshot = st->snapshot();
  platform::release_free_memory();  // the import's parse trees and statements are gone; give them back
  std::lock_guard lock(mutex_);
  latest_ = snapshot;
  if (!problem.empty()) problem_ = problem;
  return snapshot;
}

std::shared_ptr<const content::ContentSnapshot> ContentService::load_now() {
  try {
    return open_and_snapshot();
  } catch (const std::exception& e) {
    // Never refuse to start: an empty snapshot still shows the chrome, the clock and the reason.
    log::error(std::string("content could not be loaded: ") + e.what());
    std::lock_guard lock(mutex_);
    problem_ = e.what();
    latest_ = content::ContentSnapshot::build({}, {});
    return latest_;
  }
}

void ContentService::run() {
  load_now();
  if (wake_ui_) wake_ui_();
  if (options_.sync && store_) {
    sync_loop(*store_);
    return;
  }
  std::unique_lock lock(mutex_);
  stop_cv_.wait(lock, [this] { return stopping_; });
}

namespace {

ui::SyncView view_of(const sync::SyncStatus& s) {
  ui::SyncView v;
  v.configured = true;
  v.state = s.state;
  v.offline_since = s.offline_since;
  v.last_success = s.last_success;
  v.last_error = s.last_error;
  return v;
}

}  // namespace

void ContentService::sync_loop(store::Store& store) {
  sync::SyncEngine engine(store, *options_.sync);
  {
    std::lock_guard lock(mutex_);
    sync_view_ = view_of(engine.status());
  }
  for (;;) {
    const sync::SyncOutcome out = engine.sync_once();
    std::shared_ptr<const content::ContentSnapshot> snapshot;
    if (out.applied) {
      try {
        snapshot = store.snapshot();
        platform::release_free_memory();
      } catch (const std::exception& e) {
        log::error(std::string("cannot read the new content back: ") + e.what());
      }
    }
    bool desks = false;
    {
      std::lock_guard lock(mutex_);
      if (snapshot) latest_ = snapshot;
      sync_view_ = view_of(engine.status());
      desks = latest_ && !latest_->content().desks.empty();
    }
    if (wake_ui_) wake_ui_();
    const auto delay = std::chrono::duration<double>(engine.next_delay(desks));
    std::unique_lock lock(mutex_);
    stop_cv_.wait_for(lock, delay, [this] { return stopping_ || sync_requested_; });
    if (stopping_) return;
    sync_requested_ = false;
  }
}

ui::SyncView ContentService::sync_view() const {
  std::lock_guard lock(mutex_);
  return sync_view_;
}

void ContentService::request_sync() {
  {
    std::lock_guard lock(mutex_);
    sync_requested_ = true;
  }
  stop_cv_.notify_all();
}

std::shared_ptr<const content::ContentSnapshot> ContentService::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

std::string ContentService::startup_problem() const {
  std::lock_guard lock(mutex_);
  return problem_;
}

}  // namespace kiosk::app
