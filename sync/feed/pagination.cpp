#include "sync/feed/pagination.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sync/content/sha256.hpp"

namespace kiosk::feed {
namespace {

using nlohmann::json;

std::size_t bucket_count(std::size_t items) {
  std::size_t buckets = 1;
  while (buckets * kTargetPageItems < items)
    buckets *= 2;  // a power of two: stable while the set grows slowly
  return buckets;
}

template <class T>
void add_pages(content::Collection c, const std::vector<T>& items, bool bucketed, std::vector<Page>& out) {
  if (items.empty()) return;
  const std::string key(content::collection_name(c));
  std::vector<std::vector<const T*>> buckets(bucketed ? bucket_count(items.size()) : 1);
  for (const T& item : items) buckets[bucketed ? bucket_of(item.id, buckets.size()) : 0].push_back(&item);
  for (auto& bucket : buckets) {
    if (bucket.empty()) continue;
    if (bucketed) {
      std::sort(bucket.begin(), bucket.end(), [](const T* a, const T* b) { return a->id < b->id; });
    }
    json doc;
    doc[key] = json::array();
    for (const T* item : bucket) doc[key].push_back(content::to_json(*item));
    Page page;
    page.collection = c;
    page.bytes = doc.dump();
    page.sha256 = content::sha256_hex(page.bytes);
    page.items = bucket.size();
    out.push_back(std::move(page));
  }
}

}  // namespace

std::size_t bucket_of(const std::string& id, std::size_t buckets) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : id) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  return static_cast<std::size_t>(h % buckets);
}

std::vector<Page> paginate(const content::Content& c) {
  std::vector<Page> pages;
  add_pages(content::Collection::spaces, c.spaces, false, pages);
  add_pages(content::Collection::events, c.events, true, pages);
  add_pages(content::Collection::desks, c.desks, true, pages);
  add_pages(content::Collection::resources, c.resources, true, pages);
  add_pages(content::Collection::indicators, c.indicators, false, pages);
  add_pages(content::Collection::notices, c.notices, false, pages);
  return pages;
}

}  // namespace kiosk::feed
