#pragma once
// A datagram socket standing in for systemd's $NOTIFY_SOCKET: sets the variable for this process
// (and the programs it starts), records every message with its arrival time.
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::test {

class FakeSystemd {
 public:
  explicit FakeSystemd(const std::filesystem::path& socket_path);
  ~FakeSystemd();
  FakeSystemd(const FakeSystemd&) = delete;
  FakeSystemd& operator=(const FakeSystemd&) = delete;

  struct Message {
    double at;  // when the kernel received it (wall-clock seconds; compare them with each other only)
    std::string text;
  };
  // Everything that arrived since the last call.
  std::vector<Message> drain();
  // Waits up to `seconds` for a message containing `needle`; returns it, or "" on timeout. Messages
  // read meanwhile are kept for the next drain().
  std::string wait_for(const std::string& needle, double seconds);

 private:
  int fd_ = -1;
  std::vector<Message> pending_;
};

int count_containing(const std::vector<FakeSystemd::Message>& messages, const std::string& needle);

}  // namespace kiosk::test
