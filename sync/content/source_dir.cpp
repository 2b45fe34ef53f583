#include "sync/content/source_dir.hpp"

#include <algorithm>
#include <system_error>

#include "platform/files.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/image_decode.hpp"
#include "sync/content/image_probe.hpp"
#include "sync/content/limits.hpp"
#include "sync/content/sample_dates.hpp"
#include "sync/content/sha256.hpp"
#include "sync/content/validate.hpp"

namespace kiosk::content {
namespace fs = std::filesystem;

namespace {

void load_images(const fs::path& dir, const LoadOptions& options, SourceDir& out, Issues& issues) {
  const fs::path images = dir / "images";
  std::error_code ec;
  if (!fs::is_directory(images, ec)) return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(images, ec)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // deterministic order for deterministic publishing
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    std::string bytes;
    try {
      bytes = platform::read_file(file, limits::kMaxSourceImageBytes);
    } catch (const platform::FileError& e) {
      issues.error("images/" + name, "", "", "", e.what());
      continue;
    }
    const auto size = probe_image(bytes);
    std::string sha = sha256_hex(bytes);
    const bool decode = options.decode_images && options.decoded_before.count(sha) == 0;
    const std::string problem = !size || !within_pixel_cap(*size) || decode ? image_problem(bytes) : "";
    if (!problem.empty()) {
      issues.error("images/" + name, "", "", "", problem);
      continue;
    }
    out.content.images.push_back(
        ImageRef{name, std::move(sha), static_cast<std::int64_t>(bytes.size()), size->width, size->height});
    out.image_files[name] = file;
  }
}

}  // namespace

SourceDir load_source_dir(const fs::path& dir, Issues& issues, const LoadOptions& options) {
  SourceDir out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    issues.error(dir.string(), "", "", "", "is not a directory");
    return out;
  }
  std::size_t total_bytes = 0;
  for (Collection c : kAllCollections) {
    const std::string file = collection_file(c);
    const fs::path path = dir / file;
    if (!fs::exists(path, ec)) {
      if (c == Collection::meta)
        issues.error(file, "", "", "", "is missing (it holds the content's title)");
      else
        issues.warning(file, "", "", "", "is missing; that screen will be empty");
      continue;
    }
    try {
      const std::string bytes = platform::read_file(path, limits::kMaxSourceFileBytes);
      total_bytes += bytes.size();
      parse_collection(c, file, bytes, out.content, issues);
    } catch (const platform::FileError& e) {
      issues.error(file, "", "", "", e.what());
    }
  }
  if (total_bytes > limits::kMaxContentBytes) {
    issues.error(
        dir.string(), "", "", "",
        "the content files hold " + std::to_string(total_bytes / (1024 * 1024)) +
            " MB together; the limit is " + std::to_string(limits::kMaxContentBytes / (1024 * 1024)) +
            " MB, because a kiosk keeps all of it in memory: remove past events or shorten long texts");
  }
  load_images(dir, options, out, issues);
  if (options.rebase_sample_to) rebase_sample_content(out.content, *options.rebase_sample_to);
  validate(out.content, issues);
  return out;
}

}  // namespace kiosk::content
