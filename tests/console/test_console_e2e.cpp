// End to end with real parts: an edit in the console -> publish -> nginx over HTTPS (the sync tests'
// fixture) -> `kioskctl sync` into a kiosk data directory -> `kioskctl query` shows the edit. The
// desk board's path the same way, with no publish click: the console batches desk changes itself.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/console/console_fixture.hpp"
#include "tests/engine/feed_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/nginx_server.hpp"

using namespace kiosk;
using nlohmann::json;
using test::Part;

namespace {

// Runs kioskctl with arguments; returns (exit code, output).
std::pair<int, std::string> kioskctl(const test::ConsoleFixture& fx, std::vector<std::string> args) {
  auto argv = test::our_program("sync/kioskctl/kioskctl");
  argv.insert(argv.end(), args.begin(), args.end());
  static int n = 0;
  test::ChildProcess p(argv, {}, fx.dir() / ("kioskctl-" + std::to_string(++n) + ".log"));
  const auto rc = p.wait(300);
  return {rc.value_or(-1), p.log()};
}

std::pair<int, std::string> sync_kiosk(const test::ConsoleFixture& fx, const test::NginxServer& nginx) {
  return kioskctl(fx, {"sync", "--once", "--server", nginx.url(), "--data-dir", (fx.dir() / "kiosk").string(),
                       "--ca", test::test_tls().ca.string(), "--keys", fx.keys().string(), "--once"});
}

std::string query(const test::ConsoleFixture& fx, const std::string& what) {
  return kioskctl(fx, {"query", "--db", (fx.dir() / "kiosk" / "content.db").string(), "--json", what}).second;
}

}  // namespace

TEST_CASE("an event edited in the console reaches a kiosk through nginx") {
  test::ConsoleFixture fx;
  test::NginxServer nginx(fx.feed(), test::test_tls(), fx.dir() / "nginx");
  auto editor = fx.login("editor");
  // The demo's events sit at fixed days after its sample anchor (today). This one is tomorrow
  // afternoon, so it is upcoming whatever the time of day the test runs; an event later today
  // would have ended for a run in the evening and `query events` would rightly leave it out.
  const std::string path = "/c/events/evt-contest-briefing";
  const auto page = editor.get(path).body;
  const auto pos = page.find("name=\"_revision\" value=\"");
  const std::string revision = page.substr(pos + 24, page.find('"', pos + 24) - pos - 24);
  json e = json::parse(fx.api("GET", "/api/v1/events/evt-contest-briefing", fx.token("editor")).body);
  std::vector<Part> parts{{"_revision", revision, "", ""}};
  for (const auto& [k, v] : e.items()) {
    if (v.is_object()) {
      for (const auto& [lang, text] : v.items())
        parts.push_back({"f." + k + "." + lang, text.get<std::string>(), "", ""});
    } else if (k == "start" || k == "end") {
      parts.push_back({"f." + k,
                       content::format_iso8601(*content::parse_iso8601(v.get<std::string>())).substr(0, 16),
                       "", ""});
    } else if (v.is_string()) {
      parts.push_back({"f." + k, v.get<std::string>(), "", ""});
    } else if (v.is_number()) {
      parts.push_back({"f." + k, v.dump(), "", ""});
    } else if (v.is_boolean() && v.get<bool>()) {
      parts.push_back({"f." + k, "on", "", ""});
    }
  }
  for (auto& p : parts) {
    if (p.name == "f.title.zh") p.value = "端到端测试：泰达创业大赛说明会";
  }
  REQUIRE(editor.post(path, parts).status == 303);
  auto publisher = fx.login("publisher");
  const auto publish_page = publisher.get("/publish").body;
  CHECK(publish_page.find("端到端测试") != std::string::npos);  // the diff names the change
  REQUIRE(publisher.post("/publish", {{"reason", "e2e", "", ""}}).status == 303);

  const auto [rc, log] = sync_kiosk(fx, nginx);
  REQUIRE_MESSAGE(rc == 0, log);
  CHECK(query(fx, "events").find("端到端测试：泰达创业大赛说明会") != std::string::npos);
}

