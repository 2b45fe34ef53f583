#include "console/core/console_db.hpp"

#include <stdexcept>

namespace kiosk::console {
namespace {

// v1. Items keep the content-format JSON of one item (canonical: compact, keys sorted) plus what
// the console needs around it: the space it belongs to (for per-space roles and approval), the
// staff's order, and a revision for conflict detection. Publications remember each item's body
// hash; bodies are stored once however many publications share them.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE users(
  name TEXT PRIMARY KEY, role TEXT NOT NULL, spaces TEXT NOT NULL, password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL, disabled INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE tokens(
  name TEXT PRIMARY KEY, role TEXT NOT NULL, spaces TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE TABLE sessions(
  id_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE login_throttle(
  name TEXT PRIMARY KEY, failures INTEGER NOT NULL, blocked_until INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE items(
  collection TEXT NOT NULL, id TEXT NOT NULL, space TEXT NOT NULL, ord INTEGER NOT NULL,
  body TEXT NOT NULL, revision INTEGER NOT NULL, updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL,
  PRIMARY KEY(collection, id)) WITHOUT ROWID;
CREATE TABLE pending(
  id INTEGER PRIMARY KEY, collection TEXT NOT NULL, item_id TEXT NOT NULL, space TEXT NOT NULL,
  body TEXT, base_revision INTEGER NOT NULL, proposed_by TEXT NOT NULL, proposed_at INTEGER NOT NULL);
CREATE TABLE images(
  name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, width INTEGER NOT NULL,
  height INTEGER NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE bodies(sha256 TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE publications(
  version INTEGER PRIMARY KEY, published_at INTEGER NOT NULL, published_by TEXT NOT NULL,
  reason TEXT NOT NULL, added INTEGER NOT NULL, changed INTEGER NOT NULL, removed INTEGER NOT NULL);
CREATE TABLE publication_items(
  version INTEGER NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, ord INTEGER NOT NULL,
  sha256 TEXT NOT NULL, PRIMARY KEY(version, collection, id)) WITHOUT ROWID;
CREATE TABLE space_policy(space TEXT PRIMARY KEY, approval TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE audit(
  seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, origin TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
)sql";

// v2: the fleet. Kiosks with the hash of their token (or of a pairing code not used yet); their
// state changes (not every beat: beats live in memory and are flushed every half minute); the
// commands staff sent; and screenshots, whose images are files under screenshots/.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE kiosks(
  id TEXT PRIMARY KEY, space TEXT NOT NULL, added_at INTEGER NOT NULL, added_by TEXT NOT NULL,
  pair_code_hash TEXT, pair_expires INTEGER, token_hash TEXT UNIQUE, paired_at INTEGER,
  revoked_at INTEGER, last_seen INTEGER NOT NULL DEFAULT 0, heartbeat_s REAL NOT NULL DEFAULT 60,
  facts TEXT NOT NULL DEFAULT '{}', state TEXT NOT NULL DEFAULT 'pairing', state_since INTEGER NOT NULL DEFAULT 0)
  WITHOUT ROWID;
CREATE TABLE kiosk_events(
  id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, at INTEGER NOT NULL, state TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX kiosk_events_by_kiosk ON kiosk_events(kiosk_id, id);
CREATE TABLE kiosk_commands(
  id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL, created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL, sent_at INTEGER, done_at INTEGER, result TEXT, reason TEXT);
CREATE INDEX kiosk_commands_by_kiosk ON kiosk_commands(kiosk_id, id);
CREATE TABLE screenshots(
  command_id INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL, taken_at INTEGER NOT NULL, mime TEXT NOT NULL,
  bytes INTEGER NOT NULL, file TEXT NOT NULL);
CREATE INDEX screenshots_by_kiosk ON screenshots(kiosk_id, taken_at);
)sql";

constexpr int kSchemaVersion = 2;

void migrate(store::Database& db, std::int64_t from) {
  store::Transaction tx(db);
  if (from < 1) db.exec(kSchemaV1);
  if (from < 2) db.exec(kSchemaV2);
  db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
  tx.commit();
}

void configure(store::Database& db) {
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=FULL");
  db.exec("PRAGMA busy_timeout=5000");
  db.exec("PRAGMA foreign_keys=ON");
}

}  // namespace

std::filesystem::path console_db_path(const std::filesystem::path& data_dir) {
  return data_dir / "console.db";
}

std::unique_ptr<ConsoleDb> ConsoleDb::create(const std::filesystem::path& data_dir) {
  const auto file = console_db_path(data_dir);
  if (std::filesystem::exists(file)) {
    throw std::runtime_error(file.string() + " already exists: this data directory is set up already");
  }
  std::filesystem::create_directories(data_dir / "images");
  std::filesystem::create_directories(data_dir / "screenshots");
  auto db = store::Database::open(file, true);
  configure(db);
  migrate(db, 0);
  return std::unique_ptr<ConsoleDb>(new ConsoleDb(data_dir, std::move(db)));
}

std::unique_ptr<ConsoleDb> ConsoleDb::open(const std::filesystem::path& data_dir) {
  const auto file = console_db_path(data_dir);
  if (!std::filesystem::exists(file)) {
    throw std::runtime_error("no console database in " + data_dir.string() +
                             ": run `kiosk-console init --data-dir " + data_dir.string() + " ...` first");
  }
  auto db = store::Database::open(file, false);
  configure(db);
  const auto version = db.scalar_int("PRAGMA user_version");
  if (version < 1 || version > kSchemaVersion) {
    throw std::runtime_error(file.string() + " has schema version " + std::to_string(version) +
                             ", this program knows versions 1 to " + std::to_string(kSchemaVersion) +
                             (version > kSchemaVersion ? ": it was made by a newer kiosk-console" : ""));
  }
  if (version < kSchemaVersion) migrate(db, version);  // in one transaction: all or nothing
  std::filesystem::create_directories(data_dir / "images");
  return std::unique_ptr<ConsoleDb>(new ConsoleDb(data_dir, std::move(db)));
}

std::string ConsoleDb::setting(const std::string& key) {
  return with([&](store::Database& db) {
    auto st = db.prepare("SELECT value FROM settings WHERE key=?1");
    st.bind(1, key);
    return st.step() ? st.text(0) : std::string();
  });
}

void ConsoleDb::set_setting(const std::string& key, const std::string& value) {
  with([&](store::Database& db) {
    db.prepare(
          "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET "
          "value=excluded.value")
        .bind_all(key, value)
        .run();
  });
}

}  // namespace kiosk::console
