// kioskctl keygen / publish / sync / status / pin-hash: the publisher's side of the feed and the
// kiosk's side, without a screen.
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "platform/files.hpp"
#include "platform/instance_lock.hpp"
#include "platform/pin_hash.hpp"
#include "platform/start_journal.hpp"
#include "sync/content/time.hpp"
#include "sync/engine/engine.hpp"
#include "sync/feed/keys.hpp"
#include "sync/feed/publish.hpp"
#include "sync/kioskctl/clock_option.hpp"
#include "sync/kioskctl/commands.hpp"
#include "sync/service/content_service.hpp"
#include "sync/store/known_good.hpp"
#include "sync/store/store.hpp"

namespace kiosk::ctl {

void add_keygen_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("keygen", "Create root and online signing keys and root.json");
  auto out = std::make_shared<std::string>();
  auto rotate_from = std::make_shared<std::string>();
  auto now_text = std::make_shared<std::string>();
  cmd->add_option("--out", *out, "Directory for the new keys")->required();
  cmd->add_option("--rotate-from", *rotate_from,
                  "Old keys directory: sign the new root with the old root key too");
  add_now_option(*cmd, *now_text);
  cmd->callback([=, &exit_code] {
    const auto now = resolve_now(*now_text);
    const std::string root =
        rotate_from->empty() ? feed::generate_keys(*out, now) : feed::rotate_keys(*rotate_from, *out, now);
    std::cout << "keys written to " << *out << "\n"
              << "Keep root.key offline. Pin this root public key in every kiosk's /etc/kiosk/kiosk.json "
                 "(sync.root_public_keys):\n  "
              << root << "\n";
    exit_code = 0;
  });
}

void add_publish_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("publish",
                                 "Validate a content directory and publish it as a new signed feed version");
  struct Args {
    std::string src, keys, out, now;
    int keep = 5;
    double timestamp_hours = 48;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("SRC_DIR", a->src, "Content source directory")->required();
  cmd->add_option("--keys", a->keys, "Keys directory (from kioskctl keygen)")->required();
  cmd->add_option("--out", a->out, "Feed directory to serve over HTTPS")->required();
  cmd->add_option("--keep", a->keep, "Older versions to keep for kiosks still fetching them");
  cmd->add_option("--timestamp-hours", a->timestamp_hours,
                  "How long a timestamp stays valid (re-publish before)");
  add_now_option(*cmd, a->now);
  cmd->callback([a, &exit_code] {
    feed::PublishOptions options;
    options.now = resolve_now(a->now);
    options.keep_versions = a->keep;
    options.timestamp_lifetime = static_cast<content::UnixSeconds>(a->timestamp_hours * 3600);
    const auto r = feed::publish(a->src, a->keys, a->out, options);
    if (!r.published) {
      for (const auto& p : r.problems) std::cout << p << "\n";
      std::cout << r.problems.size() << " error(s): nothing was published; " << a->out << " is unchanged.\n";
      exit_code = 1;
      return;
    }
    std::cout << (r.new_version ? "published version " : "unchanged: version ") << r.version << " ("
              << r.pages << " pages, " << r.images << " images, " << r.images_reused
              << " of them prepared before; " << r.objects_written << " objects written, " << r.objects_reused
              << " reused, " << r.objects_removed << " old ones removed); timestamp re-signed\n";
  });
}

namespace {

std::atomic<bool> g_stop_following{false};

void stop_following(int) {
  g_stop_following = true;
}

// Without --once: what a kiosk's content thread does, with no screen. The content service syncs on
// the kiosk's poll schedule, keeps the known good copy, and each status change is printed.
int follow_feed(sync::ContentOptions options) {
  std::mutex mutex;
  std::condition_variable changed;
  bool woken = false;
  sync::ContentService service(std::move(options), [&] {
    std::lock_guard lock(mutex);
    woken = true;
    changed.notify_all();
  });
  struct sigaction sa {};
  sa.sa_handler = stop_following;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  service.start();
  std::cout << "following the feed; Ctrl-C stops" << std::endl;
  std::string last;
  while (!g_stop_following) {
    {
      std::unique_lock lock(mutex);
      changed.wait_for(lock, std::chrono::milliseconds(200), [&] { return woken; });
      woken = false;
    }
    const auto status = service.sync_status();
    if (!status) continue;
    const std::string now = status->describe();
    if (now != last) std::cout << now << std::flush;
    last = now;
  }
  service.stop();
  return 0;
}

}  // namespace

