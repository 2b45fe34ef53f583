#pragma once
// The last known good content: a copy of the database and its images, taken once a version has run
// for a while without the kiosk crashing. Safe mode (platform/start_journal.hpp) starts from it when
// new content — or anything else — makes the kiosk crash-loop.
//
// The copy is SQLite's online backup of one read transaction, written to a temp file, fsynced and
// renamed, so a power cut leaves the previous copy or the new one. Images are hard links to the
// content-addressed blobs (no second copy on the SD card; the sync's garbage collection of blobs/
// cannot take them away).
#include <filesystem>
#include <memory>
#include <optional>

#include "sync/content/model.hpp"
#include "sync/store/store.hpp"

namespace kiosk::store {

struct KnownGoodPaths {
  std::filesystem::path db;     // <data>/known-good.db
  std::filesystem::path blobs;  // <data>/known-good-blobs/
  static KnownGoodPaths in(const std::filesystem::path& data_dir);
};

// Replaces the known-good copy with the store's current content. Throws (disk full, ...) leaving
// the previous copy whole.
void save_known_good(Store& store, const KnownGoodPaths& to);

// The version the copy holds, or nullopt when there is none (or it cannot be read).
std::optional<content::VersionInfo> known_good_version(const KnownGoodPaths& at);

// Opens a scratch working copy of the known-good content at `scratch_db` (replaced on each call) with
// its images; the known-good copy itself is never written. nullptr when there is no usable copy.
std::unique_ptr<Store> open_known_good(const KnownGoodPaths& at, const std::filesystem::path& scratch_db,
                                       OpenReport* report = nullptr);

}  // namespace kiosk::store
