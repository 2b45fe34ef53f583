// Sync benchmark (issue: signed sync). Prints figures; budgets are in the issue:
//   unchanged poll = 1 request and <= 2 KB; one change among 10,000 <= 3 % of a full sync;
//   10,000-item apply <= 2 s; a fleet of 200 kiosks converges within one poll interval + 5 s.
// Everything runs against a real nginx on 127.0.0.1 with HTTPS (the test CA).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "bench/synthetic_content.hpp"
#include "platform/log.hpp"
#include "sync/content/content_json.hpp"
#include "sync/engine/engine.hpp"
#include "sync/feed/keys.hpp"
#include "sync/feed/publish.hpp"
#include "tests/support/nginx_server.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/tls_files.hpp"

using namespace kiosk;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

void write_collection(const fs::path& dir, const char* name, const nlohmann::json& items) {
  nlohmann::json doc;
  doc[name] = items;
  test::write_text(dir / (std::string(name) + ".json"), doc.dump());
}

// A content source directory with `events` events and as many resources.
void write_source(const fs::path& dir, std::size_t n, content::UnixSeconds now,
                  const std::string& title_of_first) {
  content::Content c = bench::synthetic_content(n, n, now);
  if (!c.events.empty()) c.events[0].title.zh = title_of_first;
  fs::create_directories(dir);
  test::write_text(dir / "meta.json", content::to_json(c.meta).dump());
  nlohmann::json spaces = nlohmann::json::array(), events = nlohmann::json::array(),
                 resources = nlohmann::json::array();
  for (const auto& s : c.spaces) spaces.push_back(content::to_json(s));
  for (const auto& e : c.events) events.push_back(content::to_json(e));
  for (const auto& r : c.resources) resources.push_back(content::to_json(r));
  write_collection(dir, "spaces", spaces);
  write_collection(dir, "events", events);
  write_collection(dir, "resources", resources);
}

struct Kiosk {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<sync::SyncEngine> engine;
};

Kiosk make_kiosk(const fs::path& dir, const sync::SyncConfig& config) {
  store::OpenOptions o;
  o.db_path = dir / "content.db";
  Kiosk k;
  k.store = store::Store::open(o);
  k.engine = std::make_unique<sync::SyncEngine>(*k.store, config);
  return k;
}

