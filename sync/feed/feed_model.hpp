#pragma once
// What the three signed files say (docs/feed-protocol.md and docs/schemas/*.json describe them for
// any service that wants to publish): root (which keys to trust), timestamp (which manifest is
// current), manifest (every page and image of one immutable version).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/content/content_json.hpp"
#include "sync/content/model.hpp"
#include "sync/feed/ed25519.hpp"

namespace kiosk::feed {

// Size caps, checked while bytes arrive (the server's word about lengths is not trusted).
inline constexpr std::size_t kMaxRootBytes = 64 * 1024;
inline constexpr std::size_t kMaxTimestampBytes = 16 * 1024;
inline constexpr std::size_t kMaxManifestBytes = 8 * 1024 * 1024;
inline constexpr std::size_t kMaxPageBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxImageBytes = 8 * 1024 * 1024;

struct Root {
  std::int64_t version = 0;
  content::UnixSeconds expires = 0;
  std::vector<PublicKey> root_keys;
  int root_threshold = 1;
  std::vector<PublicKey> online_keys;  // sign timestamps and manifests
};

struct ObjectRef {
  std::string sha256;
  std::int64_t length = 0;
};

struct Timestamp {
  std::int64_t version = 0;  // the current manifest version
  content::UnixSeconds published_at = 0;
  content::UnixSeconds expires = 0;
  ObjectRef manifest;
};

struct PageRef {
  content::Collection collection = content::Collection::events;
  ObjectRef object;
  std::int64_t items = 0;
};

struct ImageEntry {
  std::string name;
  ObjectRef object;
  int width = 0, height = 0;
};

struct Manifest {
  std::int64_t version = 0;
  content::UnixSeconds published_at = 0;
  content::UnixSeconds expires = 0;
  content::Meta meta;
  std::vector<PageRef> pages;
  std::vector<ImageEntry> images;
  // Everything this version needs on disk.
  std::vector<ObjectRef> objects() const;
  bool same_content(const Manifest& other) const;  // pages, images and meta equal
};

std::string to_payload(const Root& r);
std::string to_payload(const Timestamp& t);
std::string to_payload(const Manifest& m);

// Throw FeedError(malformed) naming the file and the problem.
Root parse_root(std::string_view payload);
Timestamp parse_timestamp(std::string_view payload);
Manifest parse_manifest(std::string_view payload);

std::string manifest_path(std::int64_t version);     // "manifests/12.json"
std::string object_path(const std::string& sha256);  // "objects/ab12..."

}  // namespace kiosk::feed
