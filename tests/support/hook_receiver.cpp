#include "tests/support/hook_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace kiosk::test {

HookReceiver::HookReceiver() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    throw std::runtime_error("hook receiver: cannot listen");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

HookReceiver::~HookReceiver() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::vector<std::string> HookReceiver::wait_for(std::size_t count, double seconds) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return bodies_.size() >= count; });
  return bodies_;
}

void HookReceiver::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    std::string request;
    char buffer[4096];
    std::size_t body_at = std::string::npos, length = 0;
    for (;;) {
      pollfd c{client, POLLIN, 0};
      if (::poll(&c, 1, 2000) <= 0) break;
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request.append(buffer, static_cast<std::size_t>(n));
      if (body_at == std::string::npos && (body_at = request.find("\r\n\r\n")) != std::string::npos) {
        body_at += 4;
        for (const char* name : {"Content-Length:", "content-length:"}) {
          if (auto at = request.find(name); at != std::string::npos)
            length = std::stoul(request.substr(at + 15));
        }
      }
      if (body_at != std::string::npos && request.size() >= body_at + length) break;
    }
    const std::string reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    ::send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
    ::close(client);
    if (body_at != std::string::npos) {
      std::lock_guard lock(mutex_);
      bodies_.push_back(request.substr(body_at));
      cv_.notify_all();
    }
  }
}

}  // namespace kiosk::test
