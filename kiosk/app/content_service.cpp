#include "kiosk/app/content_service.hpp"

#include "platform/log.hpp"
#include "sync/store/store.hpp"

namespace kiosk::app {

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
  auto st = store::Store::open(open, &report);
  std::string problem;
  if (report.recovered) problem = "content cache was rebuilt: " + report.reason;
  if (options_.demo && options_.baseline_dir) {
    const auto issues = store::import_source_dir(*st, *options_.baseline_dir, options_.now, "demo");
    if (issues.has_errors()) problem = "demo content is invalid: " + issues.summary();
  }
  auto snapshot = st->snapshot();
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
  // Until the sync engine lives here, the thread only waits to be stopped.
  std::unique_lock lock(mutex_);
  stop_cv_.wait(lock, [this] { return stopping_; });
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
