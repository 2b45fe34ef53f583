#include "kiosk/app/app_loop.hpp"

#include <SDL.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "kiosk/app/device_monitor.hpp"
#include "kiosk/app/display_control.hpp"
#include "kiosk/app/display_start.hpp"
#include "kiosk/app/fleet_link.hpp"
#include "kiosk/app/frame_stats.hpp"
#include "kiosk/app/presenter.hpp"
#include "kiosk/app/redraw_policy.hpp"
#include "kiosk/app/sdl_input.hpp"
#include "kiosk/app/staff_facts.hpp"
#include "kiosk/app/ui_host.hpp"
#include "platform/clock.hpp"
#include "platform/input_wait.hpp"
#include "platform/log.hpp"
#include "platform/watchdog.hpp"

namespace kiosk::app {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<platform::InputWaiter*> g_waiter{nullptr};  // woken by a signal: write(2) is signal-safe

void on_signal(int) {
  g_stop = true;
  if (platform::InputWaiter* w = g_waiter.load()) w->wake();
}

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
}

double mono_now() {
  return platform::monotonic_seconds();
}

double wall_now() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

int ms_since(double start) {
  return static_cast<int>((mono_now() - start) * 1000);
}

bool is_touch_down(const SDL_Event& e) {
  return e.type == SDL_FINGERDOWN || e.type == SDL_MOUSEBUTTONDOWN;
}

// A black frame for a screen without a backlight to switch off.
void present_black(Presenter& presenter) {
  presenter.begin(std::nullopt);
  SDL_SetRenderDrawColor(presenter.renderer(), 0, 0, 0, 255);
  SDL_RenderClear(presenter.renderer());
  presenter.present(std::nullopt);
}

// Drivers with a real blocking wait; the others (KMS/DRM, offscreen) make SDL_WaitEventTimeout poll
// every millisecond, so for them we sleep in short slices ourselves.
bool driver_blocks(const std::string& driver) {
  return driver == "x11" || driver == "wayland";
}

// Waits for the next SDL event or `seconds`. X11 and Wayland block in SDL; the other drivers would
// poll every millisecond, so there we sleep in poll(2) on the input devices and a wake-up eventfd,
// which SIGTERM also wakes. SDL's own wait retries after a signal, so there a second is the longest
// sleep (SIGTERM must end the kiosk well inside TimeoutStopSec).
bool wait_for_event(bool sdl_blocks, platform::InputWaiter& waiter, double seconds, SDL_Event* e) {
  const double limit_ms = sdl_blocks ? 1000.0 : 60000.0;
  const int ms = static_cast<int>(std::clamp(std::ceil(seconds * 1000.0), 0.0, limit_ms));
  if (sdl_blocks) return SDL_WaitEventTimeout(e, ms) == 1;
  if (SDL_PollEvent(e) == 1) return true;
  waiter.wait(std::chrono::milliseconds(ms));
  return SDL_PollEvent(e) == 1;
}

constexpr double kDisplayRetrySeconds = 20;

// The frame just rendered, as the console's screenshot: read back before it is presented (on a GPU
// the back buffer is undefined after the swap).
std::optional<fleet::Frame> read_frame(SDL_Renderer* renderer, int width, int height) {
  fleet::Frame frame;
  frame.width = width;
  frame.height = height;
  frame.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, frame.rgba.data(), width * 4) != 0) {
    log::warn(std::string("screenshot: cannot read the frame back: ") + SDL_GetError());
    return std::nullopt;
  }
  return frame;
}

// The kiosk's clock: with --now, one that starts at a chosen time and runs (demos, benchmarks,
// tests: trusted, no floor); otherwise the system clock, never below the floor and trusted only
// when it is not known to be wrong.
class KioskClock {
 public:
  KioskClock(std::optional<content::UnixSeconds> start, const std::filesystem::path& system_root,
             const sync::ContentService& content)
      : chosen_(start.has_value()),
        offset_(start ? static_cast<double>(*start) - wall_now() : 0.0),
        sources_{system_root, system_root == "/"},
        content_(content) {}

  platform::ClockReading read() const {
    if (!chosen_) return platform::read_clock(content_.time_floor(), sources_);
    platform::ClockReading c;
    c.wall = static_cast<platform::WallSeconds>(std::floor(wall_now() + offset_));
    c.synchronised = true;
    return c;
  }
  // Sub-second wall time for the loop's "next second" arithmetic, floored like the reading.
  double wall() const {
    const double t = wall_now() + offset_;
    return chosen_ ? t : std::max(t, static_cast<double>(content_.time_floor()));
  }

