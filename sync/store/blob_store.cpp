#include "sync/store/blob_store.hpp"

#include <stdexcept>
#include <system_error>

#include "platform/files.hpp"
#include "sync/content/sha256.hpp"

namespace kiosk::store {
namespace fs = std::filesystem;

BlobStore::BlobStore(fs::path dir, bool read_only) : dir_(std::move(dir)) {
  if (read_only) return;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) {
    throw platform::FileError(
        "cannot create the blob directory " + dir_.string() + ": " + platform::describe_errno(ec.value()),
        ec.value());
  }
}

bool BlobStore::has(const std::string& sha256) const {
  std::error_code ec;
  return content::is_sha256_hex(sha256) && fs::is_regular_file(path_of(sha256), ec);
}

void BlobStore::put(const std::string& sha256, std::string_view bytes) {
  if (!content::is_sha256_hex(sha256)) throw std::runtime_error("\"" + sha256 + "\" is not a SHA-256 name");
  const std::string actual = content::sha256_hex(bytes);
  if (actual != sha256) {
    throw std::runtime_error("object " + sha256.substr(0, 12) + " does not match its hash (got " +
                             actual.substr(0, 12) + "): it was damaged or tampered with on the way");
  }
  platform::write_file_atomic(path_of(sha256), bytes);
}

std::string BlobStore::get(const std::string& sha256, std::size_t max_bytes) const {
  std::string bytes = platform::read_file(path_of(sha256), max_bytes);
  if (content::sha256_hex(bytes) != sha256) {
    throw std::runtime_error("stored object " + sha256.substr(0, 12) + " is damaged on disk");
  }
  return bytes;
}

bool BlobStore::verify(const std::string& sha256) const {
  try {
    get(sha256, static_cast<std::size_t>(1) << 31);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::size_t BlobStore::remove_except(const std::set<std::string>& keep) {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (keep.count(name)) continue;
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  if (removed > 0) {
    try {
      platform::fsync_directory(dir_);
    } catch (const platform::FileError&) {
      // Removal is best effort: a blob that reappears after a crash is removed next time.
    }
  }
  return removed;
}

std::int64_t BlobStore::total_bytes() const {
  std::int64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (entry.is_regular_file(ec)) total += static_cast<std::int64_t>(entry.file_size(ec));
  }
  return total;
}

}  // namespace kiosk::store
