#pragma once
// The database schema as a list of migrations; PRAGMA user_version records how many have run.
// A migration only ever adds to the list: never edit one that has shipped.
#include <stdexcept>

#include "sync/store/sqlite.hpp"

namespace kiosk::store {

inline constexpr int kSchemaVersion = 2;

// The file was written by a newer kiosk (a package downgrade): not corruption, but not readable.
class NewerSchemaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Brings the database from its user_version up to `target` (<= kSchemaVersion), one transaction
// per step, then (at the latest version) the item tables to the fields of sync/content/fields.hpp.
// Safe when several processes open the same new or old file at once: each step re-reads the
// version inside its write transaction, so a step another process finished is not run twice.
// Throws SqliteError, or NewerSchemaError.
void migrate(Database& db, int target = kSchemaVersion);

int schema_version(const Database& db);

// Throws SqliteError (as corruption) when a table the database's schema version promises is missing:
// a file that says "version 2" but lacks a version-2 table would otherwise fail on the first query,
// after the store had been opened, instead of being set aside and rebuilt.
void check_tables(const Database& db);

}  // namespace kiosk::store
