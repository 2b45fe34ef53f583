#pragma once
// One of our programs run as a child process, the way systemd or staff run it: real exit codes,
// real signals. Output goes to a log file the test can show when something fails.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::test {

class ChildProcess {
 public:
  // `argv[0]` is looked up in PATH; `env` entries ("NAME=value") are added to this process's.
  ChildProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
               const std::filesystem::path& log);
  ~ChildProcess();  // kills a child that is still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig) const;
  // The exit status (or 128 + signal) once it ended, waiting up to `seconds`; nullopt if still running.
  std::optional<int> wait(double seconds);
  std::string log() const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path log_;
  std::optional<int> status_;
};

}  // namespace kiosk::test
