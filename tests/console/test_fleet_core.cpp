// The fleet without HTTP: states from heartbeats and their age (a controlled clock), pairing codes,
// tokens, commands, alerts once per change and quiet in dark hours, retention, and a restart.
#include <doctest/doctest.h>

#include <atomic>

#include "console/core/fleet.hpp"
#include "console/core/kiosk_state.hpp"
#include "console/core/secrets.hpp"
#include "console/core/webhook.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using namespace kiosk::console;
using nlohmann::json;

namespace {

constexpr content::UnixSeconds kStart = 1'790'000'000;

json report(const std::string& id, std::int64_t version = 3) {
  return json{{"kiosk_id", id},
              {"software", "test"},
              {"content", {{"version", version}, {"manifest_sha256", "ab"}, {"origin", "feed"}}},
              {"sync", {{"result", "ok"}, {"failures", 0}, {"last_success", kStart}}},
              {"safe_mode", false},
              {"clock_trusted", true},
              {"display", {{"state", "on"}, {"width", 1920}, {"height", 1080}}},
              {"board", {{"under_voltage", false}, {"cpu_celsius", 51.0}}},
              {"urgent_shown", json::array()}};
}

struct FleetRig {
  test::TempDir tmp;
  std::unique_ptr<ConsoleDb> db = ConsoleDb::create(tmp / "data");
  std::atomic<content::UnixSeconds> now{kStart};
  FleetPolicy policy;
  std::unique_ptr<Fleet> fleet;
  Principal admin = system_principal("test-admin");
  FleetRig() {
    policy.default_heartbeat_s = 60;
    fleet = std::make_unique<Fleet>(*db, policy, [this] { return now.load(); });
  }
  // Adds and pairs a kiosk; returns its token.
  std::string paired(const std::string& id, const std::string& space = "") {
    const std::string code = fleet->add_kiosk(id, space, admin);
    auto grant = fleet->pair(code, "127.0.0.1");
    REQUIRE(grant);
    return grant->token;
  }
  void publish_version(std::int64_t version, content::UnixSeconds at) {
    db->with([&](store::Database& d) {
      d.prepare(
           "INSERT INTO publications(version, published_at, published_by, reason, added, changed, removed) "
           "VALUES(?1, ?2, 'test', '', 0, 0, 0)")
          .bind_all(version, at)
          .run();
    });
  }
};

AssessInput seen(const json& facts, content::UnixSeconds last_seen, content::UnixSeconds now) {
  AssessInput in;
  in.paired = true;
  in.last_seen = last_seen;
  in.now = now;
  in.heartbeat_s = 60;
  in.facts = &facts;
  return in;
}

}  // namespace

TEST_CASE("kiosk states: online - late after 2.5 beats - offline after 5 minutes - worst first") {
  const FleetPolicy p;
  const json f = report("a");
  CHECK(assess_kiosk(seen(f, kStart, kStart + 10), p).state == KioskState::online);
  CHECK(assess_kiosk(seen(f, kStart, kStart + 149), p).state == KioskState::online);
  CHECK(assess_kiosk(seen(f, kStart, kStart + 151), p).state == KioskState::late);
  CHECK(assess_kiosk(seen(f, kStart, kStart + 299), p).state == KioskState::late);
  const auto offline = assess_kiosk(seen(f, kStart, kStart + 301), p);
  CHECK(offline.state == KioskState::offline);
  CHECK_FALSE(offline.has(KioskState::late));  // offline replaces late

  json bad = f;
  bad["safe_mode"] = true;
  bad["board"]["under_voltage"] = true;
  bad["board"]["cpu_celsius"] = 83.5;
  bad["clock_trusted"] = false;
  bad["sync"] = {{"result", "error"}, {"failures", 3}, {"failure_code", "tls"}};
  auto a = assess_kiosk(seen(bad, kStart, kStart + 5), p);
  CHECK(a.state == KioskState::safe_mode);
  REQUIRE(a.flags.size() == 5);
  CHECK(a.flags[1] == KioskState::sync_failing);
  CHECK(a.flags[2] == KioskState::under_voltage);
  CHECK(a.flags[3] == KioskState::hot);
  CHECK(a.flags[4] == KioskState::clock_untrusted);
  bad["sync"]["failures"] = 1;  // one failed attempt is a blip, not "failing"
  CHECK_FALSE(assess_kiosk(seen(bad, kStart, kStart + 5), p).has(KioskState::sync_failing));

  json dark = f;
  dark["display"]["state"] = "dark";
  CHECK(assess_kiosk(seen(dark, kStart, kStart + 5), p).state == KioskState::dark);

  AssessInput behind = seen(f, kStart, kStart + 5);
  behind.newer_published_at = kStart + 5 - 601;
  CHECK(assess_kiosk(behind, p).state == KioskState::behind);
  behind.newer_published_at = kStart + 5 - 599;  // published 10 minutes ago at most: still arriving
  CHECK(assess_kiosk(behind, p).state == KioskState::online);

  AssessInput never;
  never.paired = true;
  CHECK(assess_kiosk(never, p).state == KioskState::pairing);
  never.revoked = true;
  CHECK(assess_kiosk(never, p).state == KioskState::revoked);
  for (int i = 0; i <= static_cast<int>(KioskState::revoked); ++i) {
    const auto s = static_cast<KioskState>(i);
    CHECK(kiosk_state_from_name(kiosk_state_name(s)) == s);
  }
}

