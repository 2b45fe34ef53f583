// Kiosk frame benchmark (issue: kiosk app). Prints figures; budgets live in the issue:
//   font atlas <= 2048x2048 built in <= 100 ms; UI build <= 1.5 M instructions per frame; a 10,000-event
//   list within 1.2x of a 200-event list.
// Instruction counts need valgrind: scripts/bench.sh runs
//   valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no bench_kiosk_frame callgrind <mode>
// and divides the collected instructions by the frames. Without "callgrind" it prints wall times.
#include <valgrind/callgrind.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench/synthetic_content.hpp"
#include "kiosk/app/headless.hpp"
#include "kiosk/ui/fonts.hpp"
#include "platform/log.hpp"
#include "sync/content/source_dir.hpp"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kFrames = 60;
const content::UnixSeconds kNow = 1796004000;  // 2026-11-30T10:00:00+08:00

double ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::shared_ptr<const content::ContentSnapshot> demo() {
  content::Issues issues;
  auto dir = content::load_source_dir(KIOSK_SOURCE_ASSETS "/demo", issues, {kNow});
  return content::ContentSnapshot::build(std::move(dir.content), {});
}

std::shared_ptr<const content::ContentSnapshot> synthetic(std::size_t events) {
  return content::ContentSnapshot::build(bench::synthetic_content(events, 200, kNow - 3600), {});
}

// Frames of `screen`, with a finger dragging the list up when `scroll` is set. Collects callgrind
// instructions only around the UI build (NewFrame .. Render), not the software rasterisation.
void run_frames(app::HeadlessKiosk& k, bool scroll, bool collect, std::vector<double>* build_ms,
                std::vector<double>* render_ms, content::UnixSeconds now = kNow) {
  double mono = 10.0;
  if (scroll) k.ui().touch().push({ui::PointerEvent::Type::down, ImVec2(1000, 900), 0, mono});
  for (int i = 0; i < kFrames; ++i) {
    mono += 1.0 / 60.0;
    if (scroll) k.ui().touch().push({ui::PointerEvent::Type::move, ImVec2(1000, 900 - 12.0f * i), 0, mono});
    if (collect) CALLGRIND_TOGGLE_COLLECT;
    const auto a = Clock::now();
    k.host().frame(now, mono, k.sync());
    const auto b = Clock::now();
    if (collect) CALLGRIND_TOGGLE_COLLECT;
    k.host().render();
    const auto c = Clock::now();
    if (build_ms) build_ms->push_back(ms(a, b));
    if (render_ms) render_ms->push_back(ms(b, c));
  }
}

}  // namespace

int main(int argc, char** argv) {
  log::silence();
  const auto i18n = ui::I18n::load(KIOSK_SOURCE_ASSETS "/i18n");
  const auto file = ui::find_cjk_font();
  if (!file) {
    std::fprintf(stderr, "no CJK font (install fonts-noto-cjk)\n");
    return 1;
  }
  const auto font = ui::MappedFont::open(*file);

  // "callgrind screen:NAME": a gallery state (kiosk --help lists them) with the demo content.
  if (argc == 3 && std::strcmp(argv[1], "callgrind") == 0 && std::strncmp(argv[2], "screen:", 7) == 0) {
    const auto snap = demo();
    app::HeadlessKiosk k(1920, 1080, i18n, *file, snap);
    content::UnixSeconds now = kNow;
    if (!app::show_screen(k.ui(), *snap, argv[2] + 7, now)) {
      std::fprintf(stderr, "unknown screen %s\n", argv[2] + 7);
      return 1;
    }
    run_frames(k, false, false, nullptr, nullptr, now);
    CALLGRIND_START_INSTRUMENTATION;
    run_frames(k, false, true, nullptr, nullptr, now);
    std::printf("frames %d\n", kFrames);
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "callgrind") == 0) {
    const std::string mode = argv[2];
    auto snap = mode == "home" ? demo() : synthetic(mode == "events10000" ? 10000 : 200);
    app::HeadlessKiosk k(1920, 1080, i18n, *file, snap);
    if (mode != "home")
      k.ui().apply({ui::Action::Kind::navigate, {}, static_cast<int>(ui::Screen::events)}, 0);
    run_frames(k, false, false, nullptr, nullptr);  // warm up: caches, list rows, textures
    CALLGRIND_START_INSTRUMENTATION;                // collection stays off except around each UI build
    run_frames(k, mode != "home", true, nullptr, nullptr);
    std::printf("frames %d\n", kFrames);
    return 0;
  }

  const auto snap = demo();
  ui::GlyphSet glyphs = ui::base_glyphs(i18n.all_text());
  glyphs.add_content(snap->content());
  std::printf("bench_kiosk_frame: font %s #%d\n", file->path.c_str(), file->index);
  for (const auto& [w, h] :
       std::vector<std::pair<int, int>>{{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}}) {
    std::vector<double> times;
    int aw = 0, ah = 0;
    for (int i = 0; i < 5; ++i) {
      const auto atlas = ui::build_font_atlas(
          font, ui::compute_metrics(static_cast<float>(w), static_cast<float>(h)), glyphs);
      times.push_back(atlas->build_ms);
      aw = atlas->width, ah = atlas->height;
    }
    std::printf(
        "  atlas %4dx%-4d  %zu glyphs x 3 sizes + digits: %4dx%-4d  built in %5.1f ms (median of 5)  budget "
        "<= 2048x2048, <= 100 ms\n",
        w, h, glyphs.size(), aw, ah, median(times));
  }
  for (const auto& [label, events] : std::vector<std::pair<const char*, std::size_t>>{
           {"home, demo content", 0}, {"events, 200 events", 200}, {"events, 10,000 events", 10000}}) {
    auto s = events == 0 ? snap : synthetic(events);
    app::HeadlessKiosk k(1920, 1080, i18n, *file, s);
    if (events > 0) k.ui().apply({ui::Action::Kind::navigate, {}, static_cast<int>(ui::Screen::events)}, 0);
    run_frames(k, false, false, nullptr, nullptr);
    std::vector<double> build, render;
    run_frames(k, events > 0, false, &build, &render);
    std::printf("  1920x1080 %-24s UI build %6.3f ms   software raster %6.2f ms   (median of %d frames%s)\n",
                label, median(build), median(render), kFrames, events > 0 ? ", scrolling" : "");
  }
  return 0;
}
