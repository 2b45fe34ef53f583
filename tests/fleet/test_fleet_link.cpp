// The kiosk's side of the console link without a console: the heartbeat's size cap, reading the
// reply, the screenshot's size and format, the credentials file and the config section.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <random>

#include "sync/content/image_probe.hpp"
#include "sync/fleet/console_link.hpp"
#include "sync/fleet/heartbeat.hpp"
#include "sync/fleet/screenshot.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using nlohmann::json;

TEST_CASE("a heartbeat is compact JSON under 4 KB - even with 100 addresses and a 10 KB failure text") {
  fleet::KioskReport r;
  r.kiosk_id = "hq-lobby-1";
  r.software = "1.0.0+abc";
  r.content_version = 42;
  r.manifest_sha256 = std::string(64, 'a');
  r.sync_result = "error";
  r.failure_code = "tls";
  r.failure = "证书不受信任 ";
  r.screen_w = 1080;
  r.screen_h = 1920;
  r.cpu_celsius = 61.234;
  r.addresses = {"eth0 192.168.1.20", "wlan0 10.0.0.7"};
  r.urgent_shown = {"urgent-1"};
  const std::string normal = r.serialise();
  CHECK(normal.size() < 2048);  // the budget: ≤ 2 KB on the wire for a normal beat
  const json j = json::parse(normal);
  CHECK(j["kiosk_id"] == "hq-lobby-1");
  CHECK(j["content"]["version"] == 42);
  CHECK(j["display"]["orientation"] == "portrait");
  CHECK(j["board"]["cpu_celsius"] == doctest::Approx(61.2));
  CHECK(j["sync"]["failure_code"] == "tls");

  for (int i = 0; i < 100; ++i)
    r.addresses.push_back("veth" + std::to_string(i) + " fe80::1234:5678:9abc:def0");
  for (int i = 0; i < 2000; ++i) r.failure += "错误";
  const std::string big = r.serialise();
  CHECK(big.size() <= fleet::kMaxHeartbeatBytes);
  const json b = json::parse(big);  // still valid JSON and valid UTF-8 (cut between characters)
  CHECK(b["kiosk_id"] == "hq-lobby-1");
  CHECK(b["content"]["version"] == 42);
}

TEST_CASE("the console's reply carries hints only: unknown commands and malformed entries are ignored") {
  const auto r = fleet::parse_heartbeat_reply(
      R"({"next_s": 30, "commands": [{"id": 17, "kind": "screenshot"}, {"id": 18, "kind": "sync_now"},
          {"id": 19, "kind": "shell", "command": "rm -rf /"}, {"kind": "screenshot"}, "x", {"id": "20", "kind": "sync_now"}],
          "config": {"sync": {"server": "https://evil.example"}}})");
  CHECK(r.next_s == 30);
  REQUIRE(r.commands.size() == 2);
  CHECK(r.commands[0].id == 17);
  CHECK(r.commands[0].kind == "screenshot");
  CHECK(r.commands[1].kind == "sync_now");
  CHECK_THROWS_WITH(fleet::parse_heartbeat_reply("<html>"), doctest::Contains("not JSON"));
  CHECK_THROWS(fleet::parse_heartbeat_reply("[1]"));
}

TEST_CASE("a 1920x1080 frame becomes a 1280 px PNG - a photo-like frame a JPEG under 500 KB") {
  fleet::Frame flat;
  flat.width = 1920;
  flat.height = 1080;
  flat.rgba.assign(static_cast<std::size_t>(1920) * 1080 * 4, 255);
  for (std::size_t i = 0; i < flat.rgba.size() / 2; i += 4) flat.rgba[i] = 20;  // top half another colour
  const auto png = fleet::encode_screenshot(flat);
  CHECK(png.mime == "image/png");
  CHECK(png.width == 1280);
  CHECK(png.height == 720);
  auto size = content::probe_image(png.bytes);
  REQUIRE(size);
  CHECK(size->width == 1280);
  CHECK(png.bytes.size() < fleet::kMaxScreenshotBytes);

  fleet::Frame noise = flat;
  std::mt19937 random(7);
  for (auto& b : noise.rgba) b = static_cast<unsigned char>(random());
  const auto jpeg = fleet::encode_screenshot(noise);
  CHECK(jpeg.mime == "image/jpeg");
  CHECK(jpeg.bytes.size() <= fleet::kMaxScreenshotBytes);
  CHECK(content::probe_image(jpeg.bytes));

  fleet::Frame small;
  small.width = 800;
  small.height = 480;
  small.rgba.assign(static_cast<std::size_t>(800) * 480 * 4, 128);
  CHECK(fleet::encode_screenshot(small).width == 800);  // never scaled up
  CHECK_THROWS(fleet::encode_screenshot(fleet::Frame{}));
}

TEST_CASE("credentials are written readable by their owner only - and read back") {
  test::TempDir tmp;
  CHECK_FALSE(fleet::load_credentials(tmp.path()));
  fleet::save_credentials(tmp.path(), {"https://console.example.cn", "hq-lobby-1", std::string(64, 'f')});
  struct stat st {};
  REQUIRE(::stat(fleet::credentials_path(tmp.path()).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const auto c = fleet::load_credentials(tmp.path());
  REQUIRE(c);
  CHECK(c->kiosk_id == "hq-lobby-1");
  fleet::set_credentials_aside(tmp.path());
  CHECK_FALSE(fleet::load_credentials(tmp.path()));
  CHECK(std::filesystem::exists(tmp / "console.json.revoked"));
  test::write_text(fleet::credentials_path(tmp.path()), "{broken");
  CHECK_THROWS_WITH(fleet::load_credentials(tmp.path()),
                    doctest::Contains("pair the kiosk with the console again"));
}

TEST_CASE("the console section: https only - a sane interval - codes typed loosely") {
  const auto c =
      fleet::parse_console_config(json{{"url", "https://console.example.cn/"}, {"heartbeat_s", 30}});
  CHECK(c.url == "https://console.example.cn");
  CHECK(c.heartbeat_s == 30);
  CHECK_THROWS_WITH(fleet::parse_console_config(json{{"url", "http://console.example.cn"}}),
                    doctest::Contains("https://"));
  CHECK_THROWS_WITH(fleet::parse_console_config(json{{"url", "https://c"}, {"heartbeat_s", 0}}),
                    doctest::Contains("between 1 and 3600"));
  CHECK_THROWS(fleet::parse_console_config(json::array()));
  CHECK(fleet::normalise_pair_code(" ab3k-7q2m ") == "AB3K7Q2M");
}
