#include "platform/input_wait.hpp"

#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace kiosk::platform {

InputWaiter::InputWaiter(std::string pattern, std::chrono::milliseconds rescan_every)
    : pattern_(std::move(pattern)), rescan_every_(rescan_every) {
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  rescan();
}

InputWaiter::~InputWaiter() {
  for (auto& [path, fd] : fds_) ::close(fd);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

void InputWaiter::rescan() {
  last_scan_ = std::chrono::steady_clock::now();
  glob_t g{};
  std::vector<std::string> present;
  if (::glob(pattern_.c_str(), 0, nullptr, &g) == 0) {
    for (std::size_t i = 0; i < g.gl_pathc; ++i) present.emplace_back(g.gl_pathv[i]);
  }
  ::globfree(&g);
  // Close devices that went away, open new ones (unreadable ones are skipped: not in the input group).
  for (auto it = fds_.begin(); it != fds_.end();) {
    if (std::find(present.begin(), present.end(), it->first) == present.end()) {
      ::close(it->second);
      it = fds_.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& path : present) {
    const bool open_already =
        std::any_of(fds_.begin(), fds_.end(), [&](const auto& entry) { return entry.first == path; });
    if (open_already) continue;
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) fds_.emplace_back(path, fd);
  }
}

bool InputWaiter::wait(std::chrono::milliseconds timeout) {
  if (std::chrono::steady_clock::now() - last_scan_ > rescan_every_) rescan();
  std::vector<pollfd> polls;
  polls.push_back({wake_fd_, POLLIN, 0});
  for (const auto& [path, fd] : fds_) polls.push_back({fd, POLLIN, 0});
  const int ms = static_cast<int>(std::clamp<long long>(timeout.count(), 0, rescan_every_.count()));
  int n;
  do {
    n = ::poll(polls.data(), polls.size(), ms);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  char buf[4096];
  std::vector<int> gone;
  for (std::size_t i = 0; i < polls.size(); ++i) {
    if ((polls[i].revents & POLLIN) != 0) {
      // Drain our copy; SDL reads the events from its own descriptors.
      while (::read(polls[i].fd, buf, sizeof buf) > 0) {
      }
    } else if (i > 0 && (polls[i].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
      gone.push_back(polls[i].fd);  // unplugged: forget it, or poll would return at once forever
    }
  }
  for (int fd : gone) {
    ::close(fd);
    fds_.erase(std::remove_if(fds_.begin(), fds_.end(), [fd](const auto& e) { return e.second == fd; }),
               fds_.end());
  }
  return true;
}

void InputWaiter::wake() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

}  // namespace kiosk::platform
