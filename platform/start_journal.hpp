#pragma once
// Crash-loop protection. Every start is written down (durably, before anything else can crash) and
// crossed off at a clean exit. When the previous three starts inside ten minutes all ended without a
// clean exit — killed by the watchdog, a crash, an abort — this start is in safe mode: the app shows
// its last known good content and does not sync (the new content is the likeliest cause). If safe
// mode crash-loops too, the next level is the content shipped in the package.
//
// Times within one boot come from CLOCK_BOOTTIME (the wall clock of a board without an RTC may jump
// by years when NTP answers); across boots only the wall clock is left.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "platform/clock.hpp"

namespace kiosk::platform {

enum class SafeMode { off = 0, last_known_good = 1, shipped_content = 2 };

struct StartContext {
  std::string boot_id;  // /proc/sys/kernel/random/boot_id
  double boot_s = 0;    // CLOCK_BOOTTIME
  WallSeconds wall = 0;
};
StartContext current_start(const std::filesystem::path& root = "/");

struct StartRecord {
  StartContext at;
  bool clean = false;  // ended by a clean exit
  SafeMode mode = SafeMode::off;
};

struct StartPolicy {
  int crashes = 3;        // unclean starts ...
  double window_s = 600;  // ... this close together
  std::size_t keep = 20;  // records kept in the file
};

class StartJournal {
 public:
  // Reads the journal, decides this start's mode, and records this start as not (yet) clean.
  // A missing or unreadable file is an empty history; a file that cannot be written leaves the
  // kiosk running normally (it is reported in problem()).
  static StartJournal begin(const std::filesystem::path& file, const StartContext& now,
                            StartPolicy policy = {});
  static std::vector<StartRecord> read(const std::filesystem::path& file);

  SafeMode mode() const { return mode_; }
  int recent_crashes() const { return recent_crashes_; }
  // "3 crashed starts in the last 10 minutes: showing the last known good content, not syncing".
  std::string reason() const;
  const std::string& problem() const { return problem_; }

  void mark_clean_exit();

 private:
  void save();
  std::filesystem::path file_;
  std::vector<StartRecord> records_;
  SafeMode mode_ = SafeMode::off;
  int recent_crashes_ = 0;
  double window_s_ = 600;
  std::size_t keep_ = 20;
  std::string problem_;
};

const char* safe_mode_name(SafeMode mode);

}  // namespace kiosk::platform
