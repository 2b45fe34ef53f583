#pragma once
// The content store: one SQLite file (WAL, synchronous=FULL, one writer) plus a blob directory.
// A corrupt file (or one from a newer kiosk) is moved aside with its -wal/-shm, and the store is
// rebuilt from the shipped baseline content (or kept in memory if the disk is unusable). A file
// that is only busy or unreadable for the moment is never moved: open() throws StoreUnavailable.
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sync/content/issues.hpp"
#include "sync/content/model.hpp"
#include "sync/content/snapshot.hpp"
#include "sync/store/blob_store.hpp"
#include "sync/store/sqlite.hpp"

namespace kiosk::store {

// How long a busy database is waited for before an operation gives up (another process creating,
// migrating or committing to it).
inline constexpr int kBusyTimeoutMs = 10000;

struct OpenOptions {
  std::filesystem::path db_path;
  std::filesystem::path blob_dir;  // default: "blobs" next to the database
  // Shipped content (a source directory) loaded when the database is new or had to be rebuilt.
  std::optional<std::filesystem::path> baseline_dir;
  content::UnixSeconds now = 0;  // "today" for sample baseline content
  int schema_version = 0;        // 0 = latest; tests use older versions to exercise migrations
  // Read only, for a reader beside the process that holds the data directory's lock: no migration,
  // no recovery, no baseline; throws when the file is missing or not current.
  bool read_only = false;
  int busy_timeout_ms = kBusyTimeoutMs;
};

// The database is there but cannot be used right now (busy beyond the timeout, a read error):
// nothing was changed; try again later.
class StoreUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OpenReport {
  bool created = false;    // there was no database yet
  bool recovered = false;  // the old file was unusable and was moved aside
  bool in_memory = false;  // not even a new file could be made: running from memory
  bool baseline_loaded = false;
  std::string reason;  // why it was recovered, in words staff can act on
  std::filesystem::path moved_aside;
  std::vector<std::string> baseline_problems;  // if the shipped baseline itself was invalid
};

struct SearchHit {
  std::string kind;  // "event" or "resource"
  std::string id;
};

class Store {
 public:
  static std::unique_ptr<Store> open(const OpenOptions& options, OpenReport* report = nullptr);

  // Replaces all content in one transaction together with its version. Images named by
  // content.images must already be in blobs(). Throws SqliteError (disk full, ...): on any error
  // the previous content is untouched.
  void replace_content(const content::Content& content, const content::VersionInfo& version);

  // A feed version applied page by page: pages that left the manifest are deleted, new ones
  // inserted, unchanged ones not touched (an SD card's wear follows what changed, not the content's
  // size). Everything, with the version and the engine's state, in one transaction.
  struct PageDelta {
    std::vector<std::string> removed;                             // page hashes
    std::vector<std::pair<std::string, content::Content>> added;  // page hash, its items
    content::Meta meta;
    std::vector<content::ImageRef> images;
    content::VersionInfo version;
  };
  void apply_pages(const PageDelta& delta,
                   const std::vector<std::pair<std::string, std::string>>& state = {});
  // Page hashes the stored rows came from ("" for imported content).
  std::vector<std::string> pages() const;

  content::Content load_content() const;
  content::VersionInfo version() const;
  std::shared_ptr<const content::ContentSnapshot> snapshot() const;

  // Full-text search over events and resources in both languages: best matches first, or in
  // content order for a word so common (400+ items) that ranking means nothing.
  std::vector<SearchHit> search(std::string_view query, int limit = 50) const;

  // "ok", or what PRAGMA integrity_check found.
  std::string integrity_check() const;

  // Small persistent values for the sync engine (ETag, time floor, last status).
  std::optional<std::string> state(const std::string& key) const;
  void set_state(const std::string& key, const std::string& value);

  BlobStore& blobs() { return blobs_; }
  const BlobStore& blobs() const { return blobs_; }
  Database& database() { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  Store(Database db, BlobStore blobs, std::filesystem::path path)
      : db_(std::move(db)), blobs_(std::move(blobs)), path_(std::move(path)) {}

  Database db_;
  BlobStore blobs_;
  std::filesystem::path path_;
};

// Loads a source directory into the store: images into blobs first, then all rows in one
// transaction. Returns the problems found; on any error nothing was changed.
content::Issues import_source_dir(Store& store, const std::filesystem::path& dir, content::UnixSeconds now,
                                  const std::string& origin = "import");

}  // namespace kiosk::store
