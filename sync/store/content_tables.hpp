#pragma once
// Rows <-> the content model. The content tables' columns are derived from sync/content/fields.hpp.
#include <string>

#include "sync/content/model.hpp"
#include "sync/content/snapshot.hpp"
#include "sync/store/sqlite.hpp"

namespace kiosk::store {

// Inserts every item of `content`, tagged with `page` (empty for a whole-directory import).
// Also indexes events and resources for search. Call inside a transaction. Meta is not touched.
void insert_items(Database& db, const content::Content& content, const std::string& page);
void write_meta(Database& db, const content::Meta& meta);
void replace_images(Database& db, const std::vector<content::ImageRef>& images);
void delete_all_content(Database& db);
// Deletes every item that came from `page` (and its search entries).
void delete_page(Database& db, const std::string& page);
std::vector<std::string> stored_pages(const Database& db);
content::Content read_content(const Database& db);

void write_version(Database& db, const content::VersionInfo& version);
content::VersionInfo read_version(const Database& db);

void rebuild_search_index(Database& db);

// Creates the item tables (spaces, events, ...) with the columns fields.hpp defines.
void create_content_tables(Database& db);
// The ALTER TABLE statements that bring existing item tables to those columns: a column added for a
// new field, one dropped for a field that is gone. Empty when the tables are current.
std::vector<std::string> content_table_changes(const Database& db);

}  // namespace kiosk::store
