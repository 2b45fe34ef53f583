// Bad networks and bad feeds, served by our own fault-injection server on 127.0.0.1. Each case checks
// three things: the last good content stays, the status names the cause in words, and the next good
// feed is applied.
#include <doctest/doctest.h>
#include <stb/stb_image_write.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "platform/files.hpp"
#include "sync/content/sha256.hpp"
#include "sync/feed/keys.hpp"
#include "sync/feed/signed_file.hpp"
#include "tests/engine/feed_fixture.hpp"
#include "tests/support/fault_server.hpp"
#include "tests/support/fixtures.hpp"

using namespace kiosk;
using feed::Failure;
using Mode = test::FaultServer::Mode;

namespace {

// A kiosk that has synced version 1, and version 2 waiting on the server.
struct Scenario {
  test::FeedFixture fx;
  test::FaultServer server{fx.feed, test::test_tls()};
  std::unique_ptr<store::Store> store = fx.open_store();
  std::unique_ptr<sync::SyncEngine> engine = fx.engine(*store, server.url());

  std::string v1_timestamp;

  Scenario() {
    const auto first = engine->sync_once();
    REQUIRE_MESSAGE(first.applied, engine->status().last_error);
    v1_timestamp = test::read_text(fx.feed / "timestamp.json");
    fx.edit_event_title("evt-contest-final", "泰达创业大赛总决赛 v2");
    fx.now += 600;
    REQUIRE(fx.publish().version == 2);
  }

  // The fault happened: nothing lost, and the status says why.
  void check_failed(Failure expected, const std::string& words) {
    REQUIRE_FALSE(words.empty());  // "" is found in any message: such a check could not fail
    const auto out = engine->sync_once();
    CHECK_FALSE(out.applied);
    REQUIRE(out.failure.has_value());
    CHECK_MESSAGE(*out.failure == expected,
                  "got " << feed::failure_code(*out.failure) << ": " << engine->status().last_error);
    CHECK_MESSAGE(engine->status().last_error.find(words) != std::string::npos, engine->status().last_error);
    CHECK(engine->status().last_error_code == feed::failure_code(expected));
    CHECK(engine->status().offline_since.has_value());
    CHECK(store->version().version == 1);
    CHECK(store->snapshot()->event("evt-contest-final")->title.zh != "泰达创业大赛总决赛 v2");
    CHECK(store->integrity_check() == "ok");
  }

  // The server is good again: version 2 arrives.
  void check_recovers() {
    server.set(Mode::normal);
    const auto out = engine->sync_once();
    CHECK_MESSAGE(out.applied, engine->status().last_error);
    CHECK(store->version().version == 2);
    CHECK(store->snapshot()->event("evt-contest-final")->title.zh == "泰达创业大赛总决赛 v2");
    CHECK(engine->status().last_error.empty());
    CHECK_FALSE(engine->status().offline_since.has_value());
  }
};

}  // namespace

TEST_CASE("connection refused") {
  Scenario s;
  auto refused = s.fx.engine(*s.store, "https://127.0.0.1:" + std::to_string(test::free_port()));
  const auto out = refused->sync_once();
  REQUIRE(out.failure);
  CHECK(*out.failure == Failure::network);
  CHECK(refused->status().last_error.find("cannot connect") != std::string::npos);
  CHECK(s.store->version().version == 1);
  s.check_recovers();
}

TEST_CASE("each retry waits a different fraction of its backoff - not one fraction forever") {
  Scenario s;
  auto refused = s.fx.engine(*s.store, "https://127.0.0.1:" + std::to_string(test::free_port()));
  std::set<double> fractions;
  for (int i = 0; i < 6; ++i) {
    REQUIRE(refused->sync_once().failure.has_value());
    CHECK(refused->next_delay(false) ==
          sync::next_delay(sync::BackoffPolicy{}, i + 1, -1, refused->jitter()));
    fractions.insert(refused->jitter());
  }
  CHECK(fractions.size() >= 5);  // six draws from [0, 1): equal ones would mean the generator never moved
}

TEST_CASE("a server that accepts and never answers") {
  Scenario s;
  s.server.set(Mode::never_answer);
  s.check_failed(Failure::timeout, "accepted the connection but sent nothing back for timestamp.json");
  s.check_recovers();
}

