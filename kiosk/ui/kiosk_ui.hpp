#pragma once
// The kiosk's UI as one object: owns the UI state and the touch layer, draws one frame from a
// snapshot, applies the actions the screens returned, and knows when it next needs to wake (idle
// timeout, attract slide, long press). No SDL, no threads: the app drives it, tests drive it too.
#include <functional>
#include <optional>
#include <string>

#include "kiosk/ui/frame_context.hpp"
#include "kiosk/ui/list_cache.hpp"
#include "kiosk/ui/qr.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/touch.hpp"
#include "kiosk/ui/ui_state.hpp"

namespace kiosk::ui {

struct KioskUiConfig {
  std::string kiosk_id = "lobby-1";
  double idle_timeout_s = 90;  // back to attract mode, state reset
  double attract_slide_s = 8;
  double staff_press_s = 3;         // hidden gesture: press the top-left corner this long
  bool console_configured = false;  // the staff overlay offers "Pair with console"
};

struct FrameInput {
  const content::ContentSnapshot* snapshot = nullptr;
  content::UnixSeconds now = 0;  // wall clock, for content
  double mono = 0;               // monotonic seconds, for input and timers
  const SyncView* sync = nullptr;
  ImageSource* images = nullptr;
  UiAudit* audit = nullptr;
};

struct FrameOutput {
  std::optional<std::pair<ImVec2, ImVec2>> clock_rect;  // redraw just this when only seconds change
  // False when nothing on screen changes with the second (attract mode shows hours and minutes):
  // the app then draws nothing until the next minute, a timer or an input.
  bool changes_each_second = true;
  bool exit_requested = false;
  bool sync_requested = false;
  std::optional<std::string> pair_code;  // staff typed a console pairing code
  std::string urgent_shown;              // the id of the urgent notice on screen, if any
  int builds = 1;                        // 2 when a tap's action made the frame be built again
};

class KioskUi {
 public:
  using PinCheck = std::function<bool(const std::string& pin)>;
  KioskUi(const I18n& i18n, KioskUiConfig config, PinCheck check_pin);

  void set_theme(const Theme& theme);
  const Theme& theme() const { return theme_; }
  void set_staff_facts(StaffFacts facts) { facts_ = std::move(facts); }
  // A new snapshot replaces the old one: cached lists must be recomputed.
  void content_changed() { cache_.clear(); }

  // Feeds input, runs ImGui::NewFrame .. ImGui::Render, applies the actions. The caller renders
  // ImGui::GetDrawData() afterwards. A frame whose input led to an action is built a second time
  // at once: actions apply after the frame that saw the tap, and the visitor should see where the
  // tap leads in the very next present, not one present and a frame interval later.
  FrameOutput frame(const FrameInput& in);
  void apply(const Action& a, double mono);

  TouchInput& touch() { return touch_; }
  UiState& state() { return state_; }
  const UiState& state() const { return state_; }
  const KioskUiConfig& config() const { return config_; }
  // Attract mode on this slide (screenshots and the gallery).
  void show_attract_slide(int slide) {
    state_.screen = Screen::attract;
    settled_attract_slide_ = slide;
  }
  // When the UI needs a frame without new input (idle timeout, next attract slide, long press).
  std::optional<double> next_deadline(double mono) const;
  bool animating(double mono) const { return touch_.animating(mono); }

 private:
  void enter_attract(double mono);
  void handle_gestures(ImGuiIO& io, double mono);

  const I18n& i18n_;
  KioskUiConfig config_;
  PinCheck check_pin_;
  Theme theme_;
  UiState state_;
  TouchInput touch_;
  ListCache cache_;
  QrCache qr_;
  StaffFacts facts_;
  bool exit_requested_ = false;
  bool sync_requested_ = false;
  std::optional<std::string> pair_code_;
  double attract_entered_ = 0;
  std::optional<int> settled_attract_slide_;
  FrameOutput build(const FrameInput& in, bool* acted);
  bool first_frame_ = true;
};

}  // namespace kiosk::ui