std::uint64_t wire_bytes(const sync::HttpStats& s) {
  return s.body_bytes + s.header_bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (std::getenv("KIOSK_LOG_LEVEL") == nullptr) log::silence();
  const int fleet = argc > 1 ? std::atoi(argv[1]) : 200;
  test::TempDir dir;
  const auto tls = test::make_tls_files(dir / "tls");
  const content::UnixSeconds now = std::time(nullptr);
  const std::string root = feed::generate_keys(dir / "keys", now - 60);
  feed::PublishOptions publish;
  publish.now = now;

  sync::SyncConfig config;
  config.root_keys = {feed::public_key_from_base64(root)};
  config.http.ca_file = tls.ca.string();
  config.disk_reserve_bytes = 0;

  std::printf("bench_sync: nginx on 127.0.0.1, HTTPS, gzip off\n");
  // 1. The demo feed, full sync and an unchanged poll.
  {
    feed::publish(KIOSK_SOURCE_ASSETS "/demo", dir / "keys", dir / "demo-feed", publish);
    test::NginxServer nginx(dir / "demo-feed", tls, dir / "nginx-demo");
    config.server = nginx.url();
    Kiosk k = make_kiosk(dir / "k-demo", config);
    const auto t = Clock::now();
    const auto out = k.engine->sync_once();
    const auto full = k.engine->http_stats();
    std::printf("  demo feed, full sync          %7.1f ms  %3llu requests  %8llu bytes on the wire  (%s)\n",
                seconds_since(t) * 1000, static_cast<unsigned long long>(full.requests),
                static_cast<unsigned long long>(wire_bytes(full)),
                out.applied ? "applied" : k.engine->status().last_error.c_str());
    const auto t2 = Clock::now();
    k.engine->sync_once();
    const auto after = k.engine->http_stats();
    std::printf(
        "  unchanged poll                %7.1f ms  %3llu request   %8llu bytes (headers included)   budget 1 "
        "request, <= 2048 bytes\n",
        seconds_since(t2) * 1000, static_cast<unsigned long long>(after.requests - full.requests),
        static_cast<unsigned long long>(wire_bytes(after) - wire_bytes(full)));
  }
  // 2. 10,000 events + 10,000 resources: full sync, apply time, then one changed event.
  {
    write_source(dir / "big-src", 10000, now, "第一版");
    auto t = Clock::now();
    feed::publish(dir / "big-src", dir / "keys", dir / "big-feed", publish);
    std::printf("  publish 10,000 + 10,000 items %7.1f ms\n", seconds_since(t) * 1000);
    test::NginxServer nginx(dir / "big-feed", tls, dir / "nginx-big");
    config.server = nginx.url();
    Kiosk k = make_kiosk(dir / "k-big", config);
    t = Clock::now();
    const auto first = k.engine->sync_once();
    const double full_s = seconds_since(t);
    const auto full = k.engine->http_stats();
    std::printf("  full sync of 20,000 items     %7.1f ms  %3llu requests  %8llu bytes  (%s)\n",
                full_s * 1000, static_cast<unsigned long long>(full.requests),
                static_cast<unsigned long long>(wire_bytes(full)),
                first.applied ? "applied" : k.engine->status().last_error.c_str());
    write_source(dir / "big-src", 10000, now, "第二版");
    publish.now = now + 1;
    feed::publish(dir / "big-src", dir / "keys", dir / "big-feed", publish);
    t = Clock::now();
    const auto second = k.engine->sync_once();
    const double change_s = seconds_since(t);
    const auto after = k.engine->http_stats();
    const double share = 100.0 * static_cast<double>(wire_bytes(after) - wire_bytes(full)) /
                         static_cast<double>(wire_bytes(full));
    std::printf(
        "  one event changed of 10,000   %7.1f ms  %3llu requests  %8llu bytes = %.2f %% of a full sync  "
        "budget <= 3 %%  (%zu object%s)\n",
        change_s * 1000, static_cast<unsigned long long>(after.requests - full.requests),
        static_cast<unsigned long long>(wire_bytes(after) - wire_bytes(full)), share, second.objects_fetched,
        second.objects_fetched == 1 ? "" : "s");
    // Apply alone: the same 20,000 items into an empty store, pages already local.
    Kiosk fresh = make_kiosk(dir / "k-apply", config);
    fs::remove(dir / "k-apply" / "blobs");
    fs::create_directory_symlink(dir / "k-big" / "blobs", dir / "k-apply" / "blobs");
    fresh = make_kiosk(dir / "k-apply", config);
    t = Clock::now();
    const auto applied = fresh.engine->sync_once();
    std::printf(
        "  verify + validate + apply 20,000 items from local pages  %7.1f ms  (%zu objects downloaded)  "
        "budget <= 2000 ms\n",
        seconds_since(t) * 1000, applied.objects_fetched);
  }
  // 3. A fleet polling one nginx.
  {
    publish.now = now + 2;
    feed::publish(KIOSK_SOURCE_ASSETS "/demo", dir / "keys", dir / "fleet-feed", publish);
    test::NginxServer nginx(dir / "fleet-feed", tls, dir / "nginx-fleet");
    config.server = nginx.url();
    const double poll = 10.0;
    std::vector<Kiosk> kiosks;
    for (int i = 0; i < fleet; ++i)
      kiosks.push_back(make_kiosk(dir / ("fleet-" + std::to_string(i)), config));
    for (auto& k : kiosks) k.engine->sync_once();  // everyone on version 1
    // Requests per second nginx serves to polling kiosks (304s), all kiosks hammering at once.
    std::atomic<std::uint64_t> served{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    const auto t = Clock::now();
    for (int i = 0; i < fleet; ++i) {
      threads.emplace_back([&, i] {
        while (!stop) {
          kiosks[static_cast<std::size_t>(i)].engine->sync_once();
          ++served;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(5));
    stop = true;
    for (auto& th : threads) th.join();
    threads.clear();
    std::printf("  fleet of %d: %.0f polls/s served (TLS, keep-alive, 304)\n", fleet,
                static_cast<double>(served) / seconds_since(t));
    // Convergence: every kiosk polls every `poll` s with a random phase; publish; wait until all updated.
    std::atomic<int> updated{0};
    std::vector<double> latencies(static_cast<std::size_t>(fleet), -1);
    std::atomic<bool> published{false};
    Clock::time_point published_at;
    for (int i = 0; i < fleet; ++i) {
      threads.emplace_back([&, i] {
        std::mt19937 rng(static_cast<unsigned>(i));
        std::this_thread::sleep_for(
            std::chrono::duration<double>(std::uniform_real_distribution<double>(0, poll)(rng)));
        while (latencies[static_cast<std::size_t>(i)] < 0) {
          const auto out = kiosks[static_cast<std::size_t>(i)].engine->sync_once();
          if (out.applied && published) {
            latencies[static_cast<std::size_t>(i)] = seconds_since(published_at);
            ++updated;
            break;
          }
          std::this_thread::sleep_for(std::chrono::duration<double>(poll));
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(2));
    fs::copy(KIOSK_SOURCE_ASSETS "/demo", dir / "fleet-src", fs::copy_options::recursive);
    test::write_text(dir / "fleet-src" / "meta.json",
                     "{\"title\": {\"zh\": \"新版大厅\", \"en\": \"New hall\"}}");
    publish.now = now + 3;
    published_at = Clock::now();
    published = true;
    feed::publish(dir / "fleet-src", dir / "keys", dir / "fleet-feed", publish);
    for (auto& th : threads) th.join();
    std::sort(latencies.begin(), latencies.end());
    std::printf(
        "  fleet of %d, poll every %.0f s: publish -> all updated  p50 %.1f s  p99 %.1f s  max %.1f s   "
        "budget <= poll + 5 s = %.0f s\n",
        fleet, poll, latencies[latencies.size() / 2], latencies[latencies.size() * 99 / 100],
        latencies.back(), poll + 5);
  }
  return 0;
}
