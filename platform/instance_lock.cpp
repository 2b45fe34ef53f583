#include "platform/instance_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "platform/files.hpp"

namespace kiosk::platform {

std::optional<InstanceLock> InstanceLock::try_acquire(const std::filesystem::path& file, std::string* why) {
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  // Someone else's file (e.g. left by `sudo kioskctl sync`): flock works on a read-only descriptor
  // too; only the pid inside cannot be updated.
  if (fd < 0 && errno == EACCES) fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (why) *why = "cannot open the lock file " + file.string() + ": " + describe_errno(errno);
    return std::nullopt;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char pid[32] = {};
    const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    std::string holder = n > 0 ? std::string(pid, static_cast<std::size_t>(n)) : std::string("?");
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd);
    if (why) {
      *why = err == EWOULDBLOCK
                 ? "another kiosk (pid " + holder + ") is already using " + file.parent_path().string() +
                       "; stop it first (sudo systemctl stop kiosk)"
                 : "cannot lock " + file.string() + ": " + describe_errno(err);
    }
    return std::nullopt;
  }
  const std::string text = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) < 0) {
    // The lock holds without the pid; only the message for a second copy gets vaguer.
  }
  return InstanceLock(fd);
}

InstanceLock::~InstanceLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace kiosk::platform