TEST_CASE("a kiosk stopping while a server never answers ends the download at once - nothing lost") {
  Scenario s;
  s.server.set(Mode::never_answer);
  std::atomic<bool> stop{false};
  auto config = s.fx.config(s.server.url());
  config.http.total_timeout_s = 60;  // without the stop flag this sync would end as a timeout after a minute
  config.http.low_speed_time_s = 60;
  config.http.stop = &stop;
  sync::SyncEngine engine(*s.store, config, [&s] { return s.fx.now; });
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  const auto out = engine.sync_once();
  stopper.join();
  REQUIRE(out.failure.has_value());
  CHECK(*out.failure == Failure::network);
  CHECK_MESSAGE(
      engine.status().last_error.find("interrupted because the kiosk was stopping") != std::string::npos,
      engine.status().last_error);
  CHECK(s.store->version().version == 1);
  CHECK(s.store->integrity_check() == "ok");
}

TEST_CASE(
    "a 304 to a fresh kiosk that asked for no cached copy names the broken cache - not an expiry in 1970") {
  test::FeedFixture fx;
  test::FaultServer server(fx.feed, test::test_tls());
  server.set(Mode::not_modified, "/timestamp.json");
  auto store = fx.open_store();
  auto engine = fx.engine(*store, server.url());
  const auto out = engine->sync_once();
  REQUIRE(out.failure.has_value());
  CHECK(*out.failure == Failure::http);
  CHECK_MESSAGE(
      engine->status().last_error.find(
          "a cache or proxy between the kiosk and the feed host is misbehaving") != std::string::npos,
      engine->status().last_error);
  CHECK(engine->status().last_error.find("1970") == std::string::npos);
  server.set(Mode::normal);
  CHECK_MESSAGE(engine->sync_once().applied, engine->status().last_error);
}

TEST_CASE("a slow drip below the low-speed limit") {
  Scenario s;
  s.server.set(Mode::slow_drip, "/objects/");
  s.check_failed(Failure::timeout, "too slowly");
  s.check_recovers();
}

TEST_CASE(
    "a drip just above the speed floor is ended by the whole sync's deadline - and the next sync goes on") {
  Scenario s;
  s.server.set(Mode::slow_drip, "/objects/");
  auto config = s.fx.config(s.server.url());
  config.http.low_speed_bytes = 1;  // 4 bytes/s passes this floor: only the deadline can end it
  config.http.total_timeout_s = 60;
  config.deadline_s = 3;
  s.engine = std::make_unique<sync::SyncEngine>(*s.store, config, [&s] { return s.fx.now; });
  const auto started = std::chrono::steady_clock::now();
  s.check_failed(Failure::timeout, "ran past its 3 s deadline (sync.deadline_s in kiosk.json)");
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(took < 30);  // the deadline, not the 60 s per-request timeout, ended it
  s.check_recovers();
}

TEST_CASE("sync.deadline_s is read from the config and refuses nonsense") {
  const test::FeedFixture fx;
  const std::string base =
      R"({"server": "https://feed.example.cn", "root_public_keys": [")" + fx.root_key + "\"]";
  CHECK(sync::parse_sync_config(base + "}").deadline_s == 300);
  CHECK(sync::parse_sync_config(base + R"(, "deadline_s": 120})").deadline_s == 120);
  CHECK_THROWS_WITH_AS(sync::parse_sync_config(base + R"(, "deadline_s": 1})"),
                       "sync.deadline_s must be at least 5 seconds", std::runtime_error);
}

TEST_CASE("a truncated body") {
  Scenario s;
  s.server.set(Mode::truncated, "/objects/");
  s.check_failed(Failure::truncated, "broke off");
  s.check_recovers();
}

TEST_CASE("an endless body is cut at the size cap") {
  Scenario s;
  s.server.set(Mode::endless, "/timestamp.json");
  s.check_failed(Failure::too_large, "more than the 16384 bytes");
  s.check_recovers();
}

TEST_CASE("500 with an HTML page") {
  Scenario s;
  s.server.set(Mode::server_error);
  s.check_failed(Failure::http, "HTTP 500");
  s.check_recovers();
}

TEST_CASE("503 with an HTML page and Retry-After is retried no sooner than asked") {
  Scenario s;
  s.server.set(Mode::unavailable);
  s.check_failed(Failure::http, "HTTP 503");
  CHECK(s.engine->next_delay(false) >= 30);
  s.check_recovers();
}

TEST_CASE("429 with Retry-After") {
  Scenario s;
  s.server.set(Mode::rate_limited);
  s.check_failed(Failure::rate_limited, "slow down");
  CHECK(s.engine->next_delay(false) >= 120);
  s.check_recovers();
}

