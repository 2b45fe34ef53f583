#include "sync/feed/publish.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "platform/files.hpp"
#include "sync/content/sha256.hpp"
#include "sync/content/source_dir.hpp"
#include "sync/feed/feed_error.hpp"
#include "sync/feed/feed_model.hpp"
#include "sync/feed/images.hpp"
#include "sync/feed/keys.hpp"
#include "sync/feed/pagination.hpp"
#include "sync/feed/prepared_images.hpp"
#include "sync/feed/signed_file.hpp"

namespace kiosk::feed {
namespace fs = std::filesystem;

namespace {

// The payload of one of our own signed files (we trust what we wrote; kiosks verify).
std::string payload_of(const std::string& envelope) {
  const std::size_t end = envelope.find("\n\n");
  if (end == std::string::npos) throw std::runtime_error("a feed file in the output directory is damaged");
  return envelope.substr(end + 2);
}

// Versions only go up, even if timestamp.json was rolled back by hand: never reuse a number.
std::int64_t newest_manifest_version(const fs::path& feed) {
  std::int64_t newest = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(feed / "manifests", ec)) {
    try {
      newest = std::max<std::int64_t>(newest, std::stoll(entry.path().filename().string()));
    } catch (...) {
    }
  }
  return newest;
}

std::optional<Manifest> previous_manifest(const fs::path& feed) {
  std::error_code ec;
  if (!fs::exists(feed / "timestamp.json", ec)) return std::nullopt;
  const Timestamp t =
      parse_timestamp(payload_of(platform::read_file(feed / "timestamp.json", kMaxTimestampBytes)));
  return parse_manifest(payload_of(platform::read_file(feed / manifest_path(t.version), kMaxManifestBytes)));
}

// Writes an object unless an intact copy is there; counts either way.
void put_object(const fs::path& feed, const std::string& sha, const std::string& bytes,
                PublishReport& report) {
  const fs::path file = feed / object_path(sha);
  std::error_code ec;
  if (fs::exists(file, ec) && static_cast<std::size_t>(fs::file_size(file, ec)) == bytes.size()) {
    ++report.objects_reused;
    return;
  }
  platform::write_file_atomic(file, bytes);
  ++report.objects_written;
}

void remove_old_versions(const fs::path& feed, std::int64_t current, int keep, PublishReport& report) {
  std::error_code ec;
  std::set<std::string> referenced;
  for (const auto& entry : fs::directory_iterator(feed / "manifests", ec)) {
    const std::string name = entry.path().filename().string();
    std::int64_t version = 0;
    try {
      version = std::stoll(name);
    } catch (...) {
      continue;
    }
    if (version <= current - keep) {
      fs::remove(entry.path(), ec);
      continue;
    }
    const Manifest m = parse_manifest(payload_of(platform::read_file(entry.path(), kMaxManifestBytes)));
    for (const auto& o : m.objects()) referenced.insert(o.sha256);
  }
  for (const auto& entry : fs::directory_iterator(feed / "objects", ec)) {
    if (!referenced.count(entry.path().filename().string()) && fs::remove(entry.path(), ec))
      ++report.objects_removed;
  }
}

// Static hosts derive ETag and Last-Modified from the file's modification time in whole seconds
// (nginx: "mtime-size"). Two publishes within one second with equal sizes would then look unchanged
// and kiosks would keep getting 304. So every new timestamp.json gets a strictly later mtime.
void write_timestamp(const fs::path& file, const std::string& bytes, content::UnixSeconds now) {
  std::error_code ec;
  struct stat old {};
  const bool existed = ::stat(file.c_str(), &old) == 0;
  const std::string before = existed ? platform::read_file(file, kMaxTimestampBytes) : std::string();
  if (existed && before == bytes) return;
  platform::write_file_atomic(file, bytes);
  const long long mtime = std::max<long long>(now, existed ? static_cast<long long>(old.st_mtime) + 1 : now);
  const timespec times[2] = {{static_cast<time_t>(mtime), 0}, {static_cast<time_t>(mtime), 0}};
  ::utimensat(AT_FDCWD, file.c_str(), times, 0);
}

void sign_timestamp(const fs::path& feed_dir, const PrivateKey& online, const Manifest& m,
                    const std::string& manifest_bytes, const PublishOptions& options) {
  Timestamp t;
  t.version = m.version;
  t.published_at = m.published_at;
  t.expires = options.now + options.timestamp_lifetime;
  t.manifest =
      ObjectRef{content::sha256_hex(manifest_bytes), static_cast<std::int64_t>(manifest_bytes.size())};
  write_timestamp(feed_dir / "timestamp.json", make_signed("timestamp", to_payload(t), {&online}),
                  options.now);
}

// Whether the manifest was signed by `online`: after an online key rotation it was not, and kiosks
// that trust only the new key could not read it. Such a manifest is published again, not reused.
bool signed_by(const std::string& manifest_bytes, const PrivateKey& online) {
  try {
    open_signed("manifest", manifest_bytes, {online.public_key()});
    return true;
  } catch (const FeedError&) {
    return false;
  }
}

}  // namespace

