#pragma once
// What a kiosk's last heartbeat and its age say about it, as one state (the worst that holds) and
// the set of everything that holds. Pure: the thresholds are a policy, "now" is an argument, so
// offline detection and every state are tested exactly.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/content/time.hpp"

namespace kiosk::console {

// Worst first: the fleet page sorts by this order.
enum class KioskState {
  offline,          // no heartbeat for longer than the offline threshold
  safe_mode,        // crash-loop protection is showing older content
  sync_failing,     // the last sync attempts failed
  behind,           // a newer version was published more than behind_after_s ago
  under_voltage,    // the supply is too weak: the board throttles and the SD card is at risk
  hot,              // the CPU at or above hot_celsius
  clock_untrusted,  // no synchronised clock: the kiosk shows no time
  late,             // a beat is overdue (2.5 intervals) but it is not offline yet
  pairing,          // added; its code has not been used (or it never beat)
  dark,             // screen off outside its opening hours: normal
  online,
  revoked,
};

std::string_view kiosk_state_name(KioskState s);
std::optional<KioskState> kiosk_state_from_name(std::string_view name);

struct FleetPolicy {
  double late_intervals = 2.5;   // a beat this many intervals overdue: late
  double offline_after_s = 300;  // ... and after this long: offline
  double behind_after_s = 600;   // a newer version older than this, not shown: behind
  double hot_celsius = 80;       // the Pi 4 firmware starts soft throttling at 80 °C
  int sync_failures = 2;         // consecutive failed attempts before "sync failing"
  double default_heartbeat_s = 60;
  content::UnixSeconds pair_code_ttl_s = 24 * 3600;
  content::UnixSeconds screenshot_keep_s = 7 * 86400;
  int screenshots_per_kiosk = 20;
  content::UnixSeconds events_keep_s = 90 * 86400;
  int events_per_kiosk = 500;
  content::UnixSeconds commands_keep_s = 7 * 86400;
};

struct AssessInput {
  bool revoked = false;
  bool paired = false;
  content::UnixSeconds last_seen = 0;  // 0: never
  content::UnixSeconds now = 0;
  double heartbeat_s = 60;
  const nlohmann::json* facts = nullptr;  // the last heartbeat
  // When the oldest version newer than the kiosk's was published (nullopt: it shows the latest).
  std::optional<content::UnixSeconds> newer_published_at;
};

struct Assessment {
  KioskState state = KioskState::pairing;
  std::vector<KioskState> flags;  // every state that holds, worst first
  bool has(KioskState s) const;
};

Assessment assess_kiosk(const AssessInput& in, const FleetPolicy& policy);

// The alert a kiosk's flags call for: "offline", "safe_mode", "behind" (the worst of them), or "ok".
std::string alert_level(const Assessment& a);

// The kiosk's screen is dark by its schedule now, per its last beat (alerts wait until it lights).
bool quiet_hours(const nlohmann::json& facts, content::UnixSeconds now);

}  // namespace kiosk::console