 private:
  bool chosen_;
  double offset_;
  platform::ClockSources sources_;
  const sync::ContentService& content_;
};

// Everything the loop works with, and one method per thing it does in a turn.
class KioskLoop {
 public:
  KioskLoop(const AppOptions& options, Screen& screen, UiHost& host, sync::ContentService& content,
            DeviceMonitor& device, FleetLink* link, platform::Watchdog& watchdog,
            platform::InputWaiter& waiter, Uint32 wake_event, double launched)
      : options_(options),
        screen_(screen),
        host_(host),
        content_(content),
        device_(device),
        link_(link),
        watchdog_(watchdog),
        waiter_(waiter),
        wake_event_(wake_event),
        launched_(launched),
        safe_mode_(options.content.safe_mode != platform::SafeMode::off),
        clock_source_(options.start_time, options.config.system_root, content),
        display_(options.config.opening_hours, options.config.wake_minutes * 60, options.config.system_root),
        blocking_(driver_blocks(screen.driver)) {
    screen_facts_.safe_mode = safe_mode_;
    screen_facts_.display = "on";
    screen_facts_.width = screen.out_w;
    screen_facts_.height = screen.out_h;
    screen_facts_.renderer = screen.renderer_why;
    staff_.kiosk_id = options.config.kiosk_id;
    staff_.display = screen.describe();
    staff_.build = KIOSK_VERSION;
    staff_.renderer = screen.renderer_why;
    clock_ = clock_source_.read();
    if (!blocking_ && waiter.devices() == 0) {
      log::warn(
          "no readable input devices in /dev/input: touch will not work unless the kiosk user is in the "
          "input group");
    }
  }

  // The pump: sleep until something is due, take what arrived, draw what changed.
  void run() {
    const double safe_mode_retry_at = launched_ + options_.config.safe_mode_retry_minutes * 60;
    while (!g_stop) {
      bool asked = wait_and_take_events();
      if (g_stop) break;
      asked |= take_new_content();
      if (host_.poll()) asked = true;
      if (!host_.has_snapshot()) continue;  // the content thread is still opening the store
      if (safe_mode_ && mono_now() >= safe_mode_retry_at) {
        log::warn("safe mode: trying normal mode again (a clean exit; systemd starts the kiosk anew)");
        break;
      }
      const bool grab = screenshot_asked();
      if (!display_.update(clock_, mono_now())) {
        stay_dark(grab);
        continue;  // nothing is drawn while the screen is dark
      }
      if (dark_frame_shown_) dark_frame_shown_ = false, asked = true;
      const double mono = mono_now();
      RedrawInputs redraw;
      redraw.now = {mono, clock_source_.wall()};
      redraw.asked = asked || grab;
      redraw.last_second = last_second_;
      redraw.ui_deadline = host_.ui().next_deadline(mono - 0.001);
      redraw.settling = settling(mono);
      redraw.content_change = content_change_;
      const Redraw what = redraw_needed(redraw);
      if (what == Redraw::none) continue;
      // A new second matters only to a screen that changes with it (attract mode does not): the
      // last frame is still right until the next minute, timer or input.
      if (what == Redraw::clock_only && !seconds_shown_) {
        last_second_ = static_cast<long long>(std::floor(redraw.now.wall));
        continue;
      }
      if (!draw(what, grab, redraw.now)) break;
    }
    watchdog_.stopping();
  }

 private:
  bool settling(double mono) const { return frames_left_ > 0 || host_.ui().animating(mono); }

  // Sleeps until the next deadline or event; returns whether anything asked for a full frame.
  bool wait_and_take_events() {
    const double mono = mono_now();
    WakeInputs wake;
    wake.now = {mono, clock_source_.wall()};
    wake.last_frame_mono = last_frame_;
    wake.settling = settling(mono);
    wake.ui_deadline = host_.ui().next_deadline(mono);
    wake.content_change = content_change_;
    wake.lit = display_.lit();
    if (!wake.lit) wake.dark_change_in = display_.seconds_to_change(clock_, mono);
    wake.watchdog_max_sleep = watchdog_.max_sleep();
    SDL_Event e;
    bool got = wait_for_event(blocking_, waiter_, seconds_until_wake(wake), &e);
    stats_.woke();
    watchdog_.alive(mono_now());               // the loop is turning: woke, and will draw or sleep again
    if (mono_now() - clock_read_at_ >= 1.0) {  // a stat and an adjtimex: once a second, not per frame
      clock_ = clock_source_.read();
      clock_read_at_ = mono_now();
    }
    if (auto summary = stats_.minute_summary(mono_now())) log::debug(*summary);
    bool asked = false;
    for (; got; got = SDL_PollEvent(&e) == 1) asked |= take_event(e);
    return asked;
  }