std::optional<std::int64_t> resign_timestamp(const fs::path& keys_dir, const fs::path& feed_dir,
                                             const PublishOptions& options) {
  const std::optional<Manifest> current = previous_manifest(feed_dir);
  if (!current || current->expires - options.now <= 30LL * 86400) return std::nullopt;
  const std::string manifest_bytes =
      platform::read_file(feed_dir / manifest_path(current->version), kMaxManifestBytes);
  const PrivateKey online = PrivateKey::load(KeyPaths(keys_dir).online_key());
  if (!signed_by(manifest_bytes, online)) return std::nullopt;  // the key was rotated: publish anew
  sign_timestamp(feed_dir, online, *current, manifest_bytes, options);
  return current->version;
}

PublishReport publish(const fs::path& source_dir, const fs::path& keys_dir, const fs::path& feed_dir,
                      const PublishOptions& options) {
  PublishReport report;
  content::Issues issues;
  content::LoadOptions load;
  load.rebase_sample_to = options.now;
  load.decode_images = true;
  PreparedImages prepared_before = PreparedImages::load(feed_dir);
  for (const std::string& sha : prepared_before.sources()) load.decoded_before.insert(sha);
  content::SourceDir source = content::load_source_dir(source_dir, issues, load);
  if (issues.has_errors()) {
    for (const auto& i : issues.all()) {
      if (i.severity == content::Issue::Severity::error) report.problems.push_back(i.to_string());
    }
    return report;
  }
  const KeyPaths keys(keys_dir);
  const PrivateKey online = PrivateKey::load(keys.online_key());
  std::error_code ec;
  fs::create_directories(feed_dir / "objects", ec);
  fs::create_directories(feed_dir / "manifests", ec);

  Manifest m;
  m.meta = source.content.meta;
  m.meta.sample_anchor.reset();  // published content is concrete
  for (const auto& image : source.content.images) {
    if (const auto known = prepared_before.find(image.sha256)) {
      ++report.objects_reused;
      ++report.images_reused;
      m.images.push_back(ImageEntry{image.name, known->object, known->width, known->height});
      continue;
    }
    PreparedImage prepared;
    try {
      prepared = prepare_image(
          platform::read_file(source.image_files.at(image.name), static_cast<std::size_t>(image.bytes)));
    } catch (const std::exception& e) {  // changed on disk since it was checked: name it, write nothing
      report.problems.push_back("images/" + image.name + ": " + e.what());
      return report;
    }
    const ObjectRef object{content::sha256_hex(prepared.bytes),
                           static_cast<std::int64_t>(prepared.bytes.size())};
    put_object(feed_dir, object.sha256, prepared.bytes, report);
    prepared_before.remember(image.sha256, PreparedRef{object, prepared.width, prepared.height});
    m.images.push_back(ImageEntry{image.name, object, prepared.width, prepared.height});
  }
  for (const Page& page : paginate(source.content)) {
    put_object(feed_dir, page.sha256, page.bytes, report);
    m.pages.push_back(PageRef{page.collection,
                              ObjectRef{page.sha256, static_cast<std::int64_t>(page.bytes.size())},
                              static_cast<std::int64_t>(page.items)});
  }
  report.pages = m.pages.size();
  report.images = m.images.size();

  // Same content as the current version: keep it (kiosks download nothing) and only re-sign the
  // timestamp, unless the manifest itself is about to expire or was signed by a rotated-out key.
  const std::optional<Manifest> previous = previous_manifest(feed_dir);
  std::string manifest_bytes;
  if (previous && previous->same_content(m) && previous->expires - options.now > 30LL * 86400) {
    manifest_bytes = platform::read_file(feed_dir / manifest_path(previous->version), kMaxManifestBytes);
  }
  if (!manifest_bytes.empty() && signed_by(manifest_bytes, online)) {
    m = *previous;
  } else {
    m.version = std::max(previous ? previous->version : 0, newest_manifest_version(feed_dir)) + 1;
    m.published_at = options.now;
    m.expires = options.now + options.manifest_lifetime;
    manifest_bytes = make_signed("manifest", to_payload(m), {&online});
    platform::write_file_atomic(feed_dir / manifest_path(m.version), manifest_bytes);
    report.new_version = true;
  }
  sign_timestamp(feed_dir, online, m, manifest_bytes, options);
  // root.json travels with the feed so kiosks can learn a rotated online key, and every root
  // version stays under roots/ so a kiosk that missed several rotations can walk the chain.
  const std::string root_bytes = platform::read_file(keys.root_json(), kMaxRootBytes);
  const Root root = parse_root(payload_of(root_bytes));
  fs::create_directories(feed_dir / "roots", ec);
  platform::write_file_atomic(feed_dir / "roots" / (std::to_string(root.version) + ".json"), root_bytes);
  platform::write_file_atomic(feed_dir / "root.json", root_bytes);
  remove_old_versions(feed_dir, m.version, std::max(1, options.keep_versions), report);
  prepared_before.save();
  report.version = m.version;
  report.published = true;
  return report;
}

}  // namespace kiosk::feed