TEST_CASE("a pairing code works once - within 24 hours - and only its hash is stored") {
  FleetRig rig;
  const std::string code = rig.fleet->add_kiosk("hq-lobby-1", "tjab", rig.admin);
  REQUIRE(code.size() == 8);
  CHECK(code.find_first_not_of("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") == std::string::npos);
  const auto stored = rig.db->with([](store::Database& d) {
    auto st = d.prepare("SELECT pair_code_hash FROM kiosks WHERE id='hq-lobby-1'");
    REQUIRE(st.step());
    return st.text(0);
  });
  CHECK(stored == secret_hash(code));
  CHECK(stored.find(code) == std::string::npos);

  CHECK_FALSE(rig.fleet->pair("AAAAAAAA", "x"));
  // Typed on a phone: lower case and a dash are fine.
  std::string typed = code.substr(0, 4) + "-" + code.substr(4);
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto grant = rig.fleet->pair(typed, "10.0.0.5");
  REQUIRE(grant);
  CHECK(grant->kiosk_id == "hq-lobby-1");
  CHECK(grant->token.size() == 64);
  CHECK_FALSE(rig.fleet->pair(code, "10.0.0.5"));  // replayed

  const std::string late = rig.fleet->add_kiosk("hq-lobby-2", "", rig.admin);
  rig.now += 24 * 3600 + 1;
  CHECK_FALSE(rig.fleet->pair(late, "x"));  // expired

  CHECK_THROWS_WITH_AS(rig.fleet->add_kiosk("Bad Id!", "", rig.admin),
                       doctest::Contains("not a usable kiosk id"), std::runtime_error);
}

TEST_CASE(
    "heartbeats: the token decides who beats - another kiosk's id is refused - revoked tokens get 401") {
  FleetRig rig;
  const std::string a = rig.paired("kiosk-a");
  const std::string b = rig.paired("kiosk-b");
  CHECK(rig.fleet->beat(a, report("kiosk-a")).status == 200);
  CHECK(rig.fleet->beat(a, report("kiosk-b")).status == 403);
  CHECK(rig.fleet->beat("not-a-token", report("kiosk-a")).status == 401);
  CHECK(rig.fleet->beat(a, json::array()).status == 400);
  auto k = rig.fleet->get("kiosk-a");
  REQUIRE(k);
  CHECK(k->state == KioskState::online);
  CHECK(k->facts["display"]["width"] == 1920);

  REQUIRE(rig.fleet->revoke("kiosk-a", rig.admin));
  CHECK(rig.fleet->beat(a, report("kiosk-a")).status == 401);
  CHECK(rig.fleet->get("kiosk-a")->state == KioskState::revoked);
  CHECK(rig.fleet->beat(b, report("kiosk-b")).status == 200);  // the others are untouched
  CHECK_FALSE(rig.fleet->add_command("kiosk-a", "screenshot", rig.admin));
}

