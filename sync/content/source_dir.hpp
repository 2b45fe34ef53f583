#pragma once
// Loading a content *source* directory (docs/content-format.md): what staff edit and publish from,
// and what the kiosk ships as its baseline and demo content.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "sync/content/issues.hpp"
#include "sync/content/model.hpp"

namespace kiosk::content {

struct SourceDir {
  Content content;
  std::map<std::string, std::filesystem::path> image_files;  // image name -> file on disk
};

struct LoadOptions {
  // Sample content with an anchor is moved so that its anchor day is the day of `now`.
  std::optional<UnixSeconds> rebase_sample_to;
  // Decode every image to its last byte (`check`, publishing, the console). Off for a kiosk's own
  // baseline import, on its start-up path: a header check and the pixel cap only.
  bool decode_images = false;
  // Source images (by SHA-256) already decoded in full by an earlier publish: the same bytes cannot
  // fail now, so they get the header check only.
  std::set<std::string> decoded_before;
};

// Reads, parses and validates every file. Never throws on bad content: problems land in `issues`
// (check issues.has_errors() before using the result).
SourceDir load_source_dir(const std::filesystem::path& dir, Issues& issues, const LoadOptions& options = {});

}  // namespace kiosk::content