  bool take_event(const SDL_Event& e) {
    if (e.type == wake_event_ || e.type == SDL_WINDOWEVENT) return true;
    if (e.type == SDL_QUIT) {
      if (options_.windowed) g_stop = true;  // a developer closing the window; never on a kiosk
      return false;
    }
    if (e.type == SDL_KEYDOWN) {
      if (options_.windowed && e.key.keysym.sym == SDLK_ESCAPE) g_stop = true;
      return false;
    }
    if (is_touch_down(e) && display_.touched(clock_, mono_now())) {
      dark_frame_shown_ = false;
      return true;  // this touch only woke the screen; it must not also press what is under it
    }
    const float scale_x = static_cast<float>(screen_.out_w) / static_cast<float>(screen_.width);
    const float scale_y = static_cast<float>(screen_.out_h) / static_cast<float>(screen_.height);
    SDL_Event scaled = e;
    if (scaled.type == SDL_MOUSEBUTTONDOWN || scaled.type == SDL_MOUSEBUTTONUP) {
      scaled.button.x = static_cast<Sint32>(scaled.button.x * scale_x);
      scaled.button.y = static_cast<Sint32>(scaled.button.y * scale_y);
    } else if (scaled.type == SDL_MOUSEMOTION) {
      scaled.motion.x = static_cast<Sint32>(scaled.motion.x * scale_x);
      scaled.motion.y = static_cast<Sint32>(scaled.motion.y * scale_y);
    }
    auto p = pointer_.translate(scaled, screen_.out_w, screen_.out_h, mono_now());
    if (!p) return false;
    host_.ui().touch().push(*p);
    stats_.input(e.common.timestamp);
    frames_left_ = 3;  // ImGui settles hover/active state over a couple of frames
    return true;
  }

  bool take_new_content() {
    auto latest = content_.latest();
    if (!latest || (host_.has_snapshot() && latest.get() == &host_.snapshot())) return false;
    if (first_frame_)
      log::debug("startup: content ready after " + std::to_string(ms_since(launched_)) + " ms");
    host_.offer_snapshot(latest, static_cast<content::UnixSeconds>(clock_source_.wall()));
    display_.set_date_overrides(latest->content().meta.display_hours);
    if (first_frame_) log::debug("startup: fonts ready after " + std::to_string(ms_since(launched_)) + " ms");
    return true;
  }

  // The console asked for the frame on screen: refuse what must not leave the kiosk (the staff
  // overlay may show a PIN being typed); otherwise the next frame is drawn whole and read.
  bool screenshot_asked() {
    if (!link_ || !link_->screenshot_wanted()) return false;
    const auto& staff_state = host_.ui().state().staff;
    const std::string refusal =
        screenshot_refusal(staff_state.pin_pad || staff_state.unlocked, display_.lit());
    if (refusal.empty()) return true;
    link_->refuse(refusal);
    return false;
  }

  void stay_dark(bool screenshot_wanted) {
    if (link_) {
      ScreenFacts dark = screen_facts_;
      dark.display = "dark";
      dark.urgent_shown.clear();
      if (auto d = display_.seconds_to_change(clock_, mono_now()))
        dark.display_on_at = static_cast<content::UnixSeconds>(clock_source_.wall() + *d);
      link_->set_screen(dark);
      if (screenshot_wanted) link_->refuse("display_dark");
    }
    if (!display_.has_backlight() && !dark_frame_shown_) present_black(*screen_.presenter);
    dark_frame_shown_ = true;
    send_ready("screen off outside opening hours");
  }

