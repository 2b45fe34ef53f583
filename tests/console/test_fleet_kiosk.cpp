// The whole fleet path with real processes: kiosk-console serve, nginx in front of it (the shipped
// proxy settings, TLS) also serving the signed feed, `kioskctl pair`, and the kiosk program itself on
// SDL's offscreen driver. The kiosk beats, answers "screenshot now" with the frame it shows (its
// home screen, compared with a headless render of the same content) and "sync now" with a sync; a
// revoked kiosk keeps its content and stops beating.
#include <doctest/doctest.h>
#include <signal.h>
#include <stb/stb_image.h>
#include <sys/stat.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "sync/feed/keys.hpp"
#include "tests/console/console_fixture.hpp"
#include "tests/engine/feed_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/nginx_server.hpp"

using namespace kiosk;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Generous: under qemu-aarch64 the kiosk needs seconds to start.
constexpr double kStartSeconds = 120;

// One of our programs with arguments; its exit code, its output in *out.
int run(const test::ConsoleFixture& fx, const std::string& program, const std::vector<std::string>& args,
        const std::string& log, std::string* out = nullptr) {
  auto argv = test::our_program(program);
  argv.insert(argv.end(), args.begin(), args.end());
  test::ChildProcess p(argv, {}, fx.dir() / log);
  const int rc = p.wait(300).value_or(-1);
  if (out) *out = p.log();
  return rc;
}

template <class F>
bool wait_until(F&& done, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

struct Image {
  int w = 0, h = 0;
  std::vector<unsigned char> rgb;
};

Image decode(const std::string& bytes) {
  Image img;
  int channels = 0;
  unsigned char* p = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                                           static_cast<int>(bytes.size()), &img.w, &img.h, &channels, 3);
  REQUIRE(p != nullptr);
  img.rgb.assign(p, p + static_cast<std::size_t>(img.w) * img.h * 3);
  stbi_image_free(p);
  return img;
}

}  // namespace

