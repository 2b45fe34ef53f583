// The kiosk on a real X server (Xvfb), on both presentation paths: SDL's GL renderer (Mesa's
// llvmpipe here; GLX_MESA_copy_sub_buffer for partial presents) and our software window surface.
// What a visitor would see is read back from the X server itself (xwd), not from the kiosk: a clock
// tick must change only the clock's rectangle on screen, and the frame around it must stay whole.
// Label "x11": the release build only (GL drivers under qemu or the sanitizers test Mesa, not us).
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>

#include "tests/support/child_process.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

constexpr int kWidth = 1280, kHeight = 800;

// An X server of our own on a display number nobody uses, gone with the test.
struct Xvfb {
  test::TempDir dir;
  int display = 0;
  std::unique_ptr<test::ChildProcess> server;

  Xvfb() {
    for (display = 40 + static_cast<int>(::getpid() % 300);; ++display) {
      if (!fs::exists("/tmp/.X11-unix/X" + std::to_string(display)) &&
          !fs::exists("/tmp/.X" + std::to_string(display) + "-lock")) {
        break;
      }
    }
    server = std::make_unique<test::ChildProcess>(
        std::vector<std::string>{"Xvfb", name(), "-screen", "0",
                                 std::to_string(kWidth) + "x" + std::to_string(kHeight) + "x24", "-nolisten",
                                 "tcp"},
        std::vector<std::string>{}, dir / "xvfb.log");
    for (int i = 0; i < 200 && !fs::exists("/tmp/.X11-unix/X" + std::to_string(display)); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE_MESSAGE(fs::exists("/tmp/.X11-unix/X" + std::to_string(display)),
                    "Xvfb did not start (scripts/install-deps.sh test installs xvfb): " << server->log());
  }
  std::string name() const { return ":" + std::to_string(display); }
};

// The root window as the X server holds it: xwd's ZPixmap, 32 bits per pixel.
struct Screen {
  int width = 0, height = 0, stride = 0;
  std::string pixels;
  std::uint32_t at(int x, int y) const {
    std::uint32_t p = 0;
    std::memcpy(&p, pixels.data() + static_cast<std::size_t>(y) * stride + x * 4, 4);
    return p & 0xFFFFFFu;
  }
};

std::uint32_t be32(const std::string& s, std::size_t at) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data() + at);
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

Screen grab(const Xvfb& x, const fs::path& file) {
  test::ChildProcess xwd({"xwd", "-root", "-silent", "-display", x.name(), "-out", file.string()}, {},
                         x.dir / "xwd.log");
  REQUIRE_MESSAGE(xwd.wait(30) == 0,
                  "xwd failed (scripts/install-deps.sh test installs x11-apps): " << xwd.log());
  const std::string d = test::read_text(file);
  REQUIRE(d.size() >= 100);
  Screen s;
  const std::uint32_t header = be32(d, 0), bits_per_pixel = be32(d, 44), colours = be32(d, 76);
  s.width = static_cast<int>(be32(d, 16));
  s.height = static_cast<int>(be32(d, 20));
  s.stride = static_cast<int>(be32(d, 48));
  REQUIRE(bits_per_pixel == 32);
  const std::size_t offset = header + colours * 12;
  REQUIRE(d.size() >= offset + static_cast<std::size_t>(s.stride) * s.height);
  s.pixels = d.substr(offset, static_cast<std::size_t>(s.stride) * s.height);
  return s;
}

struct Box {
  int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
  bool empty() const { return x1 < 0; }
  long long area() const { return empty() ? 0 : static_cast<long long>(x1 - x0 + 1) * (y1 - y0 + 1); }
};

Box changed(const Screen& a, const Screen& b) {
  Box box;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      if (a.at(x, y) == b.at(x, y)) continue;
      box.x0 = std::min(box.x0, x), box.y0 = std::min(box.y0, y);
      box.x1 = std::max(box.x1, x), box.y1 = std::max(box.y1, y);
    }
  }
  return box;
}

std::vector<long long> partial_frames(const std::string& log) {
  std::vector<long long> out;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("frame partial ", 0) == 0) out.push_back(std::stoll(line.substr(14)));
  }
  return out;
}

}  // namespace

TEST_CASE("on an X server a clock tick puts only the clock on screen - GPU and software paths alike") {
  Xvfb x;
  for (const std::string path : {"--gpu", "--software"}) {
    CAPTURE(path);
    test::TempDir run;
    auto argv = test::our_program("kiosk/kiosk");
    argv.insert(argv.end(), {"--demo", "--data-dir", (run / "data").string(), "--size", "1280x800", path,
                             "--frame-stats", "--now", "2026-11-30T10:00:00+08:00"});
    test::ChildProcess kiosk(argv,
                             {"DISPLAY=" + x.name(), "XDG_RUNTIME_DIR=" + run.path().string(),
                              "KIOSK_ASSET_DIR=" + (test::source_dir() / "assets").string()},
                             run / "kiosk.log");
    // Three clock-only frames: started, settled, and ticking.
    for (int i = 0; i < 1200 && partial_frames(kiosk.log()).size() < 3; ++i) {
      REQUIRE_MESSAGE(!kiosk.wait(0.05).has_value(), kiosk.log());
    }
    REQUIRE_MESSAGE(partial_frames(kiosk.log()).size() >= 3, kiosk.log());
    if (path == "--gpu")
      CHECK_MESSAGE(kiosk.log().find("partial redraw and present") != std::string::npos, kiosk.log());

    const Screen before = grab(x, run / "before.xwd");
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));  // at least one tick in between
    const Screen after = grab(x, run / "after.xwd");
    REQUIRE(before.width == kWidth);

    // A whole frame is on screen: most of it is drawn, not the clear colour or black.
    long long drawn = 0;
    for (int y = 0; y < kHeight; y += 4) {
      for (int xx = 0; xx < kWidth; xx += 4) {
        const std::uint32_t p = before.at(xx, y);
        if (p != 0x0F1B2Du && p != 0) ++drawn;
      }
    }
    CHECK(drawn > kWidth * kHeight / 16 / 5);

    // The seconds changed, only there: a small box near the top, where the home screen's clock is.
    const Box box = changed(before, after);
    REQUIRE_FALSE(box.empty());
    CHECK(box.area() <= 100000);
    CHECK(box.y1 < kHeight / 3);
    CHECK(box.x1 < kWidth / 2);
    for (long long pixels : partial_frames(kiosk.log())) {
      CHECK(pixels > 0);
      CHECK(pixels <= 100000);
    }
    kiosk.signal(SIGTERM);
    CHECK(kiosk.wait(30) == 0);
  }
}
