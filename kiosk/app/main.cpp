// kiosk: the lobby touchscreen. Full-screen and locked down by default; --windowed for development;
// --screenshot renders one screen headless; with --demo and no display it renders every screen.
#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>

#include "kiosk/app/app_loop.hpp"
#include "kiosk/app/demo_pin.hpp"
#include "kiosk/app/display_start.hpp"
#include "kiosk/app/gallery.hpp"
#include "kiosk/app/headless.hpp"
#include "platform/instance_lock.hpp"
#include "platform/log.hpp"
#include "platform/memory.hpp"
#include "platform/paths.hpp"
#include "platform/start_journal.hpp"

using namespace kiosk;

namespace {

bool parse_size(const std::string& text, int& w, int& h) {
  return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 320 && h >= 240 && w <= 7680 && h <= 7680;
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  const auto phase = [&](const char* what) {
    log::debug(std::string("startup: ") + what + " at " +
               std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count()) +
               " ms");
  };
  platform::limit_malloc_arenas();
  // A content server that hangs up mid-TLS-write must be an error, not a signal that ends the kiosk.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App cli{"kiosk - the lobby touchscreen for events, desks, shared resources and the innovation index"};
  std::string config_file, data_dir, now_text, size_text, screenshot, screen = "home", lang = "zh", gallery,
                                                                      kiosk_id;
  bool windowed = false, demo = false, software = false, gpu = false, exit_after_first_frame = false,
       frame_stats = false;
  cli.add_option("--config", config_file, "Configuration file (default /etc/kiosk/kiosk.json)");
  cli.add_option("--data-dir", data_dir, "Where the content cache lives (default /var/lib/kiosk)");
  cli.add_flag("--demo", demo, "Show the shipped demo content, moved to today");
  cli.add_option("--now", now_text, "Start the clock at this time (ISO 8601 with offset)");
  cli.add_flag("--windowed", windowed, "A window instead of full screen (development)");
  cli.add_option("--size", size_text, "Window or screenshot size, e.g. 800x480");
  auto* software_flag = cli.add_flag("--software", software, "Render in software even if a GPU is available");
  cli.add_flag("--gpu", gpu,
               "Render with SDL's accelerated renderer even if it is a CPU rasteriser (llvmpipe)")
      ->excludes(software_flag);
  cli.add_option("--kiosk-id", kiosk_id, "This kiosk's id (default from the config)");
  cli.add_option("--screenshot", screenshot, "Render one screen to this PNG without a display and exit");
  cli.add_option("--screen", screen, "Screen for --screenshot")
      ->check(CLI::IsMember(app::screenshot_screens()));
  cli.add_option("--lang", lang, "Language for --screenshot")->check(CLI::IsMember({"zh", "en"}));
  double diagonal_in = 0;
  cli.add_option("--diagonal", diagonal_in,
                 "Panel diagonal in inches for --screenshot (text size follows it; default from the config)")
      ->check(CLI::Range(3.0, 150.0));
  cli.add_option("--gallery", gallery,
                 "Render every screen at 800x480, 1280x800, 1920x1080, 1080x1920 in both languages into DIR");
  cli.add_flag("--exit-after-first-frame", exit_after_first_frame,
               "Benchmark: exit once the first frame is shown")
      ->group("");  // hidden: diagnostics only
  cli.add_flag("--frame-stats", frame_stats,
               "Benchmark: print the pixels of each present and each tap's latency")
      ->group("");
  CLI11_PARSE(cli, argc, argv);

  app::Config config =
      app::load_config(config_file.empty() ? platform::config_file() : std::filesystem::path(config_file));
  for (const auto& p : config.problems) log::warn(p);
  if (!kiosk_id.empty()) config.kiosk_id = kiosk_id;
  // The demo needs a way into the staff overlay; a real kiosk only ever has the hash from its config.
  if (demo && config.staff_pin_hash.empty()) config.staff_pin_hash = app::kDemoPinHash;

  content::UnixSeconds now = std::time(nullptr);
  std::optional<content::UnixSeconds> start_time;
  if (!now_text.empty()) {
    auto t = content::parse_iso8601(now_text);
    if (!t) {
      std::cerr << "kiosk: --now \"" << now_text << "\" is not a time like 2026-11-30T10:00:00+08:00\n";
      return 2;
    }
    now = *t;
    start_time = t;
  }
  int width = 0, height = 0;
  if (!size_text.empty() && !parse_size(size_text, width, height)) {
    std::cerr << "kiosk: --size must be like 800x480\n";
    return 2;
  }

  const std::filesystem::path assets = platform::asset_dir(KIOSK_SOURCE_ASSETS);
  ui::I18n i18n;
  try {
    i18n = ui::I18n::load(assets / "i18n");
  } catch (const std::exception& e) {
    std::cerr << "kiosk: cannot load the UI strings: " << e.what() << "\n";
    return 2;
  }
  phase("strings loaded");
  const auto font_file = ui::find_cjk_font();
  phase("font found");
  if (!font_file) {
    std::cerr
        << "kiosk: no Chinese font found; install fonts-noto-cjk (sudo apt-get install fonts-noto-cjk)\n";
    return 2;
  }
  const ui::FontFile& font = *font_file;

