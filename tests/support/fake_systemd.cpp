#include "tests/support/fake_systemd.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace kiosk::test {
namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double wall_s() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

FakeSystemd::FakeSystemd(const std::filesystem::path& path) {
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (fd_ < 0 || path.string().size() >= sizeof addr.sun_path)
    throw std::runtime_error("cannot make a notify socket");
  std::strcpy(addr.sun_path, path.c_str());
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("cannot bind " + path.string());
  const int on = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_TIMESTAMP, &on, sizeof on);  // the kernel stamps each arrival
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
}

FakeSystemd::~FakeSystemd() {
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  ::close(fd_);
}

std::vector<FakeSystemd::Message> FakeSystemd::drain() {
  std::vector<Message> out = std::move(pending_);
  pending_.clear();
  char buf[4096];
  for (;;) {
    iovec iov{buf, sizeof buf};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timeval))];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    const ssize_t n = ::recvmsg(fd_, &msg, MSG_DONTWAIT);
    if (n <= 0) break;
    double at = wall_s();
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMP) {
        timeval tv{};
        std::memcpy(&tv, CMSG_DATA(c), sizeof tv);
        at = static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
      }
    }
    out.push_back({at, std::string(buf, static_cast<std::size_t>(n))});
  }
  return out;
}

std::string FakeSystemd::wait_for(const std::string& needle, double seconds) {
  const double end = now_s() + seconds;
  for (;;) {
    for (auto& m : drain()) pending_.push_back(std::move(m));
    for (const auto& m : pending_) {
      if (m.text.find(needle) != std::string::npos) return m.text;
    }
    const double left = end - now_s();
    if (left <= 0) return "";
    pollfd p{fd_, POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(std::min(left, 0.2) * 1000) + 1);
  }
}

int count_containing(const std::vector<FakeSystemd::Message>& messages, const std::string& needle) {
  int n = 0;
  for (const auto& m : messages) n += m.text.find(needle) != std::string::npos;
  return n;
}

}  // namespace kiosk::test