TEST_CASE("a captive portal answers 200 with a login page") {
  Scenario s;
  s.server.set(Mode::captive_portal);
  s.check_failed(Failure::captive_portal, "captive portal");
  s.check_recovers();
}

TEST_CASE("a TLS certificate for the wrong host is refused") {
  Scenario s;
  test::FaultServer impostor(s.fx.feed, test::test_tls(), /*wrong_host=*/true);
  auto engine = s.fx.engine(*s.store, impostor.url());
  const auto out = engine->sync_once();
  REQUIRE(out.failure);
  CHECK(*out.failure == Failure::tls);
  CHECK(engine->status().last_error.find("certificate") != std::string::npos);
  CHECK(s.store->version().version == 1);
  s.check_recovers();
}

TEST_CASE("a tampered byte in a manifest") {
  Scenario s;
  const auto file = s.fx.feed / "manifests" / "2.json";
  const std::string good = test::read_text(file);
  std::string bad = good;
  bad[bad.size() / 2] ^= 0x20;
  test::write_text(file, bad);
  s.check_failed(Failure::hash_mismatch, "does not match its published hash");
  test::write_text(file, good);
  s.check_recovers();
}

TEST_CASE("a tampered byte in an object and in an image") {
  for (bool image : {false, true}) {
    CAPTURE(image);
    Scenario s;
    const auto m = s.fx.current_manifest();
    std::string sha;
    if (image) {
      sha = m.images.front().object.sha256;
      std::filesystem::remove(s.store->blobs().path_of(sha));  // make the kiosk fetch it again
    } else {
      for (const auto& p : m.pages) {
        if (!s.store->blobs().has(p.object.sha256)) sha = p.object.sha256;  // the changed page
      }
    }
    REQUIRE(!sha.empty());
    const auto file = s.fx.feed / "objects" / sha;
    std::string bytes = test::read_text(file);
    bytes[bytes.size() / 3] ^= 0x01;
    test::write_text(file, bytes);
    s.check_failed(Failure::hash_mismatch, "altered or damaged");
    bytes[bytes.size() / 3] ^= 0x01;
    test::write_text(file, bytes);
    s.check_recovers();
  }
}

TEST_CASE("a manifest signed with an unknown key") {
  Scenario s;
  const feed::PrivateKey stranger = feed::PrivateKey::generate();
  s.fx.rewrite_manifest([](feed::Manifest&) {}, &stranger);
  s.check_failed(Failure::bad_signature, "does not trust");
  s.fx.now += 60;
  s.fx.edit_event_title("evt-contest-briefing", "报名说明会");
  s.fx.publish();  // the real publisher's next version
  s.server.set(Mode::normal);
  CHECK(s.engine->sync_once().applied);
}

TEST_CASE("an older valid version replayed after a newer one (rollback)") {
  Scenario s;
  REQUIRE(s.engine->sync_once().applied);                          // version 2
  test::write_text(s.fx.feed / "timestamp.json", s.v1_timestamp);  // genuine, signed, but older
  const auto out = s.engine->sync_once();
  REQUIRE(out.failure);
  CHECK(*out.failure == Failure::rollback);
  CHECK(s.engine->status().last_error.find("older than version 2") != std::string::npos);
  CHECK(s.store->version().version == 2);
  s.fx.now += 60;
  s.fx.edit_event_title("evt-contest-briefing", "报名说明会");
  CHECK(s.fx.publish().version == 3);
  CHECK(s.engine->sync_once().applied);
  CHECK(s.store->version().version == 3);
}

TEST_CASE("an expired timestamp replayed forever (freeze)") {
  Scenario s;
  REQUIRE(s.engine->sync_once().applied);  // version 2, timestamp valid for 48 h
  s.fx.now += 49 * 3600;                   // the server (or an attacker in the middle) keeps sending it
  const auto out = s.engine->sync_once();
  REQUIRE(out.failure);
  CHECK(*out.failure == Failure::expired);
  CHECK(s.engine->status().last_error.find("expired") != std::string::npos);
  CHECK(s.store->version().version == 2);
  s.fx.publish();  // the publisher re-signs the timestamp: same version, fresh expiry
  const auto again = s.engine->sync_once();
  CHECK_MESSAGE(!again.failure, s.engine->status().last_error);
  CHECK(again.up_to_date);
  CHECK(s.engine->status().last_error.empty());
}