  sync::ContentOptions content;
  content.now = now;
  content.baseline_dir = config.baseline_dir.empty() ? assets / "demo" : config.baseline_dir;
  content.demo = demo;
  content.sync = config.sync;
  content.build_time = KIOSK_BUILD_EPOCH;  // the lowest "now" the clock and a feed are checked against
  if (content.sync) content.sync->build_time = KIOSK_BUILD_EPOCH;
  content.known_good_after_s = config.known_good_after_minutes * 60;
  content.data_dir = !data_dir.empty()          ? std::filesystem::path(data_dir)
                     : demo                     ? platform::runtime_dir() / "demo"
                     : !config.data_dir.empty() ? config.data_dir
                                                : platform::data_dir();
  std::error_code ec;
  std::filesystem::create_directories(content.data_dir, ec);

  // Screenshots and the gallery beside a running kiosk read its data directory and change nothing;
  // alone, they hold its lock like a kiosk (so a kiosk starting meanwhile waits its turn).
  const auto load_snapshot = [&] {
    std::string busy;
    auto lock = platform::InstanceLock::try_acquire(content.data_dir / "kiosk.lock", &busy);
    sync::ContentOptions options = content;
    options.read_only = !lock;
    if (!lock) log::info("reading the content of the kiosk running on " + content.data_dir.string());
    sync::ContentService service(options, {});
    auto snap = service.load_now();
    if (auto problem = service.startup_problem(); !problem.empty()) log::warn(problem);
    return snap;
  };

  try {
    if (!screenshot.empty()) {
      app::ScreenshotJob job;
      job.screen = screen;
      job.width = width > 0 ? width : 1920;
      job.height = height > 0 ? height : 1080;
      job.lang = lang == "en" ? content::Lang::en : content::Lang::zh;
      job.now = now;
      job.out = screenshot;
      job.kiosk_id = config.kiosk_id;
      const app::PanelSize panel{diagonal_in > 0 ? 0 : config.display_width_mm,
                                 diagonal_in > 0 ? diagonal_in : config.display_diagonal_in};
      job.px_per_mm = app::pixels_per_mm(job.width, job.height, panel, std::nullopt);
      app::render_screenshot(job, i18n, font, load_snapshot());
      std::cout << "wrote " << screenshot << "\n";
      return 0;
    }
    const auto write_gallery = [&](const std::filesystem::path& dir) {
      const auto files = app::render_gallery(dir, now, i18n, font, load_snapshot(), config.kiosk_id);
      std::cout << "rendered " << files.size() << " screenshots (" << app::screenshot_screens().size()
                << " screens x 4 sizes x 2 languages) into " << dir.string() << "\n";
    };
    if (!gallery.empty()) {
      write_gallery(gallery);
      return 0;
    }
    // One kiosk per data directory, and crash-loop protection: both before anything can crash.
    std::string why;
    auto lock = platform::InstanceLock::try_acquire(content.data_dir / "kiosk.lock", &why);
    if (!lock) {
      log::error(why);
      std::cerr << "kiosk: " << why << "\n";
      return 4;
    }
    auto journal = platform::StartJournal::begin(content.data_dir / "starts", platform::current_start());
    if (!journal.problem().empty()) log::warn(journal.problem());
    content.safe_mode = journal.mode();
    if (journal.mode() != platform::SafeMode::off) log::error("safe mode: " + journal.reason());

    app::AppOptions options;
    options.config = config;
    options.safe_mode_reason = journal.reason();
    options.windowed = windowed;
    options.width = width;
    options.height = height;
    // Flags beat the config; by default the kiosk measures (platform/gpu_probe.hpp).
    options.renderer =
        software ? app::RendererChoice::software
        : gpu    ? app::RendererChoice::gpu
                 : app::renderer_choice_from_name(config.renderer).value_or(app::RendererChoice::automatic);
    options.content = content;
    options.start_time = start_time;
    options.exit_after_first_frame = exit_after_first_frame;
    options.frame_stats = frame_stats;
    options.wait_for_display =
        !demo && !windowed;  // the demo renders PNGs instead; a developer wants to know
    const int rc = app::run_app(options, i18n, font);
    journal.mark_clean_exit();  // anything that returns here was not a crash
    if (rc == app::kExitNoDisplay && demo) {
      const auto dir = platform::runtime_dir() / "screens";
      std::cout << "No display here (no X11, Wayland or KMS/DRM output): rendering every screen instead.\n";
      write_gallery(dir);
      std::cout << "Open them with an image viewer, e.g. " << (dir / "home-1920x1080-zh.png").string()
                << "\n";
      return 0;
    }
    return rc;
  } catch (const std::exception& e) {
    std::cerr << "kiosk: " << e.what() << "\n";
    return 1;
  }
}