void add_sync_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "sync",
      "Keep a data directory in step with a feed, as a kiosk's sync thread does (--once: one attempt)");
  struct Args {
    std::string server, data_dir, ca, root_key, keys, baseline, now;
    bool once = false;
    double timeout = 120, poll = 0;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--server", a->server, "Feed base URL (https://...)")->required();
  cmd->add_option("--data-dir", a->data_dir, "Kiosk data directory (content.db, blobs/)")->required();
  cmd->add_option("--ca", a->ca, "CA certificate file for the server");
  cmd->add_option("--root-key", a->root_key, "Pinned root public key (base64)");
  cmd->add_option("--keys", a->keys, "Or: a keys directory to read root.pub from");
  cmd->add_option("--timeout", a->timeout, "Seconds per request");
  cmd->add_flag("--once", a->once, "One attempt, then exit (1 when it failed)");
  cmd->add_option("--poll", a->poll,
                  "Following: seconds between polls (default: a kiosk's, 300 / 60 with desks)")
      ->check(CLI::Range(1.0, 86400.0));
  add_now_option(*cmd, a->now);
  cmd->callback([a, &exit_code] {
    sync::SyncConfig config;
    config.server = a->server;
    while (!config.server.empty() && config.server.back() == '/') config.server.pop_back();
    std::string key = a->root_key;
    if (key.empty() && !a->keys.empty()) key = platform::read_file(feed::KeyPaths(a->keys).root_pub(), 1024);
    while (!key.empty() && (key.back() == '\n' || key.back() == ' ')) key.pop_back();
    if (key.empty()) throw CLI::ValidationError("--root-key", "give --root-key or --keys");
    config.root_keys = {feed::public_key_from_base64(key)};
    config.http.ca_file = a->ca;
    config.http.total_timeout_s = static_cast<long>(a->timeout);
    if (a->poll > 0) config.backoff.poll_interval_s = config.desk_poll_interval_s = a->poll;
    std::filesystem::create_directories(a->data_dir);
    std::string why;
    const auto lock =
        platform::InstanceLock::try_acquire(std::filesystem::path(a->data_dir) / "kiosk.lock", &why);
    if (!lock) {
      std::cerr << "kioskctl: " << why << "\n";
      exit_code = 2;
      return;
    }
    sync::SyncEngine::Clock clock;
    if (!a->now.empty()) {  // a chosen clock, like the kiosk's --now: trusted, no floor
      const auto now = resolve_now(a->now);
      clock = [now] { return now; };
    } else {
      config.build_time =
          KIOSK_BUILD_EPOCH;  // the kiosk's floor: a 1970 clock must not accept an expired feed
    }
    if (!a->once) {
      sync::ContentOptions options;
      options.data_dir = a->data_dir;
      options.sync = config;
      options.clock = clock;
      options.build_time = config.build_time;
      exit_code = follow_feed(std::move(options));
      return;
    }
    store::OpenOptions options;
    options.db_path = std::filesystem::path(a->data_dir) / "content.db";
    auto st = store::Store::open(options);
    sync::SyncEngine engine(*st, config, clock);
    const auto out = engine.sync_once();
    std::cout << engine.status().describe();
    std::cout << "fetched " << out.objects_fetched << " objects (" << out.bytes_fetched << " bytes) in "
              << engine.http_stats().requests << " requests\n";
    exit_code = out.failure ? 1 : 0;
  });
}

void add_status_command(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("status", "Explain a kiosk's sync state and its last failure in plain words");
  auto data_dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--data-dir", *data_dir, "Kiosk data directory")->required();
  cmd->add_flag("--json", *json, "Machine-readable output");
  cmd->callback([=, &exit_code] {
    const auto db = std::filesystem::path(*data_dir) / "content.db";
    if (!std::filesystem::exists(db)) {
      std::cerr << "kioskctl: no kiosk data in " << *data_dir << "\n";
      exit_code = 2;
      return;
    }
    store::OpenOptions options;
    options.db_path = db;
    options.read_only = true;  // beside a running kiosk: never migrate, recover or write its database
    auto st = store::Store::open(options);
    sync::SyncStatus status = sync::SyncStatus::from_json(st->state("status").value_or("{}"));
    const auto v = st->version();
    status.current_version = v.origin == "feed" ? v.version : 0;
    // Crash-loop protection's record of the kiosk's starts, and the copy safe mode would use.
    const auto starts = platform::StartJournal::read(std::filesystem::path(*data_dir) / "starts");
    const auto known_good = store::known_good_version(store::KnownGoodPaths::in(*data_dir));
    int crashed_before_last = 0;
    for (auto r = starts.rbegin() + (starts.empty() ? 0 : 1); r != starts.rend() && !r->clean; ++r)
      ++crashed_before_last;
    const bool safe = !starts.empty() && starts.back().mode != platform::SafeMode::off;
    // A full data partition stops every sync before it shows as a failure: say it here first.
    const long long free = platform::free_bytes(*data_dir);
    const std::int64_t reserve = sync::kDefaultDiskReserveBytes;
    const bool disk_full = free >= 0 && free < reserve;
    if (*json) {
      auto j = nlohmann::json::parse(status.to_json());
      j["safe_mode"] = starts.empty() ? "off" : platform::safe_mode_name(starts.back().mode);
      j["crashed_starts_before_last"] = crashed_before_last;
      j["known_good_version"] = known_good ? known_good->version : 0;
      j["free_mb"] = free >= 0 ? nlohmann::json(free >> 20) : nlohmann::json(nullptr);
      j["disk_full"] = disk_full;
      std::cout << j.dump() << "\n";
    } else {
      std::cout << "content origin: " << v.origin << "\n" << status.describe();
      if (!status.configured) std::cout << "(this data directory has never been synced)\n";
      if (!starts.empty()) {
        const auto& last = starts.back();
        std::cout << "last start: " << content::format_iso8601(last.at.wall)
                  << (safe ? " in SAFE MODE (" + std::string(platform::safe_mode_name(last.mode)) + ")"
                           : " in normal mode")
                  << ", after " << crashed_before_last << " crashed start(s) in a row\n";
      }
      std::cout << "known good copy for safe mode: "
                << (known_good ? "version " + std::to_string(known_good->version) : std::string("none yet"))
                << "\n";
      if (free >= 0) {
        std::cout << "disk:           " << (free >> 20) << " MB free on the data partition"
                  << (disk_full ? " - FULL: below the " + std::to_string(reserve >> 20) +
                                      " MB every sync keeps free, so no new version can be saved"
                                : "")
                  << "\n";
      }
    }
    exit_code = status.last_error.empty() && !safe && !disk_full ? 0 : 1;
  });
}

void add_pin_hash_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("pin-hash", "Hash a staff PIN for /etc/kiosk/kiosk.json (staff_pin_hash)");
  auto pin = std::make_shared<std::string>();
  cmd->add_option("PIN", *pin, "4-8 digits")
      ->required()
      ->check(CLI::Validator(
          [](std::string& s) {
            const bool digits =
                s.size() >= 4 && s.size() <= 8 && s.find_first_not_of("0123456789") == std::string::npos;
            return digits ? std::string() : std::string("a PIN is 4 to 8 digits");
          },
          "DIGITS"));
  cmd->callback([=, &exit_code] {
    std::cout << platform::hash_pin(*pin) << "\n";
    exit_code = 0;
  });
}

}  // namespace kiosk::ctl