TEST_CASE("signed but invalid content refuses the whole version without retrying it on every poll") {
  Scenario s;
  // The publisher's tool would refuse this; a broken or compromised pipeline signs it anyway.
  s.fx.rewrite_manifest([&](feed::Manifest& m) {
    for (auto& p : m.pages) {
      if (p.collection != content::Collection::events) continue;
      auto doc = nlohmann::json::parse(test::read_text(s.fx.feed / "objects" / p.object.sha256));
      doc["events"][0]["end"] = "2001-01-01T00:00:00+08:00";
      const std::string bytes = doc.dump();
      s.fx.put_object(bytes);
      p.object = feed::ObjectRef{content::sha256_hex(bytes), static_cast<std::int64_t>(bytes.size())};
    }
  });
  s.check_failed(Failure::invalid_content, "ends before it starts");
  CHECK(s.engine->status().rejected_version == 2);
  const int requests = s.server.requests();
  const auto again = s.engine->sync_once();  // same timestamp: refused again from memory
  CHECK(again.failure == Failure::invalid_content);
  CHECK(s.server.requests() - requests == 1);  // the timestamp only, not the manifest and pages
  s.fx.now += 60;
  s.fx.edit_event_title("evt-contest-briefing", "报名说明会");
  CHECK(s.fx.publish().version == 3);
  CHECK(s.engine->sync_once().applied);
  CHECK(s.engine->status().rejected_version == 0);
}

TEST_CASE("two different manifests claiming the same version (equivocation)") {
  Scenario s;
  REQUIRE(s.engine->sync_once().applied);                                              // version 2
  s.fx.rewrite_manifest([](feed::Manifest& m) { m.meta.title.en = "Another hall"; });  // still version 2
  const auto out = s.engine->sync_once();
  REQUIRE(out.failure);
  CHECK(*out.failure == Failure::hash_mismatch);
  CHECK(s.store->version().version == 2);
}

TEST_CASE("an object larger than its manifest says is cut off at the announced length") {
  Scenario s;
  s.fx.rewrite_manifest([&](feed::Manifest& m) {
    for (auto& p : m.pages) {
      if (!s.store->blobs().has(p.object.sha256)) p.object.length -= 10;
    }
  });
  s.check_failed(Failure::too_large, "bytes expected");
}

TEST_CASE("a redirect to plain http is not followed") {
  Scenario s;
  s.server.set(Mode::redirect_http);
  s.check_failed(Failure::http, "redirected");
  s.check_recovers();
}

TEST_CASE("root key rotation: a kiosk that trusts the old root follows the chain to the new keys") {
  Scenario s;
  feed::rotate_keys(s.fx.keys, s.fx.dir / "keys2", s.fx.now);
  s.fx.keys = s.fx.dir / "keys2";
  s.fx.now += 60;
  s.fx.edit_event_title("evt-contest-briefing", "报名说明会");
  REQUIRE(s.fx.publish().version == 3);  // signed by the new online key
  const auto out = s.engine->sync_once();
  CHECK_MESSAGE(out.applied, s.engine->status().last_error);
  CHECK(s.store->version().version == 3);
  CHECK(feed::parse_root(*s.store->state("root")).version == 2);
}

TEST_CASE("an image whose real size differs from the manifest's refuses the version - naming the image") {
  Scenario s;
  REQUIRE(s.engine->sync_once().applied);           // version 2
  std::vector<unsigned char> rgb(64 * 48 * 3, 90);  // a new picture: its object is fetched now
  std::string png;
  stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<char*>(data), static_cast<std::size_t>(size));
      },
      &png, 64, 48, 3, rgb.data(), 64 * 3);
  test::write_text(s.fx.src / "images" / "extra-poster.png", png);
  s.fx.now += 60;
  REQUIRE(s.fx.publish().version == 3);
  s.fx.rewrite_manifest([](feed::Manifest& m) {
    for (auto& i : m.images) {
      if (i.name == "extra-poster.png") i.width += 1;
    }
  });
  const auto out = s.engine->sync_once();
  REQUIRE(out.failure.has_value());
  CHECK(*out.failure == Failure::invalid_content);
  CHECK_MESSAGE(s.engine->status().last_error.find("images/extra-poster.png") != std::string::npos,
                s.engine->status().last_error);
  CHECK(s.engine->status().last_error.find("pixels but the manifest says") != std::string::npos);
  CHECK(s.store->version().version == 2);
}

