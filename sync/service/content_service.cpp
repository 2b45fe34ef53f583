#include "sync/service/content_service.hpp"

#include <algorithm>
#include <vector>

#include "platform/clock.hpp"
#include "platform/log.hpp"
#include "platform/memory.hpp"
#include "sync/content/sha256.hpp"
#include "sync/store/known_good.hpp"
#include "sync/store/store.hpp"

namespace kiosk::sync {
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
    : options_(std::move(options)), wake_ui_(std::move(wake_ui)), floor_(options_.build_time) {}

ContentService::~ContentService() {
  stop();
}

void ContentService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_transfers_ = true;  // a download in progress ends within a second, well inside TimeoutStopSec
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  store_.reset();
}

void ContentService::start() {
  thread_ = std::thread([this] { run(); });
}

void ContentService::open_safe_mode_store() {
  const std::filesystem::path scratch = options_.data_dir / "safe-mode.db";
  std::string shown;
  if (options_.safe_mode == platform::SafeMode::last_known_good) {
    try {
      store_ = store::open_known_good(store::KnownGoodPaths::in(options_.data_dir), scratch);
    } catch (const std::exception& e) {
      log::error(std::string("safe mode: the last known good copy cannot be opened: ") + e.what());
    }
    if (store_) {
      const auto v = store_->version();
      shown = "version " + std::to_string(v.version) + " (last known good)";
    }
  }
  if (!store_) {
    // No known good copy (never ran a synced version long enough) or the deeper level: the content
    // shipped in the package, loaded into a scratch database of its own.
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ec;
      std::filesystem::remove(scratch.string() + suffix, ec);
    }
    store::OpenOptions open;
    open.db_path = scratch;
    open.blob_dir = options_.data_dir / "safe-mode-blobs";
    open.baseline_dir = options_.baseline_dir;
    open.now = options_.now;
    store_ = store::Store::open(open);
    shown = "the content shipped with the kiosk";
  }
  log::error("safe mode: showing " + shown + "; not syncing");
  std::lock_guard lock(mutex_);
  safe_mode_content_ = shown;
}

std::shared_ptr<const content::ContentSnapshot> ContentService::open_and_snapshot() {
  store::OpenReport report;
  if (options_.safe_mode != platform::SafeMode::off) {
    open_safe_mode_store();
  } else {
    store::OpenOptions open;
    open.db_path = options_.data_dir / "content.db";
    open.baseline_dir = options_.baseline_dir;
    open.now = options_.now;
    open.read_only = options_.read_only;
    store_ = store::Store::open(open, &report);
  }
  auto& st = store_;
  floor_ = std::max(options_.build_time,
                    static_cast<content::UnixSeconds>(std::atoll(st->state("floor").value_or("0").c_str())));
  std::string problem;
  if (report.recovered) problem = "content cache was rebuilt: " + report.reason;
  const bool synced = st->version().origin == "feed";
  if (options_.demo && synced) {
    problem = "this data directory holds synced content (version " + std::to_string(st->version().version) +
              "): the demo shows it and does not replace it; give the demo its own --data-dir";
  } else if (options_.demo && options_.baseline_dir && options_.safe_mode == platform::SafeMode::off &&
             !options_.read_only) {
    // Re-import only when the demo files changed or a new day began (sample dates move to today):
    // a restart of the demo then costs what a restart of a real kiosk costs.
    const std::string fingerprint = demo_fingerprint(*options_.baseline_dir, options_.now);
    if (st->state("demo_fingerprint") != fingerprint) {
      const auto issues = store::import_source_dir(*st, *options_.baseline_dir, options_.now, "demo");
      if (issues.has_errors())
        problem = "demo content is invalid: " + issues.summary();
      else
        st->set_state("demo_fingerprint", fingerprint);
    }
  }
  auto snapshot = st->snapshot();
  platform::release_free_memory();  // the import's parse trees and statements are gone; give them back
  std::lock_guard lock(mutex_);
  latest_ = snapshot;
  problem_ = problem;  // also clears why an earlier attempt failed
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
  // Not opened (busy beyond the timeout, a read error): the screen says why; try again.
  while (!store_) {
    {
      std::unique_lock lock(mutex_);
      if (stop_cv_.wait_for(lock, std::chrono::duration<double>(kStoreRetrySeconds),
                            [this] { return stopping_; }))
        return;
    }
    load_now();
    if (wake_ui_) wake_ui_();
  }
  if (options_.sync && store_ && options_.safe_mode == platform::SafeMode::off) {
    sync_loop(*store_);
    return;
  }
  std::unique_lock lock(mutex_);
  stop_cv_.wait(lock, [this] { return stopping_; });
}