TEST_CASE("commands are handed out once - with the next beat - and their results are recorded") {
  FleetRig rig;
  const std::string t = rig.paired("kiosk-a");
  REQUIRE(rig.fleet->beat(t, report("kiosk-a")).reply["commands"].empty());
  const auto shot = rig.fleet->add_command("kiosk-a", "screenshot", rig.admin);
  const auto sync = rig.fleet->add_command("kiosk-a", "sync_now", rig.admin);
  REQUIRE(shot);
  REQUIRE(sync);
  CHECK_FALSE(rig.fleet->add_command("kiosk-a", "shell", rig.admin));  // only the two harmless kinds
  CHECK(rig.fleet->get("kiosk-a")->pending_commands == 2);
  const auto reply = rig.fleet->beat(t, report("kiosk-a")).reply;
  REQUIRE(reply["commands"].size() == 2);
  CHECK(reply["commands"][0] == json{{"id", *shot}, {"kind", "screenshot"}});
  CHECK(reply["commands"][1] == json{{"id", *sync}, {"kind", "sync_now"}});
  CHECK(rig.fleet->beat(t, report("kiosk-a")).reply["commands"].empty());

  json with_results = report("kiosk-a");
  with_results["results"] =
      json::array({json{{"id", *shot}, {"result", "refused"}, {"reason", "staff_overlay_open"}},
                   json{{"id", *sync}, {"result", "done"}, {"reason", ""}}});
  REQUIRE(rig.fleet->beat(t, with_results).status == 200);
  rig.fleet->tick();
  const auto commands = rig.fleet->commands("kiosk-a", 10);
  REQUIRE(commands.size() == 2);
  CHECK(commands[0].result == "done");
  CHECK(commands[1].result == "refused");
  CHECK(commands[1].reason == "staff_overlay_open");
  CHECK(commands[1].sent_at == kStart);
}

TEST_CASE("the monitor sees a silent kiosk go late then offline - records each change once - alerts once") {
  FleetRig rig;
  const std::string t = rig.paired("kiosk-a", "tjab");
  REQUIRE(rig.fleet->beat(t, report("kiosk-a")).status == 200);
  CHECK(rig.fleet->tick().empty());
  rig.now += 200;
  CHECK(rig.fleet->tick().empty());  // late is no alert
  CHECK(rig.fleet->get("kiosk-a")->state == KioskState::late);
  rig.now += 150;
  auto alerts = rig.fleet->tick();
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].event == "offline");
  CHECK(alerts[0].kiosk_id == "kiosk-a");
  CHECK(alerts[0].space == "tjab");
  for (int i = 0; i < 5; ++i) {
    rig.now += 1;
    CHECK(rig.fleet->tick().empty());  // one message per change, not per tick
  }
  REQUIRE(rig.fleet->beat(t, report("kiosk-a")).status == 200);
  alerts = rig.fleet->tick();
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].event == "back");
  const auto events = rig.fleet->events("kiosk-a", 50);
  REQUIRE(events.size() >= 4);
  CHECK(events[0].state == "online");
  CHECK(events[1].state == "offline");
  CHECK(events[2].state == "late");
  CHECK(events[3].state == "online");
}

TEST_CASE("alerts wait while a kiosk's screen is dark by schedule - then follow if it is still offline") {
  FleetRig rig;
  const std::string t = rig.paired("kiosk-a");
  json night = report("kiosk-a");
  night["display"]["state"] = "dark";
  night["display"]["on_at"] = kStart + 3600;
  REQUIRE(rig.fleet->beat(t, night).status == 200);
  rig.now += 1000;  // powered off at night
  CHECK(rig.fleet->tick().empty());
  CHECK(rig.fleet->get("kiosk-a")->state == KioskState::offline);
  rig.now = kStart + 3601;  // opening time: still silent
  const auto alerts = rig.fleet->tick();
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].event == "offline");
}

TEST_CASE("behind: a kiosk not showing a version published more than 10 minutes ago") {
  FleetRig rig;
  const std::string t = rig.paired("kiosk-a");
  rig.publish_version(3, kStart - 100);
  REQUIRE(rig.fleet->beat(t, report("kiosk-a", 3)).status == 200);
  rig.fleet->tick();
  rig.publish_version(4, kStart);
  rig.now += 30;
  REQUIRE(rig.fleet->beat(t, report("kiosk-a", 3)).status == 200);
  CHECK(rig.fleet->tick().empty());
  CHECK(rig.fleet->get("kiosk-a")->state == KioskState::online);
  rig.now = kStart + 601;
  REQUIRE(rig.fleet->beat(t, report("kiosk-a", 3)).status == 200);
  const auto alerts = rig.fleet->tick();
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0].event == "behind");
  REQUIRE(rig.fleet->beat(t, report("kiosk-a", 4)).status == 200);
  CHECK(rig.fleet->get("kiosk-a")->state == KioskState::online);
}

TEST_CASE("a console restart keeps kiosks - tokens - queued commands - and raises no alert storm") {
  FleetRig rig;
  const std::string t = rig.paired("kiosk-a");
  REQUIRE(rig.fleet->beat(t, report("kiosk-a")).status == 200);
  const auto command = rig.fleet->add_command("kiosk-a", "sync_now", rig.admin);
  rig.now += 10;
  rig.fleet->flush();
  rig.fleet.reset();
  rig.now += 1000;  // down for a while: the kiosk looks offline on return
  rig.fleet = std::make_unique<Fleet>(*rig.db, rig.policy, [&rig] { return rig.now.load(); });
  auto k = rig.fleet->get("kiosk-a");
  REQUIRE(k);
  CHECK(k->state == KioskState::offline);
  CHECK(k->facts["software"] == "test");
  CHECK(rig.fleet->tick().empty());
  const auto reply = rig.fleet->beat(t, report("kiosk-a")).reply;
  REQUIRE(reply["commands"].size() == 1);
  CHECK(reply["commands"][0]["id"] == *command);
}

