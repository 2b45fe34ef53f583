// The console in a real browser (Debian's chromium through chromedriver, label "browser"): a
// publisher logs in, uploads a poster, creates an event in Chinese, publishes it, and a kiosk
// synced through nginx has it; a form posted from another site changes nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "tests/console/console_fixture.hpp"
#include "tests/console/webdriver.hpp"
#include "tests/engine/feed_fixture.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/nginx_server.hpp"

using namespace kiosk;

namespace {

std::string kioskctl_output(const test::ConsoleFixture& fx, std::vector<std::string> args, int& rc) {
  auto argv = test::our_program("sync/kioskctl/kioskctl");
  argv.insert(argv.end(), args.begin(), args.end());
  static int n = 0;
  test::ChildProcess p(argv, {}, fx.dir() / ("browser-kioskctl-" + std::to_string(++n) + ".log"));
  rc = p.wait(300).value_or(-1);
  return p.log();
}

void log_in(test::Browser& b, const test::ConsoleFixture& fx, const std::string& user) {
  b.go(fx.url("/login"));
  b.type("input[name=name]", user);
  b.type("input[name=password]", test::kPassword);
  b.click("#login");
  REQUIRE(b.wait_for("nav.main"));
}

}  // namespace

TEST_CASE("in a real browser a publisher creates an event in Chinese with a poster and a kiosk gets it") {
  REQUIRE_MESSAGE(test::have_browser(),
                  "chromium and chromium-driver are missing: scripts/install-deps.sh test");
  test::ConsoleFixture fx;
  test::NginxServer nginx(fx.feed(), test::test_tls(), fx.dir() / "nginx");
  test::Browser b(fx.dir() / "browser");
  log_in(b, fx, "publisher");
  REQUIRE(b.source().find("信息屏上的内容") != std::string::npos);  // the overview, in Chinese

  b.go(fx.url("/images"));
  b.attach("input[name=image]", test::demo_dir() / "images" / "poster-roadshow.png");
  b.type("input[name=name]", "poster-browser.png");
  b.click("#upload");
  CHECK(b.wait_for_url("/images?saved=poster-browser.png"));

  const auto start = static_cast<content::UnixSeconds>(std::time(nullptr)) + 2 * 86400;
  b.go(fx.url("/c/events/_new"));
  b.type("input[name='f.id']", "evt-browser-forum");
  b.set_value("select[name='f.space']", "tjab");
  b.set_value("select[name='f.category']", "forum");
  b.type("input[name='f.title.zh']", "浏览器测试：生物医药创新论坛");
  b.type("input[name='f.title.en']", "Browser test: biomedicine forum");
  b.type("input[name='f.venue.zh']", "二层 报告厅");
  b.type("input[name='f.organiser.zh']", "TjAb 众创空间");
  b.set_value("input[name='f.start']", content::format_iso8601(start).substr(0, 16));
  b.set_value("input[name='f.end']", content::format_iso8601(start + 7200).substr(0, 16));
  b.set_value("select[name='f.poster']", "poster-browser.png");
  b.click("#save");
  REQUIRE_MESSAGE(b.wait_for_url("/c/events/evt-browser-forum?saved=1"), b.source());

  b.go(fx.url("/publish"));
  CHECK(b.source().find("浏览器测试：生物医药创新论坛") != std::string::npos);
  b.click("#publish");
  REQUIRE(b.wait_for_url("/publish?result="));

  int rc = 0;
  const auto log =
      kioskctl_output(fx,
                      {"sync", "--once", "--server", nginx.url(), "--data-dir", (fx.dir() / "kiosk").string(),
                       "--ca", test::test_tls().ca.string(), "--keys", fx.keys().string(), "--once"},
                      rc);
  REQUIRE_MESSAGE(rc == 0, log);
  const auto events = kioskctl_output(
      fx, {"query", "--db", (fx.dir() / "kiosk" / "content.db").string(), "--json", "events"}, rc);
  CHECK(events.find("浏览器测试：生物医药创新论坛") != std::string::npos);
  CHECK(events.find("\"poster\": \"poster-browser.png\"") != std::string::npos);
}

