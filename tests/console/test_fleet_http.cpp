// The fleet over real HTTP (kiosk-console serve as a child process): the kiosks' routes with their
// tokens and every bad input, the staff API, the pages in both languages, offline detection with
// short intervals, and the webhook to a local receiver.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/console/console_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/hook_receiver.hpp"

using namespace kiosk;
using nlohmann::json;

namespace {

// `kiosk-console kiosk add ID`, as an admin on the console's shell: returns the code it prints.
std::string add_kiosk(const test::ConsoleFixture& fx, const std::string& id, const std::string& space = "") {
  auto argv = test::our_program("console/kiosk-console");
  argv.insert(argv.end(), {"kiosk", "add", id, "--data-dir", fx.data().string()});
  if (!space.empty()) argv.insert(argv.end(), {"--space", space});
  test::ChildProcess p(argv, {}, fx.dir() / ("add-" + id + ".log"));
  REQUIRE(p.wait(120) == 0);
  const std::string out = p.log();
  const auto end = out.find('\n');
  REQUIRE(end == 8);
  return out.substr(0, end);
}

test::HttpResponse post(const test::ConsoleFixture& fx, const std::string& path, const std::string& body,
                        const std::string& token = "", const std::string& type = "application/json",
                        const std::string& method = "POST") {
  test::HttpRequest r;
  r.method = method;
  r.url = fx.url(path);
  r.body = body;
  r.headers = {"Content-Type: " + type};
  if (!token.empty()) r.headers.push_back("Authorization: Bearer " + token);
  return test::http(r);
}

std::string pair(const test::ConsoleFixture& fx, const std::string& code) {
  const auto r = post(fx, "/api/v1/pair", json{{"code", code}}.dump());
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return json::parse(r.body)["token"];
}

json beat(const std::string& id, std::int64_t version = 0) {
  return json{{"kiosk_id", id},
              {"software", "test"},
              {"content", {{"version", version}, {"origin", "feed"}}},
              {"sync", {{"result", "ok"}, {"failures", 0}}},
              {"display", {{"state", "on"}, {"width", 1280}, {"height", 800}}},
              {"board", {{"cpu_celsius", 48.5}, {"under_voltage", false}, {"addresses", {"eth0 10.0.0.9"}}}},
              {"urgent_shown", json::array()}};
}

// A real PNG: a 1x1 frame encoded the way a kiosk would not bother to, but valid.
const std::string kPng =
    std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde", 33) +
    std::string("\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef", 24) +
    std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);

}  // namespace

TEST_CASE("fleet API: pair - beat - command - screenshot - and every bad input refused with its status") {
  test::ConsoleFixture fx;
  const std::string code = add_kiosk(fx, "hq-lobby-1", "tjab");
  const std::string token = pair(fx, code);
  CHECK(token.size() == 64);
  auto replay = post(fx, "/api/v1/pair", json{{"code", code}}.dump());
  CHECK(replay.status == 403);
  CHECK(json::parse(replay.body)["error"] == "bad_code");

  auto ok = post(fx, "/api/v1/heartbeat", beat("hq-lobby-1").dump(), token);
  REQUIRE_MESSAGE(ok.status == 200, ok.body);
  CHECK(json::parse(ok.body)["next_s"] == 60);
  CHECK(post(fx, "/api/v1/heartbeat", beat("hq-lobby-1").dump()).status == 401);
  CHECK(post(fx, "/api/v1/heartbeat", beat("hq-lobby-1").dump(), std::string(64, '0')).status == 401);
  CHECK(post(fx, "/api/v1/heartbeat", beat("hq-lobby-2").dump(), token).status == 403);
  CHECK(post(fx, "/api/v1/heartbeat", "{not json", token).status == 400);
  json huge = beat("hq-lobby-1");
  huge["padding"] = std::string(5000, 'x');
  CHECK(post(fx, "/api/v1/heartbeat", huge.dump(), token).status == 413);

  // Staff: the list, one kiosk, a command, the screenshot.
  auto list = fx.api("GET", "/api/v1/kiosks", fx.token("editor"));
  REQUIRE(list.status == 200);
  const json kiosks = json::parse(list.body)["kiosks"];
  REQUIRE(kiosks.size() == 1);
  CHECK(kiosks[0]["id"] == "hq-lobby-1");
  CHECK(kiosks[0]["state"] == "online");
  CHECK(kiosks[0]["space"] == "tjab");
  CHECK(kiosks[0]["content_version"] == 0);
  CHECK_FALSE(kiosks[0]["last_seen"].is_null());
  CHECK(fx.api("GET", "/api/v1/kiosks", "").status == 401);
  CHECK(fx.api("GET", "/api/v1/kiosks/nope", fx.token("editor")).status == 404);
  CHECK(fx.api("POST", "/api/v1/kiosks/hq-lobby-1/commands", fx.token("editor"), R"({"kind": "reboot"})")
            .status == 400);
  auto sent =
      fx.api("POST", "/api/v1/kiosks/hq-lobby-1/commands", fx.token("editor"), R"({"kind": "screenshot"})");
  REQUIRE_MESSAGE(sent.status == 202, sent.body);
  const auto command = json::parse(sent.body)["id"].get<std::int64_t>();
  auto with_command = json::parse(post(fx, "/api/v1/heartbeat", beat("hq-lobby-1").dump(), token).body);
  REQUIRE(with_command["commands"].size() == 1);
  CHECK(with_command["commands"][0]["kind"] == "screenshot");
  CHECK(with_command["commands"][0]["id"] == command);

  const std::string path = "/api/v1/screenshots/" + std::to_string(command);
  CHECK(post(fx, path, kPng, "", "image/png", "PUT").status == 401);
  CHECK(post(fx, path, kPng, token, "text/plain", "PUT").status == 415);
  CHECK(post(fx, path, std::string(600 * 1024, 'x'), token, "image/png", "PUT").status == 413);
  CHECK(post(fx, "/api/v1/screenshots/999999", kPng, token, "image/png", "PUT").status == 404);
  auto stored = post(fx, path, kPng, token, "image/png", "PUT");
  REQUIRE_MESSAGE(stored.status == 201, stored.body);
  auto shot = fx.api("GET", "/api/v1/kiosks/hq-lobby-1/screenshot", fx.token("editor"));
  REQUIRE(shot.status == 200);
  CHECK(shot.body == kPng);
  CHECK(shot.header("content-type") == "image/png");
  CHECK(shot.header("x-screenshot-time").size() >= 19);

  auto one = json::parse(fx.api("GET", "/api/v1/kiosks/hq-lobby-1", fx.token("editor")).body);
  CHECK(one["board"]["cpu_celsius"] == 48.5);
  CHECK(one["events"].is_array());

  // A token limited to one space commands the kiosks there, not those of the zone or other spaces.
  CHECK(fx.api("POST", "/api/v1/kiosks/hq-lobby-1/commands", fx.token("space-editor"),
               R"({"kind": "sync_now"})")
            .status == 202);
  add_kiosk(fx, "zone-hall");
  std::this_thread::sleep_for(
      std::chrono::milliseconds(1500));  // the running console reads CLI changes each second
  CHECK(
      fx.api("POST", "/api/v1/kiosks/zone-hall/commands", fx.token("space-editor"), R"({"kind": "sync_now"})")
          .status == 403);
}

