#pragma once
// One kiosk per data directory. A second copy (a developer starting it by hand next to the service,
// or kioskctl sync during a sync) would fight over the database and the screen. flock(2) is released
// by the kernel when the holder dies, so a crash never leaves a stale lock behind.
#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::platform {

class InstanceLock {
 public:
  // Takes the lock on `file` (created if needed) and records our pid in it. On failure returns
  // nullopt and sets `why` to something staff can act on, naming the holder's pid.
  static std::optional<InstanceLock> try_acquire(const std::filesystem::path& file, std::string* why);

  InstanceLock(InstanceLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  InstanceLock& operator=(InstanceLock&&) = delete;
  InstanceLock(const InstanceLock&) = delete;
  ~InstanceLock();

 private:
  explicit InstanceLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace kiosk::platform