TEST_CASE("in a real browser a form posted from another site publishes nothing") {
  REQUIRE_MESSAGE(test::have_browser(),
                  "chromium and chromium-driver are missing: scripts/install-deps.sh test");
  test::ConsoleFixture fx;
  test::Browser b(fx.dir() / "browser");
  log_in(b, fx, "publisher");
  REQUIRE(b.source().find("信息屏上的内容") != std::string::npos);
  const long before = fx.feed_version();
  const auto evil = fx.dir() / "evil.html";
  test::write_text(evil, "<!doctype html><form method=post enctype=multipart/form-data action=\"" +
                             fx.url("/publish") +
                             "\"><input name=reason value=evil><button id=go>win a prize</button></form>");
  b.go("file://" + evil.string());
  b.click("#go");
  // The session cookie (SameSite=Lax) does not travel with a cross-site post: the console asks for a login.
  CHECK(b.wait_for_url("/login"));
  CHECK(fx.feed_version() == before);
}

TEST_CASE(
    "in a real browser at phone width an admin adds a kiosk - reads its code - and sees it on the fleet "
    "page") {
  REQUIRE_MESSAGE(test::have_browser(),
                  "chromium and chromium-driver are missing: scripts/install-deps.sh test");
  test::ConsoleFixture fx;
  test::Browser b(fx.dir() / "browser", "390,844");
  // KIOSK_BROWSER_SHOTS=DIR keeps what the browser showed, for a person to look at.
  const char* shots = std::getenv("KIOSK_BROWSER_SHOTS");
  const auto keep = [&](const std::string& name) {
    if (shots != nullptr) b.screenshot(std::filesystem::path(shots) / (name + ".png"));
  };
  log_in(b, fx, "admin");
  b.go(fx.url("/fleet"));
  REQUIRE(b.wait_for("#add-kiosk"));
  b.type("#add-kiosk input[name=id]", "hq-lobby-1");
  b.set_value("#add-kiosk select[name=space]", "tjab");
  b.click("#add-kiosk button[type=submit]");
  REQUIRE(b.wait_for("#pair-code"));
  keep("fleet-code-zh");
  const std::string page = b.source();
  const auto at = page.find("id=\"pair-code\">");
  REQUIRE(at != std::string::npos);
  const std::string code = page.substr(at + 15, 9);
  auto paired = test::http({"POST",
                            fx.url("/api/v1/pair"),
                            {"Content-Type: application/json"},
                            "{\"code\": \"" + code + "\"}",
                            std::nullopt});
  REQUIRE(paired.status == 200);
  const std::string token = paired.body.substr(paired.body.find("\"token\":\"") + 9, 64);
  const std::string beat =
      R"({"kiosk_id": "hq-lobby-1", "software": "1.0", "content": {"version": 0}, "sync": {"result": "error", "failures": 3,
          "failure_code": "network"}, "display": {"state": "on", "width": 1080, "height": 1920, "orientation": "portrait"},
          "board": {"cpu_celsius": 56.2, "addresses": ["eth0 192.168.10.31"]}})";
  REQUIRE(test::http({"POST",
                      fx.url("/api/v1/heartbeat"),
                      {"Content-Type: application/json", "Authorization: Bearer " + token},
                      beat,
                      std::nullopt})
              .status == 200);
  b.go(fx.url("/fleet"));
  REQUIRE(b.wait_for("#fleet-table"));
  CHECK(b.source().find("连不上内容服务器") != std::string::npos);
  // Nothing wider than the phone: no sideways scrolling on the fleet page or a kiosk's page.
  CHECK(b.script("document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth == 390") ==
        "true");
  keep("fleet-list-zh");
  b.go(fx.url("/fleet/hq-lobby-1?lang=en"));
  REQUIRE(b.wait_for("#screenshot-now"));
  CHECK(b.source().find("cannot reach the content server") != std::string::npos);
  CHECK(b.script("document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth == 390") ==
        "true");
  keep("kiosk-en");
  b.click("#screenshot-now");
  REQUIRE(b.wait_for_url("?sent=1"));
  CHECK(b.source().find("The kiosk runs it at its next heartbeat") != std::string::npos);
  b.go(fx.url("/fleet?lang=zh"));
  REQUIRE(b.wait_for("#fleet-table"));
}