  void refresh_staff_facts(double mono) {
    if (!host_.ui().state().staff.unlocked || mono - staff_facts_at_ < 1.0) return;
    staff_.clock = clock_;
    staff_.device = device_.facts();
    staff_.screen = display_.state();
    staff_.safe_mode = safe_mode_ ? options_.safe_mode_reason + "; " + content_.safe_mode_content() : "";
    if (link_) staff_.console = link_->status();
    staff_.config_problems = options_.config.problems;  // and what the content thread found at start
    if (const std::string problem = content_.startup_problem(); !problem.empty())
      staff_.config_problems.push_back(problem);
    host_.ui().set_staff_facts(make_staff_facts(staff_));
    staff_facts_at_ = mono;
  }

  // Builds and presents one frame. Returns false when the loop should end.
  bool draw(Redraw what, bool grab, LoopMoment now) {
    const auto now_s = static_cast<content::UnixSeconds>(std::floor(now.wall));
    refresh_staff_facts(now.mono);
    const ui::FrameOutput out =
        host_.frame(now_s, now.mono, sync_view_of(content_, clock_.trusted(), safe_mode_));
    std::optional<SDL_Rect> only;
    if (what == Redraw::clock_only && screen_.presenter->partial_redraw() && out.clock_rect) {
      const auto& [a, b] = *out.clock_rect;
      only = SDL_Rect{static_cast<int>(std::floor(a.x)), static_cast<int>(std::floor(a.y)),
                      static_cast<int>(std::ceil(b.x - a.x)) + 1, static_cast<int>(std::ceil(b.y - a.y)) + 1};
    }
    only = screen_.presenter->begin(only);
    host_.render(only);
    if (grab) {
      if (auto frame = read_frame(screen_.presenter->renderer(), screen_.out_w, screen_.out_h))
        link_->deliver(std::move(*frame));
      else
        link_->refuse("read_failed");
    }
    const long long pixels = screen_.presenter->present(only);
    report_present(only.has_value(), pixels, out.builds > 1);
    if (link_) {
      screen_facts_.display = "on";
      screen_facts_.display_on_at.reset();
      screen_facts_.urgent_shown = out.urgent_shown;
      screen_facts_.clock_trusted = clock_.trusted();
      link_->set_screen(screen_facts_);
    }
    last_frame_ = now.mono;
    last_second_ = now_s;
    seconds_shown_ = out.changes_each_second;
    if (frames_left_ > 0) --frames_left_;
    content_change_ = static_cast<double>(host_.snapshot().next_change_after(now_s));
    if (first_frame_) {
      first_frame_ = false;
      log::info("first frame " + std::to_string(ms_since(launched_)) + " ms after the loop started");
      send_ready("showing content version " + std::to_string(host_.snapshot().version().version));
      if (options_.exit_after_first_frame) {
        std::printf("first-frame-wall %.6f\n", wall_now());  // bench/kiosk_process.sh reads this
        std::fflush(stdout);
        return false;
      }
    }
    if (out.sync_requested) content_.request_sync();
    if (out.pair_code && link_) link_->pair(*out.pair_code);
    return !out.exit_requested;
  }

  void report_present(bool partial, long long pixels, bool answered_input) {
    if (auto latency = stats_.presented(partial, pixels, answered_input, SDL_GetTicks())) {
      log::debug("tap -> next screen on screen: " + std::to_string(*latency) + " ms");
      if (options_.frame_stats) std::printf("tap-to-screen-ms %u\n", *latency);
    }
    if (options_.frame_stats) {
      std::printf("frame %s %lld\n", partial ? "partial" : "full", pixels);
      std::fflush(stdout);
    }
  }

  // Tells systemd the kiosk is up: after the first frame, or once it decided the screen stays dark.
  void send_ready(const std::string& what) {
    if (ready_sent_) return;
    ready_sent_ = true;
    watchdog_.ready(
        safe_mode_ ? "safe mode: " + options_.safe_mode_reason + "; " + content_.safe_mode_content() : what);
  }

  const AppOptions& options_;
  Screen& screen_;
  UiHost& host_;
  sync::ContentService& content_;
  DeviceMonitor& device_;
  FleetLink* link_;
  platform::Watchdog& watchdog_;
  platform::InputWaiter& waiter_;
  const Uint32 wake_event_;
  const double launched_;
  const bool safe_mode_;
  KioskClock clock_source_;
  DisplayControl display_;
  const bool blocking_;
  ScreenFacts screen_facts_;
  StaffFactsInput staff_;
  platform::ClockReading clock_;
  double clock_read_at_ = mono_now();
  double staff_facts_at_ = -1;
  SdlPointer pointer_;
  FrameStats stats_;
  int frames_left_ = 0;
  long long last_second_ = -1;
  bool seconds_shown_ = true;  // the last frame changes with each second (FrameOutput)
  double last_frame_ = 0;
  double content_change_ = 0;
  bool first_frame_ = true;
  bool dark_frame_shown_ = false;
  bool ready_sent_ = false;
};

