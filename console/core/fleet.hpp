#pragma once
// The kiosks the console knows: pairing, heartbeats, commands, screenshots and state changes.
//
// Heartbeats never touch the database on their way in: 500 kiosks beating must not queue behind a
// 20 000-item publish holding console.db. A beat updates the kiosk in memory and returns; the
// monitor (tick(), once a second on its own thread) works out who went offline, writes state changes
// and command results, flushes the latest facts every half minute, raises alerts and applies the
// retention limits. A console restart loses at most the last half minute of "last seen".
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "console/core/console_db.hpp"
#include "console/core/kiosk_state.hpp"
#include "console/core/roles.hpp"

namespace kiosk::console {

struct PairGrant {
  std::string kiosk_id;
  std::string token;  // shown to the kiosk once; the database keeps its hash
  double heartbeat_s = 60;
};

struct KioskSummary {
  std::string id, space;
  KioskState state = KioskState::pairing;
  std::vector<KioskState> flags;
  content::UnixSeconds added_at = 0, paired_at = 0, last_seen = 0, state_since = 0;
  content::UnixSeconds pair_expires = 0;  // while a code is open
  double heartbeat_s = 60;
  nlohmann::json facts = nlohmann::json::object();  // the last heartbeat as sent
  int pending_commands = 0;
};

struct KioskEvent {
  content::UnixSeconds at = 0;
  std::string state;   // the new state's name
  std::string detail;  // the flags, or what staff did ("revoked by li")
};

struct KioskCommand {
  std::int64_t id = 0;
  std::string kind, created_by, result, reason;
  content::UnixSeconds created_at = 0, sent_at = 0, done_at = 0;
};

struct Screenshot {
  std::int64_t command_id = 0;
  content::UnixSeconds taken_at = 0;
  std::string mime, bytes;
};

struct Alert {
  std::string kiosk_id, space;
  std::string event;  // "offline", "safe_mode", "behind", "back"
  KioskState state = KioskState::online;
  content::UnixSeconds at = 0;
  content::UnixSeconds last_seen = 0;
};

struct BeatResult {
  int status = 200;  // 200, or 401 (unknown token), 403 (another kiosk's id), 400 (not a report)
  std::string error, message;
  nlohmann::json reply;  // {"next_s": ..., "commands": [...]}
};

class Fleet {
 public:
  using Clock = std::function<content::UnixSeconds()>;
  Fleet(ConsoleDb& db, FleetPolicy policy, Clock clock);

  // A new kiosk, or a new code for an existing one (a replaced SD card). Returns the one-time
  // 8-character code. Throws std::runtime_error for a bad id or space.
  std::string add_kiosk(const std::string& id, const std::string& space, const Principal& by);
  // Its token stops working at once; its history stays. False if there is no such kiosk.
  bool revoke(const std::string& id, const Principal& by);
  // nullopt for a wrong, used or expired code.
  std::optional<PairGrant> pair(const std::string& code, const std::string& origin);

  BeatResult beat(const std::string& token, const nlohmann::json& report);
  // Queues a command; nullopt if the kiosk does not exist or is revoked.
  std::optional<std::int64_t> add_command(const std::string& id, const std::string& kind,
                                          const Principal& by);
  enum class Upload { stored, unauthorized, unknown_command };
  Upload store_screenshot(const std::string& token, std::int64_t command_id, const std::string& mime,
                          const std::string& bytes);

  std::vector<KioskSummary> list();  // worst first, then by id
  std::optional<KioskSummary> get(const std::string& id);
  std::vector<KioskEvent> events(const std::string& id, int limit);
  std::vector<KioskCommand> commands(const std::string& id, int limit);
  std::optional<Screenshot> latest_screenshot(const std::string& id);

  // The monitor's work; returns the alerts to send (one per change, none in a kiosk's dark hours).
  std::vector<Alert> tick();
  // Writes everything still in memory (at shutdown).
  void flush();
  const FleetPolicy& policy() const { return policy_; }

 private:
  struct Kiosk {
    KioskSummary s;
    std::string token_hash;
    bool revoked = false;
    bool dirty = false;          // facts newer than the database
    std::string alerted = "ok";  // the last alert level sent
    struct Queued {
      std::int64_t id;
      std::string kind;
      content::UnixSeconds at;
    };
    std::vector<Queued> queued;  // commands not yet handed out
  };
  struct PendingEvent {
    std::string kiosk_id;
    KioskEvent event;
  };
  struct PendingResult {
    std::int64_t id;
    std::string kiosk_id, result, reason;
    content::UnixSeconds at;
  };
  void load();
  void reload_identities();
  void reassess(Kiosk& k, content::UnixSeconds now);
  std::optional<content::UnixSeconds> newer_published_at(std::int64_t version) const;
  void refresh_publications();
  void write_pending(bool flush_facts);
  void apply_retention(content::UnixSeconds now);

  ConsoleDb& db_;
  FleetPolicy policy_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Kiosk> kiosks_;
  std::unordered_map<std::string, std::string> by_token_;      // token hash -> kiosk id
  std::map<std::int64_t, content::UnixSeconds> publications_;  // version -> published_at
  std::vector<PendingEvent> events_;
  std::vector<PendingResult> results_;
  std::vector<std::pair<std::int64_t, content::UnixSeconds>> sent_;  // commands handed out
  content::UnixSeconds flushed_at_ = 0, retention_at_ = 0;
  std::string changes_seen_;  // settings.fleet_changes when the identities were last read
};

// Kiosk ids: what staff call them in the console ("hq-lobby-1"): lowercase, digits, '-', '_', 1..48.
bool valid_kiosk_id(const std::string& id);

}  // namespace kiosk::console