TEST_CASE(
    "in a real browser the fleet pages read well at desktop and phone width - hostile ids are refused") {
  REQUIRE_MESSAGE(test::have_browser(),
                  "chromium and chromium-driver are missing: scripts/install-deps.sh test");
  test::ConsoleFixture fx;
  const char* shots = std::getenv("KIOSK_BROWSER_SHOTS");
  // Two kiosks with facts and a screenshot, an urgent notice one of them shows.
  auto admin_http = fx.login("admin");
  const auto code_of = [&](const std::string& id) {
    const auto page = admin_http.post("/fleet/add", {{"id", id, "", ""}, {"space", "tjab", "", ""}}).body;
    return page.substr(page.find("id=\"pair-code\">") + 15, 9);
  };
  std::vector<std::string> tokens;
  for (const std::string id : {"hq-lobby-1", "hq-lobby-2"}) {
    const auto r = test::http({"POST",
                               fx.url("/api/v1/pair"),
                               {"Content-Type: application/json"},
                               "{\"code\": \"" + code_of(id) + "\"}",
                               std::nullopt});
    REQUIRE(r.status == 200);
    tokens.push_back(r.body.substr(r.body.find("\"token\":\"") + 9, 64));
  }
  const std::string beat = R"({"kiosk_id": "hq-lobby-1", "software": "1.0", "content": {"version": 0},
      "sync": {"result": "ok", "failures": 0}, "display": {"state": "on", "width": 1920, "height": 1080},
      "board": {"cpu_celsius": 83.0, "under_voltage": true, "addresses": ["eth0 192.168.10.31"]}})";
  REQUIRE(test::http({"POST",
                      fx.url("/api/v1/heartbeat"),
                      {"Content-Type: application/json", "Authorization: Bearer " + tokens[0]},
                      beat,
                      std::nullopt})
              .status == 200);
  for (const auto& [width, tag] :
       {std::pair<std::string, std::string>{"1280,900", "desktop"}, {"390,844", "phone"}}) {
    test::Browser b(fx.dir() / ("browser-" + tag), width);
    log_in(b, fx, "admin");
    for (const std::string lang : {"zh", "en"}) {
      for (const std::string page : {"/fleet", "/fleet/hq-lobby-1", "/settings", "/urgent", "/"}) {
        b.go(fx.url(page + "?lang=" + lang));
        REQUIRE(b.wait_for("main h1"));
        CHECK_MESSAGE(b.script("document.documentElement.scrollWidth <= window.innerWidth") == "true",
                      tag << " " << page);
        if (shots != nullptr) {
          std::string name = page == "/" ? "overview" : page.substr(1);
          std::replace(name.begin(), name.end(), '/', '-');
          b.screenshot(std::filesystem::path(shots) / (name + "-" + tag + "-" + lang + ".png"));
        }
      }
    }
    // A hostile id is refused with a message, and shown as text, never as markup.
    b.go(fx.url("/fleet?lang=zh"));
    b.type("#add-kiosk input[name=id]", "x\"><script>alert(1)</script>");
    b.script("document.querySelector('#add-kiosk input[name=id]').removeAttribute('pattern') || true");
    b.click("#add-kiosk button[type=submit]");
    REQUIRE(b.wait_for("#message"));  // the refusal page, not the fleet page still on screen
    CHECK(b.source().find("<script>alert(1)</script>") == std::string::npos);
    CHECK(b.source().find("无法添加这台屏幕") != std::string::npos);
  }
}