TEST_CASE("a desk tap publishes by itself within seconds and a kiosk shows it") {
  test::ConsoleFixture fx;
  test::NginxServer nginx(fx.feed(), test::test_tls(), fx.dir() / "nginx");
  auto publisher = fx.login("publisher");
  REQUIRE(publisher.post("/publish", {}).status == 303);
  const long before = fx.feed_version();
  REQUIRE(sync_kiosk(fx, nginx).first == 0);
  CHECK(query(fx, "desks").find("\"tjab-f-01\"") != std::string::npos);

  auto editor = fx.login("editor");
  const auto tapped = std::chrono::steady_clock::now();
  REQUIRE(editor.post("/desks/tjab-f-01", {{"status", "out_of_service", "", ""}}).status == 303);
  while (fx.feed_version() == before &&
         std::chrono::steady_clock::now() - tapped < std::chrono::seconds(60)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE_MESSAGE(fx.feed_version() > before, fx.log());
  MESSAGE("desk tap -> new feed version: "
          << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - tapped)
                 .count()
          << " ms");
  REQUIRE(sync_kiosk(fx, nginx).first == 0);
  // kioskctl query desks: spaces -> zones -> desks, as the kiosk's desks screen groups them.
  bool found = false;
  for (const auto& space : json::parse(query(fx, "desks"))) {
    for (const auto& zone : space["zones"]) {
      for (const auto& d : zone["desks"]) {
        if (d["id"] != "tjab-f-01") continue;
        found = true;
        CHECK(d["status"] == "out_of_service");
      }
    }
  }
  CHECK(found);
}

TEST_CASE(
    "behind nginx with the shipped proxy settings: HTTPS login with a Secure cookie and same-origin posts") {
  test::ConsoleFixture fx({true, true, {}});
  // The shipped snippet, included as it is; only the upstream's port is the test's.
  const auto snippet = test::source_dir() / "packaging" / "nginx" / "kiosk-console-proxy.conf";
  test::NginxServer proxy(test::test_tls(), fx.dir() / "proxy", "    include " + snippet.string() + ";",
                          "upstream kiosk_console { server 127.0.0.1:" + std::to_string(fx.port()) + "; }");
  const std::string base = proxy.url();
  const std::string ca = test::test_tls().ca.string();
  auto login =
      test::http({"POST",
                  base + "/login",
                  {"Origin: " + base},
                  "",
                  std::vector<Part>{{"name", "publisher", "", ""}, {"password", test::kPassword, "", ""}},
                  ca});
  REQUIRE(login.status == 303);
  const std::string set_cookie = login.header("set-cookie");
  CHECK(set_cookie.find("Secure") != std::string::npos);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const auto home = test::http({"GET", base + "/", {"Cookie: " + cookie}, "", std::nullopt, ca});
  REQUIRE(home.status == 200);
  const std::string csrf = test::csrf_of(home.body);
  const long before = fx.feed_version();
  // The Origin the browser sends is the proxy's host and port: nginx passes it through to the check.
  const auto published = test::http({"POST",
                                     base + "/publish",
                                     {"Cookie: " + cookie, "Origin: " + base},
                                     "",
                                     std::vector<Part>{{"_csrf", csrf, "", ""}},
                                     ca});
  CHECK(published.status == 303);
  CHECK(fx.feed_version() > before);
  const auto cross = test::http({"POST",
                                 base + "/publish",
                                 {"Cookie: " + cookie, "Origin: https://evil.example"},
                                 "",
                                 std::vector<Part>{{"_csrf", csrf, "", ""}},
                                 ca});
  CHECK(cross.status == 403);
  // nginx refuses a body over the snippet's limit before the console sees it.
  const auto huge =
      test::http({"POST",
                  base + "/images",
                  {"Cookie: " + cookie, "Origin: " + base},
                  "",
                  std::vector<Part>{{"image", std::string(12 * 1024 * 1024, 'x'), "big.png", "image/png"}},
                  ca});
  CHECK(huge.status == 413);
}
