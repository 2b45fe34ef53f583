// Power cuts during sync: `kioskctl sync` is killed with SIGKILL at random moments while it downloads
// and applies versions, 200 times. After every kill the data directory must hold exactly one whole
// version, pass SQLite's integrity_check without any recovery, and have every file the committed
// version needs, intact. Label "slow"; KIOSK_CRASH_KILLS overrides the count (e.g. under qemu).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "platform/log.hpp"
#include "sync/content/sha256.hpp"
#include "sync/feed/keys.hpp"
#include "sync/feed/signed_file.hpp"
#include "tests/engine/feed_fixture.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/nginx_server.hpp"

extern char** environ;

using namespace kiosk;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kEvents = 600;  // ten pages that all change between versions

// Two contents that differ in every event page, published alternately as versions 1..n.
void publish_versions(test::FeedFixture& fx, int versions,
                      std::map<std::int64_t, std::set<std::string>>& pages_of) {
  auto doc = nlohmann::json::parse(test::read_text(fx.src / "events.json"));
  const auto model = doc["events"][0];
  doc["events"] = nlohmann::json::array();
  for (int i = 0; i < kEvents; ++i) {
    auto e = model;
    e["id"] = "evt-load-" + std::to_string(i);
    e.erase("poster");
    doc["events"].push_back(e);
  }
  feed::PublishOptions o;
  o.keep_versions = 100000;
  fs::remove_all(fx.feed);
  for (int v = 1; v <= versions; ++v) {
    for (auto& e : doc["events"])
      e["title"]["zh"] = "压力测试活动 第" + std::string(v % 2 ? "一" : "二") + "版";
    test::write_text(fx.src / "events.json", doc.dump());
    fx.now += 1;
    o.now = fx.now;
    const auto r = feed::publish(fx.src, fx.keys, fx.feed, o);
    REQUIRE(r.version == v);
    // Each version's timestamp under v<N>/, everything else shared.
    const fs::path dir = fx.dir / "serve" / ("v" + std::to_string(v));
    fs::create_directories(dir);
    fs::copy_file(fx.feed / "timestamp.json", dir / "timestamp.json");
    for (const char* shared : {"manifests", "objects", "roots", "root.json"})
      fs::create_symlink(fx.feed / shared, dir / shared);
    for (const auto& p : fx.current_manifest().pages) pages_of[v].insert(p.object.sha256);
  }
}

pid_t spawn_sync(const std::string& url, const test::FeedFixture& fx) {
  std::vector<std::string> args = test::our_program("sync/kioskctl/kioskctl");
  args.insert(args.end(), {"sync", "--once", "--server", url, "--data-dir", fx.data.string(), "--ca",
                           test::test_tls().ca.string(), "--keys", fx.keys.string(), "--now",
                           content::format_iso8601(fx.now)});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (std::getenv("KIOSK_CRASH_VERBOSE") == nullptr)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  REQUIRE(::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Exactly one whole version, consistent database, every needed file present and intact.
void verify(const test::FeedFixture& fx, const std::map<std::int64_t, std::set<std::string>>& pages_of,
            int kill) {
  CAPTURE(kill);
  store::OpenOptions o;
  o.db_path = fx.data / "content.db";
  store::OpenReport report;
  auto st = store::Store::open(o, &report);
  REQUIRE_MESSAGE(!report.recovered, report.reason);  // a crash must never corrupt the database
  REQUIRE(st->integrity_check() == "ok");
  const auto v = st->version();
  if (v.origin != "feed") {  // killed before the very first commit: still empty
    CHECK(st->load_content().events.empty());
    return;
  }
  const auto pages = st->pages();
  CHECK(std::set<std::string>(pages.begin(), pages.end()) == pages_of.at(v.version));
  const auto c = st->load_content();
  CHECK(c.events.size() == kEvents);
  std::string expected = "压力测试活动 第";
  expected += v.version % 2 ? "一" : "二";
  expected += "版";
  for (const auto& e : c.events) {
    if (e.title.zh != expected) FAIL("version " << v.version << " mixes content of two versions");
  }
  for (const auto& image : c.images) REQUIRE_MESSAGE(st->blobs().verify(image.sha256), image.name);
  for (const auto& page : pages) REQUIRE(st->blobs().verify(page));
}

}  // namespace

TEST_CASE("SIGKILL at random moments while syncing never leaves a torn version") {
  kiosk::log::silence();
  const char* env = std::getenv("KIOSK_CRASH_KILLS");
  const int kills = env ? std::atoi(env) : 200;
  const auto budget = std::chrono::seconds(env ? 3600 : 600);
  test::FeedFixture fx;
  std::map<std::int64_t, std::set<std::string>> pages_of;
  publish_versions(fx, kills + 3, pages_of);
  test::NginxServer nginx(fx.dir / "serve", test::test_tls(), fx.dir / "nginx");

  // How long one sync of a changed version takes (the second: the first also downloads images):
  // kills land uniformly across it, and a little after.
  int status = 0;
  ::waitpid(spawn_sync(nginx.url() + "/v1", fx), &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const auto t0 = Clock::now();
  ::waitpid(spawn_sync(nginx.url() + "/v2", fx), &status, 0);
  REQUIRE(WEXITSTATUS(status) == 0);
  const auto whole = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0);
  verify(fx, pages_of, 0);
  MESSAGE("one sync of " << kEvents << " changed events takes " << whole.count() / 1000
                         << " ms; killing within that");

  std::mt19937 rng(12345);
  std::uniform_int_distribution<long long> when(0, whole.count() * 6 / 5);
  int done = 0, committed = 0;
  const auto start = Clock::now();
  std::int64_t last_version = 2;
  for (int k = 1; k <= kills && Clock::now() - start < budget; ++k) {
    const pid_t pid = spawn_sync(nginx.url() + "/v" + std::to_string(k + 2), fx);
    std::this_thread::sleep_for(std::chrono::microseconds(when(rng)));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    verify(fx, pages_of, k);
    store::OpenOptions o;
    o.db_path = fx.data / "content.db";
    const auto v = store::Store::open(o)->version().version;
    CHECK(v >= last_version);  // never backwards
    committed += v > last_version;
    last_version = v;
    ++done;
  }
  MESSAGE(done << " kills, " << committed << " of them after the new version was committed");
  CHECK(done == kills);
  CHECK(committed > 0);     // some kills landed after the commit ...
  CHECK(committed < done);  // ... and some before it: the window was really covered
}