TEST_CASE("guessing pairing codes is rate-limited per address: 1000 bad attempts get 429 - nobody pairs") {
  test::ConsoleFixture fx;
  const std::string code = add_kiosk(fx, "hq-lobby-1");
  int refused = 0, limited = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) {
    char guess[9];
    std::snprintf(guess, sizeof guess, "ZZZZ%04d", i);
    const auto r = post(fx, "/api/v1/pair", json{{"code", guess}}.dump());
    if (r.status == 403) ++refused;
    if (r.status == 429) ++limited;
  }
  // The burst of 10, and one more per 5 s the loop took (slow under qemu and sanitizers).
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(refused <= 11 + static_cast<int>(took * 0.2));
  CHECK(refused + limited == 1000);
  CHECK(limited >= 900);
  CHECK(post(fx, "/api/v1/pair", json{{"code", code}}.dump()).status ==
        429);  // even the right code must wait
}

TEST_CASE(
    "a silent kiosk goes offline in seconds with short intervals - the webhook hears it once - and its "
    "return") {
  test::HookReceiver hook;
  test::ConsoleFixture::Options options;
  options.extra_args = {"--heartbeat-seconds", "1", "--offline-seconds", "3"};
  test::ConsoleFixture fx(options);
  auto admin = fx.login("admin");
  REQUIRE(admin.post("/settings/webhook", {{"webhook_url", hook.url(), "", ""}}).status == 303);
  CHECK(admin.get("/settings").body.find(hook.url()) != std::string::npos);
  const std::string token = pair(fx, add_kiosk(fx, "hq-lobby-1", "tjab"));
  auto first = post(fx, "/api/v1/heartbeat", beat("hq-lobby-1").dump(), token);
  CHECK(json::parse(first.body)["next_s"] == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const auto bodies = hook.wait_for(1, 15);
  REQUIRE(bodies.size() == 1);
  const json alert = json::parse(bodies[0]);
  CHECK(alert["event"] == "offline");
  CHECK(alert["kiosk"] == "hq-lobby-1");
  CHECK(json::parse(fx.api("GET", "/api/v1/kiosks/hq-lobby-1", fx.token("editor")).body)["state"] ==
        "offline");
  std::this_thread::sleep_for(std::chrono::seconds(2));
  CHECK(hook.wait_for(2, 0).size() == 1);  // still offline: no second message
  REQUIRE(post(fx, "/api/v1/heartbeat", beat("hq-lobby-1").dump(), token).status == 200);
  const auto after = hook.wait_for(2, 10);
  REQUIRE(after.size() == 2);
  CHECK(json::parse(after[1])["event"] == "back");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the sender counts after the reply
  const auto settings = admin.get("/settings").body;
  CHECK(settings.find("id=\"webhook-delivery\" class=\"ok\"") != std::string::npos);
  CHECK(settings.find("已送达 2") != std::string::npos);
}

TEST_CASE(
    "fleet pages: the list worst first - a kiosk's facts and history - add and revoke - in Chinese and "
    "English") {
  test::ConsoleFixture fx;
  auto admin = fx.login("admin");
  auto added = admin.post("/fleet/add", {{"id", "hq-lobby-1", "", ""}, {"space", "tjab", "", ""}});
  REQUIRE(added.status == 200);
  const auto at = added.body.find("id=\"pair-code\">");
  REQUIRE(at != std::string::npos);
  std::string code = added.body.substr(at + 15, 9);
  CHECK(code[4] == '-');
  const std::string good = pair(fx, code);
  const std::string hot = pair(fx, add_kiosk(fx, "hq-lobby-2"));
  json hot_beat = beat("hq-lobby-2", 1);
  hot_beat["board"]["cpu_celsius"] = 85.0;
  hot_beat["sync"] = {
      {"result", "error"}, {"failures", 4}, {"failure_code", "tls"}, {"failure", "certificate"}};
  REQUIRE(post(fx, "/api/v1/heartbeat", beat("hq-lobby-1").dump(), good).status == 200);
  REQUIRE(post(fx, "/api/v1/heartbeat", hot_beat.dump(), hot).status == 200);

  auto list = admin.get("/fleet");
  REQUIRE(list.status == 200);
  const auto first = list.body.find("/fleet/hq-lobby-2\""), second = list.body.find("/fleet/hq-lobby-1\"");
  REQUIRE(first != std::string::npos);
  CHECK(first < second);  // the failing one on top
  CHECK(list.body.find("同步失败") != std::string::npos);
  CHECK(list.body.find("服务器证书不受信任") != std::string::npos);  // the failure in words, Chinese first
  CHECK(list.body.find("温度过高") != std::string::npos);
  auto filtered = admin.get("/fleet?state=online");
  CHECK(filtered.body.find("/fleet/hq-lobby-2\"") == std::string::npos);
  CHECK(filtered.body.find("/fleet/hq-lobby-1\"") != std::string::npos);
  auto english = admin.get("/fleet?lang=en");
  CHECK(english.body.find("Sync failing") != std::string::npos);
  CHECK(english.body.find("certificate is not trusted") != std::string::npos);

  auto page = admin.get("/fleet/hq-lobby-2?lang=zh");
  REQUIRE(page.status == 200);
  CHECK(page.body.find("85.0 °C") != std::string::npos);
  CHECK(page.body.find("10.0.0.9") != std::string::npos);
  CHECK(page.body.find("id=\"screenshot-now\"") != std::string::npos);
  REQUIRE(admin.post("/fleet/hq-lobby-2/command", {{"kind", "screenshot", "", ""}}).status == 303);
  CHECK(admin.get("/fleet/hq-lobby-2").body.find("等待屏幕取走") != std::string::npos);
  auto viewer = fx.login("viewer");
  CHECK(viewer.get("/fleet/hq-lobby-2").body.find("id=\"screenshot-now\"") == std::string::npos);
  CHECK(viewer.post("/fleet/hq-lobby-2/revoke", {{"confirm", "on", "", ""}}).status == 403);
  CHECK(viewer.post("/fleet/add", {{"id", "x", "", ""}}).status == 403);

  REQUIRE(admin.post("/fleet/hq-lobby-2/revoke", {{"confirm", "on", "", ""}}).status == 303);
  CHECK(post(fx, "/api/v1/heartbeat", hot_beat.dump(), hot).status == 401);
  CHECK(admin.get("/fleet/hq-lobby-2").body.find("这台屏幕已被吊销") != std::string::npos);
  CHECK(admin.get("/").body.find("id=\"fleet-summary\">0 / 2") != std::string::npos);
}

TEST_CASE("the urgent page shows per kiosk whether the notice is on its screen yet") {
  test::ConsoleFixture fx;
  const std::string a = pair(fx, add_kiosk(fx, "kiosk-a"));
  const std::string b = pair(fx, add_kiosk(fx, "kiosk-b"));
  auto editor = fx.login("editor");
  REQUIRE(editor
              .post("/urgent", {{"f.title.zh", "电梯停用", "", ""},
                                {"f.title.en", "Lift out of service", "", ""},
                                {"f.ends", "2099-01-01T10:00", "", ""}})
              .status == 303);
  const json notices = json::parse(fx.api("GET", "/api/v1/notices", fx.token("editor")).body);
  std::string id;
  for (const auto& n : notices["notices"]) {
    if (n.value("priority", "") == "urgent") id = n["id"];
  }
  REQUIRE(!id.empty());
  json showing = beat("kiosk-a");
  showing["urgent_shown"] = {id};
  REQUIRE(post(fx, "/api/v1/heartbeat", showing.dump(), a).status == 200);
  REQUIRE(post(fx, "/api/v1/heartbeat", beat("kiosk-b").dump(), b).status == 200);
  const auto page = editor.get("/urgent").body;
  CHECK(page.find("data-kiosk=\"kiosk-a\">kiosk-a · 已显示") != std::string::npos);
  CHECK(page.find("data-kiosk=\"kiosk-b\">kiosk-b · 尚未显示") != std::string::npos);
}
