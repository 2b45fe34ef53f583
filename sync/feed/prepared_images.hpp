#pragma once
// What earlier publishes made of each source image, so that publishing again — the console does it on
// every desk tap — does not decode, scale and re-encode images that did not change. Kept in the feed
// directory as `.prepared-images.json`: a publisher's cache, never fetched by kiosks, safe to delete
// (the next publish prepares every image again). An entry counts only while its object is on disk.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sync/feed/feed_model.hpp"

namespace kiosk::feed {

struct PreparedRef {
  ObjectRef object;
  int width = 0, height = 0;
};

class PreparedImages {
 public:
  // A missing, damaged or older-profile cache file is an empty cache, never an error.
  static PreparedImages load(const std::filesystem::path& feed_dir);

  // The prepared object for a source image's SHA-256, if it is still intact in the feed.
  std::optional<PreparedRef> find(const std::string& source_sha256) const;
  std::vector<std::string> sources() const;  // every source SHA-256 with an intact prepared object
  void remember(const std::string& source_sha256, const PreparedRef& prepared);

  // Writes the entries whose objects are still on disk (old versions' objects may have been removed).
  void save() const;

 private:
  std::filesystem::path feed_dir_;
  std::map<std::string, PreparedRef> entries_;
};

}  // namespace kiosk::feed
