#pragma once
// A content database exactly as the first kiosks wrote it (schema version 1), for migration tests.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "sync/store/sqlite.hpp"

namespace kiosk::test {

// The schema version 1 of the first kiosks, byte for byte: a database in the field looks like this.
// (Since then the item tables are derived from sync/content/fields.hpp; this fixture must not be.)
inline constexpr const char* kShippedV1 = R"sql(
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

// Writes a version 1 database the way a v1 kiosk did, with one space and one resource. `without`
// removes the resources' column of that name from the shipped schema: a database from before that
// field existed.
inline void write_v1_database(const std::filesystem::path& path, const std::string& without = {}) {
  std::string sql = kShippedV1;
  if (!without.empty()) {
    const std::string column = " " + without + " TEXT NOT NULL,";
    const auto at = sql.find(column, sql.find("CREATE TABLE resources"));
    REQUIRE(at != std::string::npos);
    sql.erase(at, column.size());
  }
  auto db = store::Database::open(path, true);
  db.exec(sql);
  db.exec("PRAGMA user_version = 1");
  db.exec("BEGIN");
  db.exec("INSERT INTO spaces VALUES('tjab','',0,'TjAb 众创空间','TjAb','泰达','TEDA','','','','','','',1)");
  db.exec(without == "keywords"
              ? "INSERT INTO resources VALUES('res-hpc','',0,'supercomputing','国家超级计算天津中心','NSCC "
                "Tianjin',"
                "'','','','','','','','','','','','','',1,'',1)"
              : "INSERT INTO resources VALUES('res-hpc','',0,'supercomputing','国家超级计算天津中心','NSCC "
                "Tianjin',"
                "'','','','','','','','','','','','','',1,'超算 chaosuan','',1)");
  db.exec("INSERT INTO meta VALUES('version','5')");
  db.exec("COMMIT");
}

}  // namespace kiosk::test
