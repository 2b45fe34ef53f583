#include "sync/store/schema.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "sync/store/content_tables.hpp"

namespace kiosk::store {
namespace {

// v1: the content tables. Every item row remembers the feed page it came from (empty for imports)
// so that a sync can replace one page without touching the rest; `ord` keeps the staff's order.
// The item tables' columns come from sync/content/fields.hpp (create_content_tables); a field added
// or removed later is reconciled on open (content_table_changes), not by a numbered migration.
constexpr const char* kV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE indicator_series(
  indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ord INTEGER NOT NULL, period TEXT NOT NULL, value REAL NOT NULL, sample INTEGER NOT NULL,
  PRIMARY KEY(indicator_id, ord)) WITHOUT ROWID;
CREATE TABLE images(
  name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,
  width INTEGER NOT NULL, height INTEGER NOT NULL) WITHOUT ROWID;
)sql";

void create_item_tables(Database& db) {
  create_content_tables(db);
  db.exec(
      "CREATE INDEX events_by_start ON events(start); CREATE INDEX events_by_page ON events(page);"
      "CREATE INDEX desks_by_page ON desks(page); CREATE INDEX resources_by_page ON resources(page);");
}

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

const Migration kMigrations[] = {{kV1, create_item_tables}, {kV2, rebuild_search_index}};
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

namespace {

void check_not_newer(int version) {
  if (version > kSchemaVersion) {
    throw NewerSchemaError("the database was written by a newer kiosk (schema " + std::to_string(version) +
                           ", this program knows " + std::to_string(kSchemaVersion) + ")");
  }
}

// Item tables as fields.hpp defines them, before a step reads content through them.
void reconcile_item_tables(Database& db) {
  for (const auto& change : content_table_changes(db)) db.exec(change);
}

}  // namespace

void migrate(Database& db, int target) {
  // Read first, so that opening a current database (nearly always) takes no write lock.
  const int seen = schema_version(db);
  check_not_newer(seen);
  if (seen >= target && (target != kSchemaVersion || content_table_changes(db).empty())) return;
  for (;;) {
    Transaction tx(db);
    const int v = schema_version(db);  // another process may have migrated meanwhile
    check_not_newer(v);
    if (v >= target) {
      if (target == kSchemaVersion) reconcile_item_tables(db);
      tx.commit();
      return;
    }
    db.exec(kMigrations[v].sql);
    if (kMigrations[v].then != nullptr) {
      reconcile_item_tables(db);
      kMigrations[v].then(db);
    }
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

}  // namespace kiosk::store
