#include "sync/feed/prepared_images.hpp"

#include <nlohmann/json.hpp>
#include <system_error>

#include "platform/files.hpp"
#include "sync/feed/images.hpp"

namespace kiosk::feed {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxCacheBytes = 16 * 1024 * 1024;

fs::path cache_file(const fs::path& feed_dir) {
  return feed_dir / ".prepared-images.json";
}

bool object_intact(const fs::path& feed_dir, const ObjectRef& object) {
  std::error_code ec;
  const auto size = fs::file_size(feed_dir / object_path(object.sha256), ec);
  return !ec && static_cast<std::int64_t>(size) == object.length;
}

}  // namespace

PreparedImages PreparedImages::load(const fs::path& feed_dir) {
  PreparedImages cache;
  cache.feed_dir_ = feed_dir;
  try {
    const auto doc = nlohmann::json::parse(platform::read_file(cache_file(feed_dir), kMaxCacheBytes));
    if (doc.at("profile").get<int>() != kPrepareProfile) return cache;
    for (const auto& [source, e] : doc.at("images").items()) {
      PreparedRef ref{ObjectRef{e.at("sha256").get<std::string>(), e.at("length").get<std::int64_t>()},
                      e.at("width").get<int>(), e.at("height").get<int>()};
      cache.entries_[source] = ref;
    }
  } catch (const std::exception&) {
    cache.entries_.clear();  // no cache yet, or a damaged one: prepare everything again
  }
  return cache;
}

std::optional<PreparedRef> PreparedImages::find(const std::string& source_sha256) const {
  const auto it = entries_.find(source_sha256);
  if (it == entries_.end() || !object_intact(feed_dir_, it->second.object)) return std::nullopt;
  return it->second;
}

std::vector<std::string> PreparedImages::sources() const {
  std::vector<std::string> out;
  for (const auto& [source, ref] : entries_) {
    if (object_intact(feed_dir_, ref.object)) out.push_back(source);
  }
  return out;
}

void PreparedImages::remember(const std::string& source_sha256, const PreparedRef& prepared) {
  entries_[source_sha256] = prepared;
}

void PreparedImages::save() const {
  nlohmann::json images = nlohmann::json::object();
  for (const auto& [source, ref] : entries_) {
    if (!object_intact(feed_dir_, ref.object)) continue;
    images[source] = {{"sha256", ref.object.sha256},
                      {"length", ref.object.length},
                      {"width", ref.width},
                      {"height", ref.height}};
  }
  const nlohmann::json doc = {{"profile", kPrepareProfile}, {"images", images}};
  platform::write_file_atomic(cache_file(feed_dir_), doc.dump(1) + "\n");
}

}  // namespace kiosk::feed
