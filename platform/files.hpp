#pragma once
// File I/O that survives power cuts and says what went wrong in words staff can act on.
// Writes go temp -> fsync -> rename -> fsync(dir): after a crash the file is either the old or the
// new version, never a torn mix (the bare-ofstream anti-pattern of signage players).
#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kiosk::platform {

class FileError : public std::runtime_error {
 public:
  FileError(const std::string& message, int error_number)
      : std::runtime_error(message), errno_(error_number) {}
  int error_number() const { return errno_; }
  bool disk_full() const;

 private:
  int errno_;
};

// "disk full (no space left on device)" rather than "ENOSPC".
std::string describe_errno(int error_number);

// Reads a whole file, refusing files larger than max_bytes before reading them.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes);

// `mode` is set at creation (0600 for a secret: never readable by others, not even for a moment).
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes, unsigned mode = 0644);
void fsync_directory(const std::filesystem::path& dir);

// Free bytes for an unprivileged user on the filesystem holding `path`; -1 if unknown.
long long free_bytes(const std::filesystem::path& path);

// Test hook: the next writes fail with `error_number` once `budget` more bytes were written.
// Lets the suite prove "disk full" handling without a real full disk; inert unless armed.
void inject_write_failure_after(long long budget, int error_number);
void clear_injected_write_failure();

}  // namespace kiosk::platform
