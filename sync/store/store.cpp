#include "sync/store/store.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <system_error>
#include <thread>

#include "platform/files.hpp"
#include "platform/log.hpp"
#include "sync/content/source_dir.hpp"
#include "sync/store/content_tables.hpp"
#include "sync/store/fts_tokenizer.hpp"
#include "sync/store/schema.hpp"

namespace kiosk::store {
namespace fs = std::filesystem;

namespace {

// Turning a rollback-journal file (a new one, or one from kiosk 1) into WAL needs it to itself for a
// moment, and SQLite answers SQLITE_BUSY at once there instead of calling the busy handler: two
// processes opening it together failed with "database is locked". Retry within the same wait.
void enter_wal(Database& db, int busy_timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (int pause_ms = 1;; pause_ms = std::min(pause_ms * 2, 50)) {
    try {
      db.exec("PRAGMA journal_mode=WAL");
      return;
    } catch (const SqliteError& e) {
      if (!e.busy() || std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
  }
}

void configure(Database& db, bool on_disk, int busy_timeout_ms, bool read_only = false) {
  // First: another process creating or migrating the file holds its lock for a moment, and a busy
  // database must be waited for, never taken for a broken one.
  db.exec("PRAGMA busy_timeout=" + std::to_string(busy_timeout_ms));
  register_kiosk_tokenizer(db.raw());
  if (on_disk && !read_only) {
    // WAL lets kioskctl read while the kiosk writes; FULL makes a commit survive a power cut.
    enter_wal(db, busy_timeout_ms);
    db.exec("PRAGMA synchronous=FULL");
  }
  db.exec("PRAGMA foreign_keys=ON");
}

// Only a file that is damaged, or not a database, or from a newer kiosk is set aside: anything else
// (busy, a read error, a full disk) can pass, and moving the live content aside would lose it.
bool unusable(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const SqliteError& e) {
    return e.corrupt();
  } catch (const NewerSchemaError&) {
    return true;
  } catch (...) {
    return false;
  }
}

std::string timestamp_for_filename() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// Moves the database and its -wal / -shm aside (they belong together: a WAL without its database
// would be replayed into the new file). Keeps only the newest broken copy to spare the SD card.
fs::path move_aside(const fs::path& db) {
  std::error_code ec;
  const std::string stem = db.filename().string() + ".broken-";
  for (const auto& entry : fs::directory_iterator(db.parent_path().empty() ? "." : db.parent_path(), ec)) {
    if (entry.path().filename().string().rfind(stem, 0) == 0) fs::remove(entry.path(), ec);
  }
  const fs::path target = db.string() + ".broken-" + timestamp_for_filename();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const fs::path from = db.string() + suffix;
    if (fs::exists(from, ec)) {
      fs::rename(from, target.string() + suffix, ec);
      if (ec) fs::remove(from, ec);  // cannot rename: get it out of the way at least
    }
  }
  return target;
}

Database open_existing(const fs::path& path, int schema_target, int busy_timeout_ms) {
  Database db = Database::open(path, /*create=*/false);
  configure(db, true, busy_timeout_ms);
  const std::string check = db.scalar_text("PRAGMA quick_check");
  if (check != "ok") throw SqliteError("the database failed its integrity check: " + check, SQLITE_CORRUPT);
  migrate(db, schema_target);
  check_tables(db);
  return db;
}

// For readers beside a running kiosk (kioskctl status and query, screenshots): no write, no
// migration, no recovery; a file that is not current is the kiosk's to upgrade.
Database open_read_only(const fs::path& path, int busy_timeout_ms) {
  Database db = Database::open(path, /*create=*/false, /*read_only=*/true);
  configure(db, true, busy_timeout_ms, /*read_only=*/true);
  const int version = schema_version(db);
  if (version > kSchemaVersion)
    throw NewerSchemaError("the database at " + path.string() + " is from a newer kiosk");
  if (version < kSchemaVersion || !content_table_changes(db).empty()) {
    throw std::runtime_error("the database at " + path.string() +
                             " is from an older kiosk; the kiosk upgrades it when it next starts");
  }
  check_tables(db);
  return db;
}

Database create_new(const fs::path& path, int schema_target, int busy_timeout_ms) {
  std::error_code ec;
  if (!path.parent_path().empty()) fs::create_directories(path.parent_path(), ec);
  Database db = Database::open(path, /*create=*/true);
  configure(db, true, busy_timeout_ms);
  migrate(db, schema_target);
  return db;
}

void load_baseline(Store& store, const OpenOptions& options, OpenReport& report) {
  if (!options.baseline_dir) return;
  const auto issues = import_source_dir(store, *options.baseline_dir, options.now, "baseline");
  if (issues.has_errors()) {
    for (const auto& i : issues.all()) {
      if (i.severity == content::Issue::Severity::error) report.baseline_problems.push_back(i.to_string());
    }
    log::error("the shipped baseline content is invalid and was not loaded: " + issues.summary());
    return;
  }
  report.baseline_loaded = true;
}

}  // namespace

std::unique_ptr<Store> Store::open(const OpenOptions& options, OpenReport* report_out) {
  OpenReport report;
  const int target = options.schema_version > 0 ? options.schema_version : kSchemaVersion;
  const fs::path blob_dir =
      options.blob_dir.empty() ? options.db_path.parent_path() / "blobs" : options.blob_dir;
  std::error_code ec;
  std::optional<Database> db;
  bool fresh = false;

  if (options.read_only) {
    std::unique_ptr<Store> store(new Store(open_read_only(options.db_path, options.busy_timeout_ms),
                                           BlobStore(blob_dir, /*read_only=*/true), options.db_path));
    if (report_out != nullptr) *report_out = std::move(report);
    return store;
  }
  if (fs::exists(options.db_path, ec)) {
    try {
      db = open_existing(options.db_path, target, options.busy_timeout_ms);
    } catch (const std::exception& e) {
      if (!unusable(std::current_exception())) {
        throw StoreUnavailable("the content database " + options.db_path.string() +
                               " cannot be opened now (" + e.what() + "); it was left as it is");
      }
      report.recovered = true;
      report.reason = e.what();
      report.moved_aside = move_aside(options.db_path);
      log::error("content database " + options.db_path.string() + " is unusable (" + report.reason +
                 "); moved aside to " + report.moved_aside.string() + " and rebuilding from the baseline");
    }
  } else {
    report.created = true;
  }
  if (!db) {
    try {
      db = create_new(options.db_path, target, options.busy_timeout_ms);
      fresh = true;
    } catch (const std::exception& e) {
      report.in_memory = true;
      report.reason += (report.reason.empty() ? "" : "; ") + std::string("cannot create ") +
                       options.db_path.string() + ": " + e.what();
      log::error("running from memory: " + report.reason);
      db = Database::open_memory();
      configure(*db, false, options.busy_timeout_ms);
      migrate(*db, target);
      fresh = true;
    }
  }

  std::optional<BlobStore> blobs;
  try {
    blobs.emplace(blob_dir);
  } catch (const std::exception& e) {
    const fs::path fallback = fs::temp_directory_path() / "kiosk-blobs";
    log::error(std::string(e.what()) + "; keeping images in " + fallback.string());
    blobs.emplace(fallback);
  }
  std::unique_ptr<Store> store(new Store(std::move(*db), std::move(*blobs), options.db_path));
  if (fresh) load_baseline(*store, options, report);
  if (report_out != nullptr) *report_out = std::move(report);
  return store;
}

void Store::replace_content(const content::Content& c, const content::VersionInfo& version) {
  Transaction tx(db_);
  delete_all_content(db_);
  insert_items(db_, c, "");
  write_meta(db_, c.meta);
  replace_images(db_, c.images);
  write_version(db_, version);
  tx.commit();
}

void Store::apply_pages(const PageDelta& delta,
                        const std::vector<std::pair<std::string, std::string>>& state) {
  Transaction tx(db_);
  for (const auto& page : delta.removed) delete_page(db_, page);
  for (const auto& [page, items] : delta.added) insert_items(db_, items, page);
  write_meta(db_, delta.meta);
  replace_images(db_, delta.images);
  write_version(db_, delta.version);
  for (const auto& [key, value] : state) set_state(key, value);
  tx.commit();  // foreign keys (events -> spaces) are checked here, across all pages
}

std::vector<std::string> Store::pages() const {
  return stored_pages(db_);
}

content::Content Store::load_content() const {
  return read_content(db_);
}

content::VersionInfo Store::version() const {
  return read_version(db_);
}

std::shared_ptr<const content::ContentSnapshot> Store::snapshot() const {
  // One read transaction, so the rows and the version are of the same commit.
  Database& db = const_cast<Database&>(db_);
  db.exec("BEGIN");
  try {
    auto content = read_content(db_);
    auto version = read_version(db_);
    db.exec("COMMIT");
    return content::ContentSnapshot::build(std::move(content), std::move(version), blobs_.dir());
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
}

std::vector<SearchHit> Store::search(std::string_view query, int limit) const {
  std::vector<SearchHit> hits;
  const std::string match = fts_match_expression(query);
  if (match.empty()) return hits;
  // Ranking (bm25) costs time for every match: ~30 ms for a word that is in all 20,000 items. A word
  // that common says nothing about relevance, so rank only selective queries and list the rest in
  // content order; both stay within a few milliseconds.
  constexpr int kRankedCap = 400;
  Statement probe = db_.prepare("SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ?1 LIMIT ?2)");
  probe.bind_all(match, kRankedCap);
  const bool selective = probe.step() && probe.int64(0) < kRankedCap;
  Statement s =
      db_.prepare(selective ? "SELECT kind, item_id FROM search WHERE search MATCH ?1 ORDER BY rank LIMIT ?2"
                            : "SELECT kind, item_id FROM search WHERE search MATCH ?1 LIMIT ?2");
  s.bind_all(match, limit);
  while (s.step()) hits.push_back(SearchHit{s.text(0), s.text(1)});
  return hits;
}

std::string Store::integrity_check() const {
  return db_.scalar_text("PRAGMA integrity_check");
}

std::optional<std::string> Store::state(const std::string& key) const {
  Statement s = db_.prepare("SELECT value FROM sync_state WHERE key = ?1");
  s.bind_all(key);
  if (s.step()) return s.text(0);
  return std::nullopt;
}

void Store::set_state(const std::string& key, const std::string& value) {
  db_.prepare("INSERT OR REPLACE INTO sync_state VALUES(?1, ?2)").bind_all(key, value).run();
}

content::Issues import_source_dir(Store& store, const fs::path& dir, content::UnixSeconds now,
                                  const std::string& origin) {
  content::Issues issues;
  content::LoadOptions load;
  load.rebase_sample_to = now;
  content::SourceDir source = content::load_source_dir(dir, issues, load);
  if (issues.has_errors()) return issues;
  // Images first: a crash after this leaves harmless orphans; the rows never point at a missing file.
  for (const auto& image : source.content.images) {
    if (store.blobs().has(image.sha256)) continue;
    store.blobs().put(image.sha256, platform::read_file(source.image_files.at(image.name),
                                                        static_cast<std::size_t>(image.bytes)));
  }
  content::VersionInfo version;
  version.origin = origin;
  version.applied_at = now;
  store.replace_content(source.content, version);
  return issues;
}

}  // namespace kiosk::store
