#include "kiosk/ui/kiosk_ui.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "kiosk/ui/imgui_compat.hpp"
#include "sync/content/utf8.hpp"

namespace kiosk::ui {
namespace {

constexpr std::size_t kMaxSearch = 40;
constexpr std::size_t kMaxPin = 8;
constexpr std::size_t kPairCodeLength = 8;
constexpr int kFreeAttempts = 3;

void pop_utf8(std::string& s) {
  while (!s.empty()) {
    const unsigned char c = static_cast<unsigned char>(s.back());
    s.pop_back();
    if ((c & 0xC0) != 0x80) break;  // stop after removing a lead or ASCII byte
  }
}

}  // namespace

KioskUi::KioskUi(const I18n& i18n, KioskUiConfig config, PinCheck check_pin)
    : i18n_(i18n), config_(std::move(config)), check_pin_(std::move(check_pin)) {}

void KioskUi::set_theme(const Theme& theme) {
  theme_ = theme;
  touch_.set_tap_slop(theme.metrics.tap_slop);
  apply_style(theme_, ImGui::GetStyle());
}

void KioskUi::enter_attract(double mono) {
  const UiState previous = state_;
  state_ = UiState{};  // filters, search, language and staff session all reset for the next visitor
  state_.staff.failures = previous.staff.failures;  // but a PIN lockout survives
  state_.staff.locked_until = previous.staff.locked_until;
  state_.screen = Screen::attract;
  attract_entered_ = mono;
}

void KioskUi::handle_gestures(ImGuiIO& io, double mono) {
  const auto press = touch_.press();
  if (!press) return;
  if (state_.screen == Screen::attract) {
    // The touch that wakes the kiosk does not also press whatever is under the finger.
    touch_.swallow_gesture();
    compat::set_mouse(io, compat::no_pointer(), false);
    state_.screen = Screen::home;
    return;
  }
  const Rect corner = layout_chrome(theme_.metrics).staff_corner;
  const bool in_corner = press->origin.x >= corner.min.x && press->origin.x < corner.max.x &&
                         press->origin.y >= corner.min.y && press->origin.y < corner.max.y;
  if (in_corner && !press->moved && mono - press->since >= config_.staff_press_s && !state_.staff.pin_pad &&
      !state_.staff.unlocked) {
    touch_.swallow_gesture();
    compat::set_mouse(io, compat::no_pointer(), false);
    state_.staff.pin_pad = true;
    state_.staff.digits.clear();
    state_.staff.message_key.clear();
  }
}

FrameOutput KioskUi::frame(const FrameInput& in) {
  bool acted = false;
  FrameOutput out = build(in, &acted);
  if (!acted) return out;
  if (in.audit != nullptr) in.audit->clear();  // the audit describes the frame that is shown
  FrameOutput shown = build(in, &acted);
  shown.builds = 2;
  shown.exit_requested = shown.exit_requested || out.exit_requested;
  shown.sync_requested = shown.sync_requested || out.sync_requested;
  if (!shown.pair_code) shown.pair_code = std::move(out.pair_code);
  return shown;
}

FrameOutput KioskUi::build(const FrameInput& in, bool* acted) {
  ImGuiIO& io = ImGui::GetIO();
  const Metrics& m = theme_.metrics;
  io.DisplaySize = ImVec2(m.width, m.height);
  touch_.begin_frame(io, in.mono);
  if (first_frame_) {
    first_frame_ = false;
    attract_entered_ = in.mono;  // idle time counts from start-up, not from the epoch of the clock
  } else if (state_.screen != Screen::attract &&
             in.mono - std::max(touch_.last_input_time(), attract_entered_) >= config_.idle_timeout_s &&
             touch_.idle()) {
    enter_attract(in.mono);
  }
  handle_gestures(io, in.mono);
  if (settled_attract_slide_) {
    attract_entered_ = in.mono - *settled_attract_slide_ * config_.attract_slide_s;
    settled_attract_slide_.reset();
  }
  if (state_.screen == Screen::attract) {
    state_.attract_slide = static_cast<int>((in.mono - attract_entered_) / config_.attract_slide_s);
  }

  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  Actions actions;
  const SyncView no_sync;
  FrameContext f{*in.snapshot,     in.now,    state_.lang, theme_, i18n_,    in.sync ? *in.sync : no_sync,
                 config_.kiosk_id, in.images, touch_,      qr_,    in.audit, actions};
  const Rect screen{ImVec2(0, 0), ImVec2(m.width, m.height)};
  const ChromeLayout layout = layout_chrome(m);
  std::string urgent_shown;
  const bool attract_only =
      state_.screen == Screen::attract && !state_.staff.pin_pad && !state_.staff.unlocked;
  if (state_.staff.pin_pad || state_.staff.unlocked) {
    draw_staff(f, state_, screen, facts_, in.mono);
  } else if (state_.screen == Screen::attract) {
    draw_attract(f, state_, screen, cache_);
  } else {
    const content::Notice* urgent = nullptr;
    for (const content::Notice* n : in.snapshot->active_notices(in.now, config_.kiosk_id)) {
      if (n->priority == content::NoticePriority::urgent) {
        urgent = n;
        break;
      }
    }
    if (urgent != nullptr) {
      urgent_shown = urgent->id;
      // Takes over everything below the top bar, navigation included, until it expires.
      draw_urgent_notice(f, *urgent, Rect{ImVec2(0, layout.top_bar.max.y), screen.max});
      draw_chrome(f, state_, layout, /*with_nav=*/false);
    } else {
      switch (state_.screen) {
        case Screen::home:
          draw_home(f, state_, layout.content);
          break;
        case Screen::events:
          draw_events(f, state_, layout.content, cache_);
          break;
        case Screen::event_detail:
          draw_event_detail(f, state_, layout.content);
          break;
        case Screen::desks:
          draw_desks(f, state_, layout.content);
          break;
        case Screen::resources:
          draw_resources(f, state_, layout.content, cache_);
          break;
        case Screen::resource_detail:
          draw_resource_detail(f, state_, layout.content);
          break;
        case Screen::index:
          draw_index(f, state_, layout.content);
          break;
        case Screen::notice_detail:
          draw_notice_detail(f, state_, layout.content);
          break;
        case Screen::desk_detail:
          draw_desk_detail(f, state_, layout.content);
          break;
        case Screen::space_detail:
          draw_space_detail(f, state_, layout.content);
          break;
        case Screen::attract:
          break;
      }
      draw_chrome(f, state_, layout, /*with_nav=*/true);
    }
  }
  ImGui::End();
  ImGui::Render();
  touch_.end_frame();

  for (const Action& a : actions) apply(a, in.mono);
  *acted = !actions.empty();
  FrameOutput out;
  out.clock_rect = f.clock_rect;
  out.changes_each_second = !attract_only;
  out.exit_requested = std::exchange(exit_requested_, false);
  out.sync_requested = std::exchange(sync_requested_, false);
  out.pair_code = std::exchange(pair_code_, std::nullopt);
  out.urgent_shown = std::move(urgent_shown);
  return out;
}

namespace {

// Opens a detail view; "back" returns to the screen it was opened from.
void open(UiState& s, Screen detail) {
  if (s.history.size() == UiState::kMaxHistory) s.history.erase(s.history.begin());
  s.history.push_back(s.screen);
  s.screen = detail;
}

}  // namespace

void KioskUi::apply(const Action& a, double mono) {
  using K = Action::Kind;
  auto& s = state_;
  switch (a.kind) {
    case K::navigate:
      s.screen = static_cast<Screen>(a.value);
      s.history.clear();
      s.keyboard_open = false;
      break;
    case K::open_event:
      s.event_id = a.id;
      open(s, Screen::event_detail);
      break;
    case K::open_resource:
      s.resource_id = a.id;
      open(s, Screen::resource_detail);
      s.keyboard_open = false;
      break;
    case K::open_desk:
      s.desk_id = a.id;
      open(s, Screen::desk_detail);
      break;
    case K::open_space:
      s.space_id = a.id;
      open(s, Screen::space_detail);
      break;
    case K::open_notice:
      s.notice_id = a.id;
      open(s, Screen::notice_detail);
      break;
    case K::back:
      s.screen = s.history.empty() ? Screen::home : s.history.back();
      if (!s.history.empty()) s.history.pop_back();
      break;
    case K::toggle_language:
      s.lang = s.lang == content::Lang::zh ? content::Lang::en : content::Lang::zh;
      break;
    case K::event_category:
      s.event_category =
          a.value < 0 ? std::nullopt : std::optional(static_cast<content::EventCategory>(a.value));
      break;
    case K::desk_space:
      s.desk_space = a.id;
      break;
    case K::resource_category:
      s.resource_category =
          a.value < 0 ? std::nullopt : std::optional(static_cast<content::ResourceCategory>(a.value));
      break;
    case K::toggle_voucher:
      s.voucher_only = !s.voucher_only;
      break;
    case K::keyboard_open:
      s.keyboard_open = true;
      break;
    case K::keyboard_close:
      s.keyboard_open = false;
      break;
    case K::key:
      if (content::utf8::length(s.search) < kMaxSearch) s.search += a.id;
      break;
    case K::key_backspace:
      pop_utf8(s.search);
      break;
    case K::key_clear:
      s.search.clear();
      break;
    case K::key_candidate: {  // the last term typed (pinyin) becomes the word chosen
      const std::size_t space = s.search.find_last_of(' ');
      s.search = (space == std::string::npos ? std::string() : s.search.substr(0, space + 1)) + a.id;
      break;
    }
    case K::select_indicator:
      s.indicator_id = a.id;
      break;
    case K::staff_digit:
      if (s.staff.digits.size() < kMaxPin && mono >= s.staff.locked_until)
        s.staff.digits += static_cast<char>('0' + a.value);
      break;
    case K::staff_clear:
      s.staff.digits.clear();
      break;
    case K::staff_submit: {
      if (mono < s.staff.locked_until) break;
      const bool ok = check_pin_ && !s.staff.digits.empty() && check_pin_(s.staff.digits);
      s.staff.digits.clear();
      if (ok) {
        s.staff.unlocked = true;
        s.staff.pin_pad = false;
        s.staff.failures = 0;
        s.staff.message_key.clear();
      } else {
        ++s.staff.failures;
        s.staff.message_key = "staff.wrong_pin";
        // Three tries, then 30 s, 60 s, 120 s ... up to 15 minutes between guesses.
        if (s.staff.failures >= kFreeAttempts) {
          const double wait = std::min(900.0, 30.0 * std::pow(2.0, s.staff.failures - kFreeAttempts));
          s.staff.locked_until = mono + wait;
        }
      }
      break;
    }
    case K::staff_close:
      s.staff.pin_pad = false;
      s.staff.unlocked = false;
      s.staff.digits.clear();
      s.staff.pairing = false;
      s.staff.pair_code.clear();
      break;
    case K::staff_pair_open:
      if (s.staff.unlocked) s.staff.pairing = true;
      break;
    case K::staff_pair_key:
      if (s.staff.pair_code.size() < kPairCodeLength) s.staff.pair_code += a.id;
      break;
    case K::staff_pair_backspace:
      if (!s.staff.pair_code.empty()) s.staff.pair_code.pop_back();
      break;
    case K::staff_pair_clear:
      s.staff.pair_code.clear();
      break;
    case K::staff_pair_submit:
      if (s.staff.pair_code.size() == kPairCodeLength) {
        pair_code_ = s.staff.pair_code;
        s.staff.pairing = false;
        s.staff.pair_code.clear();
      }
      break;
    case K::staff_pair_cancel:
      s.staff.pairing = false;
      s.staff.pair_code.clear();
      break;
    case K::sync_now:
      sync_requested_ = true;
      break;
    case K::exit_app:
      exit_requested_ = true;
      break;
  }
}

std::optional<double> KioskUi::next_deadline(double mono) const {
  std::optional<double> next;
  const auto consider = [&](double t) {
    if (t > mono && (!next || t < *next)) next = t;
  };
  if (state_.screen == Screen::attract) {
    consider(attract_entered_ + (state_.attract_slide + 1) * config_.attract_slide_s);
  } else {
    consider(std::max(touch_.last_input_time(), attract_entered_) + config_.idle_timeout_s);
  }
  if (auto press = touch_.press()) consider(press->since + config_.staff_press_s);
  if (auto t = touch_.next_deadline()) consider(*t);
  if (state_.staff.locked_until > mono) consider(std::ceil(mono) + 1.0);  // the lockout countdown
  return next;
}

}  // namespace kiosk::ui
