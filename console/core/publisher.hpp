#pragma once
// Publishing from the console: the draft (or an older version, or the last version plus desk and
// urgent-notice changes) becomes a content directory in a staging folder, and sync/feed's publish
// signs it into the feed directory exactly as `kioskctl publish` would. The console remembers each
// version's items (by body hash) to show what changed and to restore an old version as a new one.
//
// A background thread does the work nobody should have to click: desk status and urgent notices go
// out in batches within seconds, and the timestamp is re-signed well before it expires, so the daily
// cron job is not needed while the console runs.
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "console/core/console_db.hpp"
#include "console/core/items.hpp"
#include "console/core/roles.hpp"

namespace kiosk::console {

struct PublisherConfig {
  std::filesystem::path feed_dir, keys_dir;
  content::UnixSeconds timestamp_lifetime = 48 * 3600;
  content::UnixSeconds resign_interval = 12 * 3600;  // a quarter of the lifetime: three chances before expiry
  int keep_versions = 5;                             // in the feed directory (kiosks still fetching them)
  int keep_restorable = 30;     // versions whose items the console keeps for diff and restore
  double batch_window_s = 2.0;  // desk and urgent changes wait this long to travel together
};

struct DiffEntry {
  enum class Kind { added, changed, removed };
  Kind kind = Kind::changed;
  std::string collection, id, title;
};

struct Publication {
  std::int64_t version = 0;
  content::UnixSeconds at = 0;
  std::string by, reason;
  int added = 0, changed = 0, removed = 0;
  bool restorable = false;
};

struct PublishOutcome {
  bool ok = false;
  bool new_version = false;
  std::int64_t version = 0;
  std::vector<std::string> problems;  // validation errors: nothing was published
  std::string error;                  // anything else (keys missing, disk full), in words
  std::vector<DiffEntry> diff;
};

// One published item or image: its place in the staff's order, its body's hash, and the body.
struct PublishedEntry {
  std::int64_t ord = 0;
  std::string sha, body;
};
// (collection, id) -> entry: what one version holds ("images" for the image list).
using PublishedSet = std::map<std::pair<std::string, std::string>, PublishedEntry>;

class Publisher {
 public:
  using Clock = std::function<content::UnixSeconds()>;
  Publisher(ConsoleDb& db, ItemStore& items, PublisherConfig config, Clock clock);
  ~Publisher();
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  // What publishing the draft now would change, per item.
  std::vector<DiffEntry> changes_since_last();
  PublishOutcome publish_draft(const Principal& who, const std::string& reason);
  // Re-publishes version `version`'s content as a new, higher version (and makes it the draft).
  PublishOutcome restore(const Principal& who, std::int64_t version);
  // The last version plus the draft's desk status and urgent notices (no approval involved).
  PublishOutcome publish_immediate();
  // Re-signs the timestamp of the current version.
  PublishOutcome resign();

  std::vector<Publication> history(int limit);
  std::optional<Publication> latest();

  void start();             // the background thread
  void notify_immediate();  // a desk or urgent notice changed
  const PublisherConfig& config() const { return config_; }

 private:
  // The content directory of the feed's current version (desk batches start from it).
  std::filesystem::path published_dir() const;
  PublishOutcome publish_content(const Principal& who, const content::Content& content,
                                 const std::string& reason);
  // Publishes a content directory. The caller holds publish_mutex_. `items` (full publishes only)
  // are remembered for diff and restore; `changed` counts a batch's changes.
  PublishOutcome publish_dir(const Principal& who, const std::filesystem::path& dir,
                             const std::string& reason, const PublishedSet* items, int changed);
  std::optional<content::Content> publication_content(std::int64_t version);
  void run();

  ConsoleDb& db_;
  ItemStore& items_;
  PublisherConfig config_;
  Clock clock_;
  std::mutex publish_mutex_;  // one publish at a time: the feed directory has one writer

  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool dirty_ = false;
  std::chrono::steady_clock::time_point dirty_since_;
  std::thread thread_;
};

}  // namespace kiosk::console
