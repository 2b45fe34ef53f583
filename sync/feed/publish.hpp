#pragma once
// `kioskctl publish`: a content source directory becomes a new feed version in FEED_DIR, a tree of
// plain files any static HTTPS host can serve (nginx, an object store, a CDN):
//   root.json  timestamp.json  manifests/<version>.json  objects/<sha256>
// Written objects first, manifest next, timestamp last (each atomically), so a kiosk polling during a
// publish sees the old version or the new one, never a mix. Equal input gives equal bytes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sync/content/time.hpp"

namespace kiosk::feed {

struct PublishOptions {
  content::UnixSeconds now = 0;                         // published_at, and "today" for sample content
  content::UnixSeconds timestamp_lifetime = 48 * 3600;  // kiosks refuse an older timestamp (freeze attacks)
  content::UnixSeconds manifest_lifetime = 365LL * 86400;
  int keep_versions = 5;  // older manifests and their objects are removed
};

struct PublishReport {
  bool published = false;    // false: validation failed, nothing written
  bool new_version = false;  // false: content unchanged, only the timestamp was re-signed
  std::int64_t version = 0;
  std::size_t pages = 0, images = 0;
  std::size_t objects_written = 0, objects_reused = 0, objects_removed = 0;
  std::size_t images_reused = 0;      // taken from an earlier publish without being decoded or encoded again
  std::vector<std::string> problems;  // every validation error, "file: kind "id": field: message"
};

PublishReport publish(const std::filesystem::path& source_dir, const std::filesystem::path& keys_dir,
                      const std::filesystem::path& feed_dir, const PublishOptions& options);

// Re-signs timestamp.json for the current version with a new expiry, touching nothing else: what a
// publisher that keeps running does instead of a daily re-publish. Returns the version, or nullopt
// when there is nothing to re-sign or the manifest itself expires within 30 days (publish then).
std::optional<std::int64_t> resign_timestamp(const std::filesystem::path& keys_dir,
                                             const std::filesystem::path& feed_dir,
                                             const PublishOptions& options);

}  // namespace kiosk::feed