void set_sdl_hints() {
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");  // SIGTERM ends us; a window-close does not
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "1");
}

}  // namespace

int run_app(const AppOptions& options, const ui::I18n& i18n, const ui::FontFile& font) {
  const double launched = mono_now();
  platform::InputWaiter waiter;
  // The threads below wake the loop with an SDL event once SDL runs (thread-safe, and it wakes
  // SDL_WaitEventTimeout), and always through our own poll(2) for drivers without a blocking wait.
  std::atomic<Uint32> wake_event{0};
  auto wake = [&waiter, &wake_event] {
    if (const Uint32 type = wake_event.load(); type != 0) {
      SDL_Event e{};
      e.type = type;
      SDL_PushEvent(&e);
    }
    waiter.wake();
  };
  // The content thread starts first: opening the store overlaps SDL and window set-up.
  sync::ContentService content(options.content, wake);
  content.start();
  DeviceMonitor device(options.config.system_root, options.content.data_dir);
  // The console link starts before the display: a kiosk waiting for its screen is exactly one staff
  // need to hear from. It runs in safe mode too, for the same reason.
  std::unique_ptr<FleetLink> link;
  if (options.config.console) {
    link = std::make_unique<FleetLink>(*options.config.console, options.content.data_dir, content, device,
                                       wake, KIOSK_VERSION);
    ScreenFacts none;
    none.display = "none";
    none.safe_mode = options.content.safe_mode != platform::SafeMode::off;
    link->set_screen(none);
  }
  // The threads that may wake the loop stop before SDL does, so no event is pushed into an SDL that
  // is shutting down (and the store is closed before the process ends).
  struct Shutdown {
    std::unique_ptr<FleetLink>& link;
    sync::ContentService& content;
    std::atomic<Uint32>& wake_event;
    bool sdl = false;
    ~Shutdown() {
      link.reset();
      content.stop();
      wake_event = 0;
      if (sdl) SDL_Quit();
    }
  } shutdown{link, content, wake_event};
  set_sdl_hints();
  g_waiter = &waiter;
  struct WaiterReset {
    ~WaiterReset() { g_waiter = nullptr; }
  } waiter_reset;
  install_signal_handlers();
  platform::Watchdog watchdog;
  // A screen that is unplugged or switched off at boot: wait for it in this process, telling systemd
  // we are up (and why nothing shows) and feeding its watchdog, rather than exiting into a restart
  // every few seconds; the content thread keeps syncing meanwhile.
  switch (start_video(options.wait_for_display, kDisplayRetrySeconds, watchdog, waiter, g_stop)) {
    case VideoStart::no_display:
      return kExitNoDisplay;
    case VideoStart::stopped:
      watchdog.stopping();
      return 0;
    case VideoStart::ready:
      shutdown.sdl = true;
      break;
  }
  std::optional<Screen> screen = open_screen(
      options.windowed, options.width, options.height, options.renderer, options.config.system_root,
      PanelSize{options.config.display_width_mm, options.config.display_diagonal_in});
  if (!screen) return kExitNoDisplay;
  log::debug("startup: window after " + std::to_string(ms_since(launched)) + " ms");
  wake_event = SDL_RegisterEvents(1);
  log::info("kiosk: " + screen->describe() + " (" + screen->renderer_why + ")");

  UiHostOptions host_options;
  host_options.metrics = ui::compute_metrics(static_cast<float>(screen->out_w),
                                             static_cast<float>(screen->out_h), screen->px_per_mm);
  host_options.ui.kiosk_id = options.config.kiosk_id;
  host_options.ui.idle_timeout_s = options.config.idle_timeout_s;
  host_options.ui.attract_slide_s = options.config.attract_slide_s;
  host_options.staff_pin_hash = options.config.staff_pin_hash;
  host_options.wake_ui = wake;
  UiHost host(screen->presenter->renderer(), i18n, font, host_options);
  KioskLoop(options, *screen, host, content, device, link.get(), watchdog, waiter, wake_event.load(),
            launched)
      .run();
  return 0;
}

}  // namespace kiosk::app
