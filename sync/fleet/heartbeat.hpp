#pragma once
// The heartbeat: what a kiosk tells the console about itself (at most 4 KB of JSON), and the
// console's reply, which carries hints only — when to beat next and which of two harmless commands
// to run. No content, no configuration, no shell: a compromised console gains nothing over a kiosk
// that the signed feed does not already give it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/content/time.hpp"

namespace kiosk::fleet {

constexpr std::size_t kMaxHeartbeatBytes = 4096;

// A command the kiosk ran (or refused), reported with the next beat.
struct CommandResult {
  std::int64_t id = 0;
  std::string result;  // "done", "refused", "failed"
  std::string reason;  // "staff_overlay_open", ...; empty when done
};

struct KioskReport {
  std::string kiosk_id;
  std::string software;
  // Content.
  std::int64_t content_version = 0;
  std::string manifest_sha256;
  std::string content_origin;  // "feed", "baseline", "demo", "import"
  // Sync.
  std::string sync_result = "never";   // "ok", "error", "never", "not_configured"
  content::UnixSeconds last_sync = 0;  // last success
  content::UnixSeconds last_attempt = 0;
  std::string failure_code;  // feed::failure_code() of the last failure
  std::string failure;       // its sentence (English; the console words it by code)
  int failures = 0;
  bool feed_frozen = false;  // the feed's signed time ran out: its publisher stopped
  bool safe_mode = false;
  bool clock_trusted = true;
  // The screen.
  std::string display = "on";  // "on", "dark" (outside opening hours), "none" (no display found)
  std::optional<content::UnixSeconds> display_on_at;  // when a dark screen lights again
  int screen_w = 0, screen_h = 0;
  std::string renderer;
  std::vector<std::string> urgent_shown;  // ids of urgent notices on screen now
  // The board.
  std::optional<double> cpu_celsius;
  std::optional<std::uint32_t> throttled;
  bool under_voltage = false;
  std::optional<std::int64_t> disk_free_bytes, memory_available_bytes;
  std::optional<double> uptime_s;
  std::vector<std::string> addresses;
  std::vector<CommandResult> results;

  // Compact JSON, never over kMaxHeartbeatBytes: long lists and sentences are cut first.
  std::string serialise() const;
};

struct Command {
  std::int64_t id = 0;
  std::string kind;  // "screenshot" or "sync_now"; others are ignored (a newer console)
};

struct HeartbeatReply {
  double next_s = 0;  // 0: keep the configured interval
  std::vector<Command> commands;
};

// Tolerant of what it does not know; throws std::runtime_error if the body is not a JSON object.
HeartbeatReply parse_heartbeat_reply(const std::string& body);

}  // namespace kiosk::fleet
