#pragma once
// The content-directory format (docs/content-format.md) in and out of the console: what staff had
// before the console, what `kioskctl check` and `kioskctl publish` read, and what the console hands
// to the publisher. Files are written with sorted keys and two-space indentation, so import then
// export gives the same bytes every time.
#include <filesystem>
#include <string>
#include <vector>

#include "console/core/console_db.hpp"
#include "console/core/items.hpp"
#include "sync/content/model.hpp"

namespace kiosk::console {

// Writes meta.json, one file per collection and images/ (copied from the console's image store).
void write_content_dir(const content::Content& content, const std::filesystem::path& image_store,
                       const std::filesystem::path& out);

// Writes one collection's file (meta.json, events.json ...) into a content directory.
void write_collection_file(const content::Content& content, content::Collection c,
                           const std::filesystem::path& dir);

// Loads and validates a content directory, then replaces the draft with it and copies its images
// into the store. Sample content (meta.sample_anchor) is moved to today first. Returns the
// validation errors (nothing is changed when there are any).
std::vector<std::string> import_content_dir(ConsoleDb& db, ItemStore& items, const std::filesystem::path& dir,
                                            const Principal& who, content::UnixSeconds now);

}  // namespace kiosk::console
