#pragma once
// The one thread that owns the content store (its single writer). It opens (or recovers) the store,
// publishes immutable snapshots, runs the sync engine on its poll schedule, keeps the known good
// copy for safe mode, and wakes whoever shows the content (the kiosk's UI loop, or `kioskctl sync`
// following the feed); they only ever swap a pointer. No UI here: the kiosk turns the status into
// words (kiosk/app).
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "platform/start_journal.hpp"
#include "sync/content/snapshot.hpp"
#include "sync/engine/engine.hpp"

namespace kiosk::sync {

struct ContentOptions {
  std::filesystem::path data_dir;                     // content.db and blobs/ live here
  std::optional<std::filesystem::path> baseline_dir;  // shipped content for a new or broken store
  bool demo = false;               // re-import the baseline now (sample dates move to today)
  content::UnixSeconds now = 0;    // "today" for sample content
  std::optional<SyncConfig> sync;  // no feed configured: local content only
  // Crash-loop safe mode: open the last known good copy (or the shipped content) instead of the
  // live database, and do not sync.
  platform::SafeMode safe_mode = platform::SafeMode::off;
  double known_good_after_s = 600;      // a synced version shown this long becomes the known good copy
  content::UnixSeconds build_time = 0;  // the lowest the clock's floor can be
  SyncEngine::Clock clock;  // the engine's wall clock: empty for the system's (kioskctl sync --now)
  // Beside a kiosk that holds the data directory (screenshots): read what it shows, change nothing.
  bool read_only = false;
};

// How often a store that could not be opened (busy, a read error) is tried again.
inline constexpr double kStoreRetrySeconds = 5;

class ContentService {
 public:
  ContentService(ContentOptions options, std::function<void()> wake_ui);
  ~ContentService();
  ContentService(const ContentService&) = delete;
  ContentService& operator=(const ContentService&) = delete;

  void start();
  // Ends the thread (a download in progress ends within a second) and closes the store. Idempotent;
  // the destructor calls it.
  void stop();
  // Opens the store and returns the first snapshot on the calling thread (headless rendering).
  std::shared_ptr<const content::ContentSnapshot> load_now();

  // The newest snapshot, or nullptr before the first one. Any thread.
  std::shared_ptr<const content::ContentSnapshot> latest() const;
  std::string startup_problem() const;
  // Whether a feed is configured and synced (not in safe mode). Any thread.
  bool syncing() const { return options_.sync.has_value() && options_.safe_mode == platform::SafeMode::off; }
  // The engine's status (the badge, the staff overlay, the console's heartbeat); nullopt before the
  // first attempt or without a feed. Any thread.
  std::optional<SyncStatus> sync_status() const;
  // Staff pressed "sync now" (or the console asked): try at once instead of at the next poll.
  void request_sync();
  // No real "now" is earlier: the build time, or the newest verified publish time. Any thread.
  content::UnixSeconds time_floor() const { return floor_.load(); }
  // In safe mode: what is shown instead ("version 12 (last known good)"). Any thread.
  std::string safe_mode_content() const;

 private:
  void run();
  void sync_loop(store::Store& store);
  std::shared_ptr<const content::ContentSnapshot> open_and_snapshot();
  void open_safe_mode_store();
  std::optional<std::string> known_good_candidate(const store::Store& store) const;
  void keep_known_good(store::Store& store, double shown_since);

  ContentOptions options_;
  std::function<void()> wake_ui_;
  mutable std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::shared_ptr<const content::ContentSnapshot> latest_;
  std::unique_ptr<store::Store> store_;  // owned by the content thread once it runs
  std::string problem_;
  std::optional<SyncStatus> sync_status_;
  bool sync_requested_ = false;
  std::string safe_mode_content_;
  std::string known_good_saved_;  // manifest hash of the version last saved as known good
  std::atomic<content::UnixSeconds> floor_{0};
  std::atomic<bool> stop_transfers_{false};
  std::thread thread_;
};

}  // namespace kiosk::sync
