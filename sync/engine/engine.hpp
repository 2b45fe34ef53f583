#pragma once
// The sync engine: one attempt fetches the small signed timestamp (a conditional GET: one request
// and a few hundred bytes when nothing changed); if it names a newer version, it fetches that
// signed manifest and only the objects the kiosk lacks, verifies every byte (signature before
// parsing, hashes, strictly increasing versions, expiry against a time floor), validates the whole
// version, and applies it in one SQLite transaction together with the trusted version. Anything
// wrong leaves the last good content in place and a sentence in the status.
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "sync/content/time.hpp"
#include "sync/engine/backoff.hpp"
#include "sync/engine/http_client.hpp"
#include "sync/engine/sync_status.hpp"
#include "sync/feed/ed25519.hpp"
#include "sync/feed/feed_model.hpp"
#include "sync/store/store.hpp"

namespace kiosk::sync {

inline constexpr std::int64_t kDefaultDiskReserveBytes = 64LL << 20;

struct SyncConfig {
  std::string server;                      // https://feed.example.cn/zone (no trailing slash)
  std::vector<feed::PublicKey> root_keys;  // pinned: the only keys trusted without a chain
  int root_threshold = 1;
  HttpOptions http;
  BackoffPolicy backoff;
  double desk_poll_interval_s = 60;  // used instead of the poll interval while desks are shown
  std::int64_t image_quota_bytes = 512LL << 20;
  std::int64_t disk_reserve_bytes = kDefaultDiskReserveBytes;  // never fill the data partition past this
  content::UnixSeconds build_time = 0;                         // the lowest the time floor can be
  // How far a signed publish time may lead a network-synchronised clock and still raise the time
  // floor. Further ahead, the publisher's clock is wrong: the version is applied, its time is not
  // used. (Publishers keep NTP time too; an hour covers any honest skew, not a time-zone mistake.)
  content::UnixSeconds max_signed_lead_s = 3600;
  // Whether NTP has set the wall clock; default platform::clock_synchronised().
  std::function<bool()> clock_synchronised;
  // A whole attempt ends by then, however its requests trickle in (the speed floor bounds each
  // request, not a series of them). Objects fetched so far are kept: the next attempt goes on.
  double deadline_s = 300;
};

// Turns the kiosk config's "sync" section into a SyncConfig; throws std::runtime_error naming the field.
SyncConfig parse_sync_config(const std::string& json_text);

struct SyncOutcome {
  bool applied = false;  // a new version is in the store
  bool up_to_date = false;
  std::optional<feed::Failure> failure;
  std::int64_t version = 0;
  std::size_t objects_fetched = 0;
  std::uint64_t bytes_fetched = 0;
};

class SyncEngine {
 public:
  using Clock = std::function<content::UnixSeconds()>;
  SyncEngine(store::Store& store, SyncConfig config, Clock wall_clock = {});

  // One attempt. Never throws: failures land in status() and in the outcome.
  SyncOutcome sync_once();
  const SyncStatus& status() const { return status_; }
  // Seconds until the next attempt: the poll interval, or backoff after failures (with this
  // attempt's jitter, so the status and the caller see the same figure).
  double next_delay(bool desks_shown) const;
  double jitter() const { return jitter_; }
  const HttpStats& http_stats() const { return http_.stats(); }
  // The lowest trusted "now": the later of the build time and the newest verified publish time
  // that was not from the future (see SyncConfig::max_signed_lead_s and docs/feed-protocol.md).
  content::UnixSeconds time_floor() const;

 private:
  void run(SyncOutcome& out);
  feed::Root trusted_root(bool refresh);
  // A fresh kiosk's start of the chain: the first roots/<n>.json its pinned keys signed.
  std::optional<std::pair<feed::Root, std::string>> first_pinned_root(
      const std::vector<feed::PublicKey>& pinned, int threshold);
  std::string fetch(const std::string& path, const std::string& what, std::size_t max_bytes);
  std::string fetch_exact(const std::string& path, const std::string& what, const feed::ObjectRef& ref);
  void fail(feed::Failure failure, const std::string& message, double retry_after);
  // The floor to judge this attempt by, mended where it came from a publisher's wrong clock.
  content::UnixSeconds checked_floor(content::UnixSeconds wall, bool synchronised);
  // The floor after a verified publish time: raised by it unless it leads network time too far.
  content::UnixSeconds raised_floor(content::UnixSeconds floor, content::UnixSeconds signed_at,
                                    content::UnixSeconds wall, bool synchronised, std::int64_t version);
  void save_status(bool force);

  store::Store& store_;
  SyncConfig config_;
  Clock clock_;
  HttpClient http_;
  SyncStatus status_;
  double retry_after_ = -1;
  std::mt19937 random_{std::random_device{}()};
  double jitter_ = 0.5;  // drawn anew for every attempt: each retry waits a different fraction
  content::UnixSeconds status_saved_ = 0;
  content::UnixSeconds time_floor_at_start_ = 0;
  std::string saved_error_;
};

}  // namespace kiosk::sync
