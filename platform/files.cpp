#include "platform/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

namespace kiosk::platform {
namespace {

std::atomic<long long> g_fault_budget{-1};
std::atomic<int> g_fault_errno{0};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int err) {
  throw FileError(what + " " + path.string() + ": " + describe_errno(err), err);
}

// Consumes the injected budget; returns the errno to fail with, or 0.
int injected_failure(std::size_t bytes) {
  long long budget = g_fault_budget.load();
  if (budget < 0) return 0;
  if (static_cast<long long>(bytes) > budget) {
    g_fault_budget = 0;
    return g_fault_errno.load();
  }
  g_fault_budget = budget - static_cast<long long>(bytes);
  return 0;
}

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  if (int err = injected_failure(bytes.size()); err != 0) fail("cannot write", path, err);
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", path, errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace

bool FileError::disk_full() const {
  return errno_ == ENOSPC || errno_ == EDQUOT;
}

std::string describe_errno(int err) {
  switch (err) {
    case ENOSPC:
      return "disk full (no space left on device)";
    case EDQUOT:
      return "disk quota exceeded";
    case EROFS:
      return "the filesystem is read-only (check the data partition and overlayroot)";
    case EACCES:
    case EPERM:
      return "permission denied (check the owner of the data directory)";
    case ENOENT:
      return "no such file or directory";
    case EIO:
      return "input/output error (the SD card may be failing)";
    default:
      return std::strerror(err);
  }
}

std::string read_file(const std::filesystem::path& path, std::size_t max_bytes) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail("cannot open", path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) fail("cannot stat", path, errno);
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    throw FileError(path.string() + " is " + std::to_string(st.st_size) + " bytes, more than the limit of " +
                        std::to_string(max_bytes),
                    EFBIG);
  }
  std::string out;
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < out.size()) {
    ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot read", path, errno);
    }
    if (n == 0) break;  // file shrank while reading
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return out;
}

void fsync_directory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) fail("cannot open directory", dir, errno);
  if (::fsync(fd.get()) != 0 && errno != EINVAL) fail("cannot sync directory", dir, errno);
}

void write_file_atomic(const std::filesystem::path& path, std::string_view bytes, unsigned mode) {
  const auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  // A unique temp name: two writers (kiosk and kioskctl) must never share a temp file.
  std::random_device rd;
  const auto tmp = dir / ("." + path.filename().string() + ".tmp-" + std::to_string(rd()));
  {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode)));
    if (fd.get() < 0) fail("cannot create", tmp, errno);
    try {
      write_all(fd.get(), bytes, tmp);
      if (::fsync(fd.get()) != 0) fail("cannot sync", tmp, errno);
    } catch (...) {
      ::unlink(tmp.c_str());
      throw;
    }
    if (::close(fd.release()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      fail("cannot close", tmp, err);
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    fail("cannot rename into place", path, err);
  }
  fsync_directory(dir);
}

long long free_bytes(const std::filesystem::path& path) {
  struct statvfs st {};
  if (::statvfs(path.c_str(), &st) != 0) return -1;
  return static_cast<long long>(st.f_bavail) * static_cast<long long>(st.f_frsize);
}

void inject_write_failure_after(long long budget, int error_number) {
  g_fault_errno = error_number;
  g_fault_budget = budget;
}

void clear_injected_write_failure() {
  g_fault_budget = -1;
}

}  // namespace kiosk::platform