TEST_CASE("a fresh kiosk pinned to any earlier root walks the chain after two rotations") {
  test::FeedFixture fx;
  test::FaultServer server(fx.feed, test::test_tls());
  const std::string first_root = fx.root_key;
  const std::string second_root = feed::rotate_keys(fx.keys, fx.dir / "keys2", fx.now);
  fx.keys = fx.dir / "keys2";
  fx.now += 60;
  REQUIRE(fx.publish().version == 2);  // unchanged content, signed again by the second online key
  const std::string third_root = feed::rotate_keys(fx.keys, fx.dir / "keys3", fx.now);
  fx.keys = fx.dir / "keys3";
  fx.now += 60;
  REQUIRE(fx.publish().version == 3);
  int n = 0;
  for (const std::string& pinned : {first_root, second_root, third_root}) {
    CAPTURE(n);
    store::OpenOptions o;
    o.db_path = fx.dir / ("fresh-" + std::to_string(++n)) / "content.db";
    auto store = store::Store::open(o);
    auto config = fx.config(server.url());
    config.root_keys = {feed::public_key_from_base64(pinned)};
    sync::SyncEngine engine(*store, config, [&fx] { return fx.now; });
    const auto out = engine.sync_once();
    CHECK_MESSAGE(out.applied, engine.status().last_error);
    CHECK(store->version().version == 3);
    CHECK(feed::parse_root(*store->state("root")).version == 3);
  }
}

TEST_CASE("a Pi that booted in 1970 still syncs - using the time floor") {
  test::FeedFixture fx;
  test::FaultServer server(fx.feed, test::test_tls());
  auto store = fx.open_store();
  auto config = fx.config(server.url());
  config.build_time = fx.now - 86400;  // what the binary knows: it was built yesterday
  sync::SyncEngine engine(*store, config, [] { return content::UnixSeconds{0}; });
  const auto out = engine.sync_once();
  CHECK_MESSAGE(out.applied, engine.status().last_error);
  CHECK(engine.time_floor() >= fx.now);  // the verified publish time raised the floor
}

TEST_CASE("disk full while storing the new version's files") {
  Scenario s;
  platform::inject_write_failure_after(0, ENOSPC);
  s.check_failed(Failure::disk_full, "disk full");
  platform::clear_injected_write_failure();
  s.check_recovers();
}

TEST_CASE("a version that would eat into the disk reserve is refused - and the message names the reserve") {
  Scenario s;
  auto config = s.fx.config(s.server.url());
  config.disk_reserve_bytes = std::int64_t{1} << 50;  // more than any disk: the reserve is what is short
  s.engine = std::make_unique<sync::SyncEngine>(*s.store, config, [&s] { return s.fx.now; });
  s.check_failed(Failure::disk_full, "MB this kiosk always keeps free");
  config.disk_reserve_bytes = 0;
  s.engine = std::make_unique<sync::SyncEngine>(*s.store, config, [&s] { return s.fx.now; });
  s.check_recovers();
}

TEST_CASE("disk full while committing the new version to the database") {
  Scenario s;
  // A version that needs more database pages than the old one (pages freed by the old version's rows
  // would otherwise be reused): 300 more events.
  auto doc = nlohmann::json::parse(test::read_text(s.fx.src / "events.json"));
  const auto model = doc["events"][0];
  for (int i = 0; i < 300; ++i) {
    auto e = model;
    e["id"] = "evt-extra-" + std::to_string(i);
    doc["events"].push_back(e);
  }
  test::write_text(s.fx.src / "events.json", doc.dump());
  s.fx.now += 60;
  REQUIRE(s.fx.publish().version == 3);
  auto& db = s.store->database();
  db.exec("PRAGMA max_page_count = " +
          std::to_string(db.scalar_int("PRAGMA page_count")));  // SQLITE_FULL beyond
  s.check_failed(Failure::disk_full, "disk full");
  db.exec("PRAGMA max_page_count = 1073741823");
  s.server.set(Mode::normal);
  const auto out = s.engine->sync_once();
  CHECK_MESSAGE(out.applied, s.engine->status().last_error);
  CHECK(s.store->snapshot()->content().events.size() == 49 + 300);
}

TEST_CASE("a manifest whose object is missing (404)") {
  Scenario s;
  for (const auto& p : s.fx.current_manifest().pages) {
    if (!s.store->blobs().has(p.object.sha256))
      std::filesystem::remove(s.fx.feed / "objects" / p.object.sha256);
  }
  s.check_failed(Failure::missing_object, "HTTP 404");
  s.fx.now += 60;
  s.fx.edit_event_title("evt-contest-briefing", "报名说明会");
  s.fx.publish();  // republishing writes the objects again
  s.server.set(Mode::normal);
  CHECK(s.engine->sync_once().applied);
}