TEST_CASE("a revocation by the CLI reaches a running console within a tick") {
  FleetRig rig;
  const std::string t = rig.paired("kiosk-a");
  REQUIRE(rig.fleet->beat(t, report("kiosk-a")).status == 200);
  {
    Fleet cli(*rig.db, rig.policy, [&rig] { return rig.now.load(); });  // kiosk-console kiosk revoke
    REQUIRE(cli.revoke("kiosk-a", rig.admin));
    cli.add_kiosk("kiosk-new", "", rig.admin);
  }
  CHECK(rig.fleet->beat(t, report("kiosk-a")).status == 200);  // not yet noticed ...
  rig.fleet->tick();
  CHECK(rig.fleet->beat(t, report("kiosk-a")).status == 401);  // ... now refused
  CHECK(rig.fleet->get("kiosk-new"));
}

TEST_CASE(
    "retention: screenshots beyond 20 per kiosk or older than 7 days go - files too - events are capped") {
  FleetRig rig;
  rig.policy.events_per_kiosk = 5;
  rig.fleet = std::make_unique<Fleet>(*rig.db, rig.policy, [&rig] { return rig.now.load(); });
  const std::string t = rig.paired("kiosk-a");
  // The smallest valid PNG a kiosk could send (1x1), stored 25 times.
  const std::string png =
      std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde", 33) +
      std::string("\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef", 24) +
      std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
  for (int i = 0; i < 25; ++i) {
    const auto id = rig.fleet->add_command("kiosk-a", "screenshot", rig.admin);
    REQUIRE(id);
    REQUIRE(rig.fleet->store_screenshot(t, *id, "image/png", png) == Fleet::Upload::stored);
    rig.now += 60;
  }
  CHECK(rig.fleet->store_screenshot(t, 99999, "image/png", png) == Fleet::Upload::unknown_command);
  CHECK(rig.fleet->store_screenshot(t, 1, "image/png", "not a png") == Fleet::Upload::unknown_command);
  CHECK(rig.fleet->store_screenshot("wrong", 1, "image/png", png) == Fleet::Upload::unauthorized);
  for (int i = 0; i < 8; ++i) {  // flap: 8 state changes
    rig.now += 400;
    rig.fleet->tick();
    REQUIRE(rig.fleet->beat(t, report("kiosk-a")).status == 200);
    rig.fleet->tick();
  }
  rig.now += 3601;
  rig.fleet->tick();  // retention runs hourly
  const auto count = [&](const char* sql) {
    return rig.db->with([&](store::Database& d) { return d.scalar_int(sql); });
  };
  CHECK(count("SELECT count(*) FROM screenshots") == 20);
  CHECK(count("SELECT count(*) FROM kiosk_events") == 5);
  std::size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(rig.db->screenshot_dir()))
    files += e.is_regular_file();
  CHECK(files == 20);
  const auto latest = rig.fleet->latest_screenshot("kiosk-a");
  REQUIRE(latest);
  CHECK(latest->bytes == png);

  rig.now += 8 * 86400;
  REQUIRE(rig.fleet->beat(t, report("kiosk-a")).status == 200);
  rig.fleet->tick();
  CHECK(count("SELECT count(*) FROM screenshots") == 0);
  CHECK_FALSE(rig.fleet->latest_screenshot("kiosk-a"));
}

TEST_CASE("a webhook alert says what happened in Chinese first - with the kiosk - its space - a link") {
  Alert a{"hq-lobby-1", "tjab", "offline", KioskState::offline, kStart, kStart - 400};
  const json j = alert_json(a, "https://console.example.cn");
  CHECK(j["event"] == "offline");
  CHECK(j["kiosk"] == "hq-lobby-1");
  CHECK(j["text"].get<std::string>().rfind("【离线】", 0) == 0);
  CHECK(j["text"].get<std::string>().find("最后心跳") != std::string::npos);
  CHECK(j["text_en"].get<std::string>().rfind("[offline] kiosk hq-lobby-1 (tjab)", 0) == 0);
  CHECK(j["link"] == "https://console.example.cn/fleet/hq-lobby-1");
  CHECK(j.dump().size() < 1024);
}
