#pragma once
// How a content set becomes immutable, content-addressed pages. Large collections (events, desks,
// resources) are split into buckets by a hash of the item id, so changing one event re-publishes the
// one page it lives in, not every page after it (as cutting a sorted list into runs would). Small
// collections (spaces, indicators, notices) are one page each and keep the staff's order.
#include <string>
#include <vector>

#include "sync/content/content_json.hpp"
#include "sync/content/model.hpp"

namespace kiosk::feed {

inline constexpr std::size_t kTargetPageItems = 64;

struct Page {
  content::Collection collection = content::Collection::events;
  std::string bytes;  // {"events": [...]}, compact, deterministic
  std::string sha256;
  std::size_t items = 0;
};

// Deterministic: equal content gives byte-identical pages in the same order.
std::vector<Page> paginate(const content::Content& c);

// The bucket of an id among `buckets` (FNV-1a 64: stable across machines and versions).
std::size_t bucket_of(const std::string& id, std::size_t buckets);

}  // namespace kiosk::feed
