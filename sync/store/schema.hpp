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

}  // namespace kiosk::store
