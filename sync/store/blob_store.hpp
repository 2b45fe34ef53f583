#pragma once
// Content-addressed files (images and feed objects) under one directory, named by their SHA-256.
// A blob is written temp -> fsync -> rename -> fsync(dir) and only after its hash was checked, so a
// file that exists under a hash name is whole and is that hash.
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

namespace kiosk::store {

class BlobStore {
 public:
  // Creates the directory if needed (unless only reading).
  explicit BlobStore(std::filesystem::path dir, bool read_only = false);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path path_of(const std::string& sha256) const { return dir_ / sha256; }
  bool has(const std::string& sha256) const;

  // Verifies that `bytes` hash to `sha256`, then stores them durably. Throws std::runtime_error
  // (hash mismatch) or platform::FileError (disk full, read-only ...).
  void put(const std::string& sha256, std::string_view bytes);
  // Reads and re-verifies a blob; throws when missing or damaged.
  std::string get(const std::string& sha256, std::size_t max_bytes) const;
  bool verify(const std::string& sha256) const;

  // Deletes every blob (and leftover temp file) not in `keep`; returns how many files went.
  std::size_t remove_except(const std::set<std::string>& keep);
  std::int64_t total_bytes() const;

 private:
  std::filesystem::path dir_;
};

}  // namespace kiosk::store
