#pragma once
// What the sync engine tells people: the state struct the staff overlay and the home badge draw
// every frame, and that `kioskctl status` prints. Errors are sentences staff can act on; the code
// is for logs, tests and monitoring.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sync/content/time.hpp"

namespace kiosk::sync {

// Every value of SyncStatus::state: the kiosk's UI has words for each in both languages.
inline constexpr std::array<std::string_view, 7> kSyncStates = {
    "idle", "checking", "downloading", "applying", "up_to_date", "updated", "error"};

struct SyncStatus {
  std::string state = "idle";  // one of kSyncStates
  bool configured = false;
  std::optional<content::UnixSeconds> offline_since;  // first failure of the current streak
  content::UnixSeconds last_attempt = 0;
  content::UnixSeconds last_success = 0;
  std::string last_error;       // empty after a success
  std::string last_error_code;  // feed::failure_code()
  std::int64_t current_version = 0;
  content::UnixSeconds current_published_at = 0;
  std::int64_t rejected_version = 0;  // the newest version refused as invalid (0: none)
  int failures = 0;                   // consecutive
  content::UnixSeconds next_attempt = 0;
  // The last thing the engine decided about time (a publish time from the future not used, a time
  // floor reset): empty when signed times and the clock agree.
  std::string time_note;

  std::string to_json() const;
  static SyncStatus from_json(const std::string& text);  // defaults on anything unreadable
  // A few lines for a terminal.
  std::string describe() const;
};

}  // namespace kiosk::sync