TEST_CASE(
    "a kiosk process pairs - beats - answers screenshot and sync now - and stops beating when revoked") {
  test::ConsoleFixture::Options options;
  options.extra_args = {"--heartbeat-seconds", "1"};
  test::ConsoleFixture fx(options);
  auto publisher = fx.login("publisher");
  REQUIRE(publisher.post("/publish", {{"reason", "first", "", ""}}).status == 303);
  const long first_version = fx.feed_version();
  REQUIRE(first_version > 0);

  const auto snippet = test::source_dir() / "packaging" / "nginx" / "kiosk-console-proxy.conf";
  test::NginxServer nginx(
      test::test_tls(), fx.dir() / "nginx",
      "    include " + snippet.string() + ";\n    location /feed/ { alias " + fx.feed().string() + "/; }",
      "upstream kiosk_console { server 127.0.0.1:" + std::to_string(fx.port()) + "; }");
  const std::string ca = test::test_tls().ca.string();
  const fs::path data = fx.dir() / "kiosk-data";

  // An admin adds the kiosk; staff pair it from its shell.
  std::string code;
  REQUIRE(run(fx, "console/kiosk-console",
              {"kiosk", "add", "hq-lobby-1", "--space", "tjab", "--data-dir", fx.data().string()}, "add.log",
              &code) == 0);
  code = code.substr(0, 8);
  const std::vector<std::string> pair_args = {"pair",       "--console",   nginx.url(), "--code", code,
                                              "--data-dir", data.string(), "--ca",      ca};
  std::string pair_log;
  REQUIRE_MESSAGE(run(fx, "sync/kioskctl/kioskctl", pair_args, "pair.log", &pair_log) == 0, pair_log);
  struct stat st {};
  REQUIRE(::stat((data / "console.json").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(run(fx, "sync/kioskctl/kioskctl", pair_args, "pair-again.log", &pair_log) == 1);  // the code is spent
  CHECK(pair_log.find("wrong, used already or expired") != std::string::npos);

  const std::string root_key = test::read_text(feed::KeyPaths(fx.keys()).root_pub());
  json config = {{"kiosk_id", "hq-lobby-1"},
                 {"sync",
                  {{"server", nginx.url() + "/feed"},
                   {"root_public_keys", {root_key.substr(0, root_key.find_last_not_of("\n ") + 1)}},
                   {"ca_file", ca},
                   {"poll_interval_s", 3600},
                   {"desk_poll_interval_s", 3600}}},
                 {"console", {{"url", nginx.url()}, {"heartbeat_s", 1}, {"ca", ca}}}};
  test::write_text(fx.dir() / "kiosk.json", config.dump(2));
  auto kiosk_argv = test::our_program("kiosk/kiosk");
  kiosk_argv.insert(kiosk_argv.end(), {"--config", (fx.dir() / "kiosk.json").string(), "--data-dir",
                                       data.string(), "--windowed", "--size", "800x480", "--software"});
  auto kiosk = std::make_unique<test::ChildProcess>(
      kiosk_argv,
      std::vector<std::string>{"SDL_VIDEODRIVER=offscreen", "SDL_FRAMEBUFFER_ACCELERATION=0",
                               "KIOSK_ASSET_DIR=" + (test::source_dir() / "assets").string()},
      fx.dir() / "kiosk.log");

  const auto kiosk_json = [&] {
    return json::parse(fx.api("GET", "/api/v1/kiosks/hq-lobby-1", fx.token("editor")).body);
  };
  // The content thread may report the version a beat before the display is up (it starts in
  // parallel, slower on a loaded machine): wait for both.
  REQUIRE_MESSAGE(wait_until(
                      [&] {
                        json k = kiosk_json();
                        return k["content_version"] == first_version && k["display"].is_object() &&
                               k["display"].value("state", "") == "on";
                      },
                      kStartSeconds),
                  kiosk->log() << "\n"
                               << kiosk_json().dump());
  json k = kiosk_json();
  CHECK(k["state"] == "online");
  CHECK(k["display"]["width"] == 800);
  CHECK(k["display"]["height"] == 480);
  CHECK(k["display"]["state"] == "on");
  CHECK(k["sync"]["result"] == "ok");

  // Screenshot now: the frame on screen, as a PNG.
  auto sent =
      fx.api("POST", "/api/v1/kiosks/hq-lobby-1/commands", fx.token("editor"), R"({"kind": "screenshot"})");
  REQUIRE(sent.status == 202);
  test::HttpResponse shot;
  REQUIRE_MESSAGE(wait_until(
                      [&] {
                        shot = fx.api("GET", "/api/v1/kiosks/hq-lobby-1/screenshot", fx.token("editor"));
                        return shot.status == 200;
                      },
                      30),
                  kiosk->log());
  CHECK(shot.header("content-type") == "image/png");
  const Image frame = decode(shot.body);
  CHECK(frame.w == 800);
  CHECK(frame.h == 480);

  // Sync now: a desk changes in the console (published by itself within a second); the kiosk polls
  // only hourly, so only the command brings the new version.
  const json desks = json::parse(fx.api("GET", "/api/v1/desks", fx.token("editor")).body)["desks"];
  REQUIRE_FALSE(desks.empty());
  const std::string desk = desks[0]["id"];
  const std::string status = desks[0].value("status", "free") == "free" ? "occupied" : "free";
  REQUIRE(
      fx.api("PUT", "/api/v1/desks/" + desk + "/status", fx.token("editor"), json{{"status", status}}.dump())
          .status == 200);
  REQUIRE(wait_until([&] { return fx.feed_version() > first_version; }, 30));
  const long second_version = fx.feed_version();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK(kiosk_json()["content_version"] == first_version);  // no poll brought it
  const auto asked = std::chrono::steady_clock::now();
  REQUIRE(fx.api("POST", "/api/v1/kiosks/hq-lobby-1/commands", fx.token("editor"), R"({"kind": "sync_now"})")
              .status == 202);
  REQUIRE_MESSAGE(wait_until([&] { return kiosk_json()["content_version"] == second_version; }, 30),
                  kiosk->log());
  MESSAGE("sync now -> new version reported: "
          << std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count()
          << " s (one beat to deliver the command, the sync, one beat to report)");

  // Revoked: the next beat gets 401; the kiosk keeps its content and stops beating.
  REQUIRE(run(fx, "console/kiosk-console",
              {"kiosk", "revoke", "hq-lobby-1", "--data-dir", fx.data().string()}, "revoke.log") == 0);
  REQUIRE_MESSAGE(wait_until([&] { return fs::exists(data / "console.json.revoked"); }, 20), kiosk->log());
  // nginx logs a request after answering it: the refused beat's line may trail the kiosk's reaction
  // to it by a moment on a loaded machine, so count once the log has settled.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const int beats = nginx.count_in_log("POST /api/v1/heartbeat");
  std::this_thread::sleep_for(std::chrono::seconds(4));
  CHECK(nginx.count_in_log("POST /api/v1/heartbeat") == beats);
  CHECK_FALSE(kiosk->wait(0).has_value());  // still running, still showing content
  kiosk->signal(SIGTERM);
  REQUIRE(kiosk->wait(60) == 0);
  CHECK(kiosk->log().find("revoked") != std::string::npos);

  // The screenshot showed the home screen: a headless render of the same data directory matches it
  // (the clock and the relative dates may differ: most pixels, not all, must be equal).
  auto render = test::our_program("kiosk/kiosk");
  render.insert(render.end(), {"--screenshot", (fx.dir() / "home.png").string(), "--screen", "home", "--size",
                               "800x480", "--lang", "zh", "--data-dir", data.string(), "--config",
                               (fx.dir() / "kiosk.json").string()});
  test::ChildProcess headless(render, {"KIOSK_ASSET_DIR=" + (test::source_dir() / "assets").string()},
                              fx.dir() / "render.log");
  REQUIRE_MESSAGE(headless.wait(kStartSeconds) == 0, headless.log());
  const Image home = decode(test::read_text(fx.dir() / "home.png"));
  REQUIRE(home.w == frame.w);
  REQUIRE(home.h == frame.h);
  std::size_t same = 0;
  for (std::size_t i = 0; i < home.rgb.size(); i += 3) {
    same += std::abs(home.rgb[i] - frame.rgb[i]) + std::abs(home.rgb[i + 1] - frame.rgb[i + 1]) +
                std::abs(home.rgb[i + 2] - frame.rgb[i + 2]) <=
            24;
  }
  const double share = static_cast<double>(same) / (home.rgb.size() / 3);
  MESSAGE("screenshot vs headless home render: " << share * 100 << " % of pixels equal");
  CHECK(share > 0.9);
}
