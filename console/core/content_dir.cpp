#include "console/core/content_dir.hpp"

#include "console/core/item_check.hpp"
#include "platform/files.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/limits.hpp"
#include "sync/content/source_dir.hpp"

namespace kiosk::console {
namespace fs = std::filesystem;
using nlohmann::json;

void write_collection_file(const content::Content& content, content::Collection c, const fs::path& dir) {
  const auto items = collection_items(c, content);
  json doc;
  if (c == content::Collection::meta) {
    doc = items.front();
  } else {
    doc = json{{std::string(content::collection_name(c)), json::array()}};
    for (const auto& item : items) doc.front().push_back(item);
  }
  platform::write_file_atomic(dir / content::collection_file(c), doc.dump(2) + "\n");
}

void write_content_dir(const content::Content& content, const fs::path& image_store, const fs::path& out) {
  fs::create_directories(out);
  for (content::Collection c : content::kAllCollections) write_collection_file(content, c, out);
  fs::remove_all(out / "images");
  if (!content.images.empty()) fs::create_directories(out / "images");
  for (const auto& image : content.images) {
    const fs::path from = image_store / image.sha256;
    std::error_code ec;
    fs::create_hard_link(from, out / "images" / image.name, ec);
    if (ec) fs::copy_file(from, out / "images" / image.name, fs::copy_options::overwrite_existing);
  }
}

std::vector<std::string> import_content_dir(ConsoleDb& db, ItemStore& items, const fs::path& dir,
                                            const Principal& who, content::UnixSeconds now) {
  content::Issues issues;
  // Sample content (the demo) is pinned to today on import: the console edits concrete dates, and a
  // desk status set on the board must not be shifted again by the publisher.
  content::LoadOptions load;
  load.rebase_sample_to = now;
  load.decode_images = true;
  content::SourceDir source = content::load_source_dir(dir, issues, load);
  std::vector<std::string> problems;
  for (const auto& issue : issues.all()) {
    if (issue.severity == content::Issue::Severity::error) problems.push_back(issue.to_string());
  }
  if (!problems.empty()) return problems;
  for (const auto& image : source.content.images) {
    const fs::path stored = db.image_dir() / image.sha256;
    if (!fs::exists(stored)) {
      platform::write_file_atomic(stored, platform::read_file(source.image_files.at(image.name),
                                                              content::limits::kMaxSourceImageBytes));
    }
  }
  items.replace_all(who, source.content, "import", now);
  return problems;
}

}  // namespace kiosk::console
