#include "sync/store/schema.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "sync/store/content_tables.hpp"

namespace kiosk::store {
namespace {

// v1: the content tables. Every item row remembers the feed page it came from (empty for imports)
// so that a sync can replace one page without touching the rest; `ord` keeps the staff's order.
constexpr const char* kV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE spaces(
  id TEXT PRIMARY KEY, page TEXT NOT NULL, ord INTEGER NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, address_zh TEXT NOT NULL, address_en TEXT NOT NULL,
  hours_zh TEXT NOT NULL, hours_en TEXT NOT NULL, description_zh TEXT NOT NULL, description_en TEXT NOT NULL,
  kiosk_ids TEXT NOT NULL, booking_url TEXT NOT NULL, sample INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE events(
  id TEXT PRIMARY KEY, page TEXT NOT NULL, ord INTEGER NOT NULL,
  space_id TEXT NOT NULL REFERENCES spaces(id) DEFERRABLE INITIALLY DEFERRED,
  category TEXT NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  summary_zh TEXT NOT NULL, summary_en TEXT NOT NULL, body_zh TEXT NOT NULL, body_en TEXT NOT NULL,
  venue_zh TEXT NOT NULL, venue_en TEXT NOT NULL, organiser_zh TEXT NOT NULL, organiser_en TEXT NOT NULL,
  start INTEGER NOT NULL, end INTEGER NOT NULL, registration_url TEXT NOT NULL, poster TEXT NOT NULL,
  capacity INTEGER NOT NULL, registered INTEGER NOT NULL, status TEXT NOT NULL,
  status_note_zh TEXT NOT NULL, status_note_en TEXT NOT NULL, keywords TEXT NOT NULL,
  sample INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX events_by_start ON events(start);
CREATE INDEX events_by_page ON events(page);
CREATE TABLE desks(
  id TEXT PRIMARY KEY, page TEXT NOT NULL, ord INTEGER NOT NULL,
  space_id TEXT NOT NULL REFERENCES spaces(id) DEFERRABLE INITIALLY DEFERRED,
  zone_zh TEXT NOT NULL, zone_en TEXT NOT NULL, label TEXT NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, status_at INTEGER NOT NULL, max_age_s INTEGER NOT NULL, until INTEGER,
  booking_url TEXT NOT NULL, sample INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX desks_by_page ON desks(page);
CREATE TABLE resources(
  id TEXT PRIMARY KEY, page TEXT NOT NULL, ord INTEGER NOT NULL, category TEXT NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, summary_zh TEXT NOT NULL, summary_en TEXT NOT NULL,
  provider_zh TEXT NOT NULL, provider_en TEXT NOT NULL, location_zh TEXT NOT NULL, location_en TEXT NOT NULL,
  hours_zh TEXT NOT NULL, hours_en TEXT NOT NULL, contact_zh TEXT NOT NULL, contact_en TEXT NOT NULL,
  booking_zh TEXT NOT NULL, booking_en TEXT NOT NULL, booking_url TEXT NOT NULL,
  voucher_eligible INTEGER NOT NULL, keywords TEXT NOT NULL, image TEXT NOT NULL,
  sample INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX resources_by_page ON resources(page);
CREATE TABLE indicators(
  id TEXT PRIMARY KEY, page TEXT NOT NULL, ord INTEGER NOT NULL, grp TEXT NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, unit_zh TEXT NOT NULL, unit_en TEXT NOT NULL,
  source_zh TEXT NOT NULL, source_en TEXT NOT NULL, note_zh TEXT NOT NULL, note_en TEXT NOT NULL,
  direction TEXT NOT NULL, baseline_year INTEGER, baseline_value REAL,
  target_year INTEGER NOT NULL, target_value REAL NOT NULL, decimals INTEGER NOT NULL,
  weight REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE indicator_series(
  indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ord INTEGER NOT NULL, period TEXT NOT NULL, value REAL NOT NULL, sample INTEGER NOT NULL,
  PRIMARY KEY(indicator_id, ord)) WITHOUT ROWID;
CREATE TABLE notices(
  id TEXT PRIMARY KEY, page TEXT NOT NULL, ord INTEGER NOT NULL, priority TEXT NOT NULL,
  title_zh TEXT NOT NULL, title_en TEXT NOT NULL, body_zh TEXT NOT NULL, body_en TEXT NOT NULL,
  starts INTEGER NOT NULL, ends INTEGER NOT NULL, kiosk_ids TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE images(
  name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,
  width INTEGER NOT NULL, height INTEGER NOT NULL) WITHOUT ROWID;
)sql";

// v2: full-text search in both languages (see fts_tokenizer.hpp), filled from the rows v1 holds;
// search_rows gives each indexed item a rowid, so a sync that replaces one page can delete its items
// from the index directly (FTS5 cannot look rows up by an UNINDEXED column without a full scan).
// And a small key/value table for the sync engine's own state (trusted root, ETag, time floor, status).
constexpr const char* kV2 = R"sql(
CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, item_id UNINDEXED, body, tokenize='kiosk', prefix='1 2 3');
CREATE TABLE search_rows(rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, item_id TEXT NOT NULL, UNIQUE(kind, item_id));
CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
)sql";

struct Migration {
  const char* sql;
  void (*then)(Database&);  // data work that SQL alone should not duplicate
};

const Migration kMigrations[] = {{kV1, nullptr}, {kV2, rebuild_search_index}};
static_assert(std::size(kMigrations) == kSchemaVersion);

}  // namespace

int schema_version(const Database& db) {
  return static_cast<int>(db.scalar_int("PRAGMA user_version"));
}

void check_tables(const Database& db) {
  static const char* const kTables[][3] = {{"events", "images", "meta"},
                                           {"search", "search_rows", "sync_state"}};
  const int version = std::min(schema_version(db), kSchemaVersion);
  for (int v = 0; v < version; ++v) {
    for (const char* table : kTables[v]) {
      Statement s = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = ?1");
      s.bind(1, std::string_view(table));
      if (!s.step() || s.int64(0) == 0) {
        throw SqliteError(
            "the database says schema " + std::to_string(version) + " but has no table \"" + table + "\"",
            SQLITE_CORRUPT);
      }
    }
  }
}

void migrate(Database& db, int target) {
  const int current = schema_version(db);
  if (current > kSchemaVersion) {
    throw std::runtime_error("the database was written by a newer kiosk (schema " + std::to_string(current) +
                             ", this program knows " + std::to_string(kSchemaVersion) + ")");
  }
  for (int v = current; v < target; ++v) {
    Transaction tx(db);
    db.exec(kMigrations[v].sql);
    if (kMigrations[v].then != nullptr) kMigrations[v].then(db);
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

}  // namespace kiosk::store
