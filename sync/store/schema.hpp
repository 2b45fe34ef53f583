#pragma once
// The database schema as a list of migrations; PRAGMA user_version records how many have run.
// A migration only ever adds to the list: never edit one that has shipped.
#include "sync/store/sqlite.hpp"

namespace kiosk::store {

inline constexpr int kSchemaVersion = 2;

// Brings the database from its user_version up to `target` (<= kSchemaVersion), one transaction
// per step. Throws SqliteError; throws std::runtime_error when the file is newer than this program.
void migrate(Database& db, int target = kSchemaVersion);

int schema_version(const Database& db);

// Throws SqliteError (as corruption) when a table the database's schema version promises is missing:
// a file that says "version 2" but lacks a version-2 table would otherwise fail on the first query,
// after the store had been opened, instead of being set aside and rebuilt.
void check_tables(const Database& db);

}  // namespace kiosk::store