// A synced version that has been on screen for known_good_after_s without the kiosk crashing (we are
// still here) becomes the copy safe mode starts from.
// The manifest hash of the shown version when it is a synced one without a known good copy yet.
std::optional<std::string> ContentService::known_good_candidate(const store::Store& store) const {
  try {
    const auto v = store.version();
    if (v.origin == "feed" && v.manifest_sha256 != known_good_saved_) return v.manifest_sha256;
  } catch (const std::exception& e) {  // an SD card read error must not end the content thread
    log::warn(std::string("cannot read the content version: ") + e.what());
  }
  return std::nullopt;
}

void ContentService::keep_known_good(store::Store& store, double shown_since) {
  if (platform::monotonic_seconds() - shown_since < options_.known_good_after_s) return;
  const auto candidate = known_good_candidate(store);
  if (!candidate) return;
  try {
    store::save_known_good(store, store::KnownGoodPaths::in(options_.data_dir));
    log::info("content version " + std::to_string(store.version().version) +
              " is now the last known good copy for safe mode");
  } catch (const std::exception& e) {
    log::warn(std::string("cannot keep a known good copy for safe mode: ") + e.what());
  }
  known_good_saved_ = *candidate;  // once per version, also when it failed (no retry storm)
}

void ContentService::sync_loop(store::Store& store) {
  SyncConfig config = *options_.sync;
  config.http.stop = &stop_transfers_;
  SyncEngine engine(store, std::move(config), options_.clock);
  {
    std::lock_guard lock(mutex_);
    sync_status_ = engine.status();
  }
  if (auto saved = store::known_good_version(store::KnownGoodPaths::in(options_.data_dir))) {
    known_good_saved_ = saved->manifest_sha256;
  }
  double shown_since = platform::monotonic_seconds();
  for (;;) {
    const SyncOutcome out = engine.sync_once();
    floor_ = engine.time_floor();  // it can go down: a floor from a publisher's wrong clock is mended
    std::shared_ptr<const content::ContentSnapshot> snapshot;
    if (out.applied) {
      shown_since = platform::monotonic_seconds();
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
      sync_status_ = engine.status();
      desks = latest_ && !latest_->content().desks.empty();
    }
    if (wake_ui_) wake_ui_();
    // Sleep until the next poll; on the way, wake once to keep a known good copy when it is due.
    const double poll_at = platform::monotonic_seconds() + engine.next_delay(desks);
    for (;;) {
      double until = poll_at;
      if (known_good_candidate(store)) until = std::min(until, shown_since + options_.known_good_after_s);
      {
        std::unique_lock lock(mutex_);
        stop_cv_.wait_for(lock,
                          std::chrono::duration<double>(std::max(0.0, until - platform::monotonic_seconds())),
                          [this] { return stopping_ || sync_requested_; });
        if (stopping_) return;
        if (sync_requested_) {
          sync_requested_ = false;
          break;
        }
      }
      keep_known_good(store, shown_since);
      if (platform::monotonic_seconds() >= poll_at) break;
    }
  }
}

std::string ContentService::safe_mode_content() const {
  std::lock_guard lock(mutex_);
  return safe_mode_content_;
}

std::optional<SyncStatus> ContentService::sync_status() const {
  std::lock_guard lock(mutex_);
  return sync_status_;
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

}  // namespace kiosk::sync
