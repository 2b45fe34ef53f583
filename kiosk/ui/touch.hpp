#pragma once
// Touch input for Dear ImGui 1.86, which was built for mice:
//  - 1.86 has no input queue, so a tap shorter than a frame would be lost: transitions (finger down,
//    finger up) are fed one per frame, and a press is shown for at least kMinPressSeconds so the
//    pressed state is visible (two to three refreshes; longer would delay a quick tap's result by
//    as much: a tap's next screen must be on screen within 50 ms of the finger lifting);
//  - after a finger lifts the pointer is moved off-screen, or the last tapped button stays "hovered";
//  - a finger that moves more than the tap slop becomes a drag: the press is cancelled (the button
//    under it does not fire) and the nearest scroll region under the finger follows it, then keeps
//    moving with inertia after release.
// No SDL here: the app translates SDL events into PointerEvents, and tests inject them directly.
#include <imgui.h>
#include <imgui_internal.h>

#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

namespace kiosk::ui {

struct PointerEvent {
  enum class Type { down, move, up, wheel };
  Type type = Type::move;
  ImVec2 pos;
  float wheel = 0;  // lines, positive = up (content moves down)
  double time = 0;  // seconds, monotonic
};

enum class ScrollAxis { vertical, horizontal };

class TouchInput {
 public:
  static constexpr double kMinPressSeconds = 0.04;
  static constexpr double kInertiaTimeConstant = 0.325;  // seconds for velocity to fall to 37 %
  static constexpr float kStopVelocity = 20.0f;          // px/s

  void set_tap_slop(float px) { tap_slop_ = px; }
  void push(const PointerEvent& e);

  // Call before ImGui::NewFrame(): feeds at most one press transition to ImGui and advances drags
  // and inertia to `now`.
  void begin_frame(ImGuiIO& io, double now);
  // Call inside a scrollable child window, right after BeginChild: scrolls it with the finger.
  void scroll_region(ScrollAxis axis);
  // Call after ImGui::Render(): forgets regions that were not drawn this frame.
  void end_frame();

  // True while something still needs frames: queued events, a press being held for visibility,
  // or inertia. The loop sleeps otherwise.
  bool animating(double now) const;
  // The next moment a frame is needed without new input (press release, long-press threshold).
  std::optional<double> next_deadline() const;

  // The current press (finger down and not yet lifted), for long-press gestures.
  struct Press {
    ImVec2 origin;
    double since = 0;
    bool moved = false;
  };
  std::optional<Press> press() const;
  // Ignore the rest of the current gesture (e.g. the touch that wakes the attract screen).
  void swallow_gesture();
  double last_input_time() const { return last_input_; }
  bool idle() const;

 private:
  struct Region {
    ImGuiID id = 0;
    ImVec2 min, max;
    ScrollAxis axis = ScrollAxis::vertical;
  };
  struct Inertia {
    ScrollAxis axis = ScrollAxis::vertical;
    float velocity = 0;  // px/s, in content-offset direction
    double last = 0;
  };

  void start_drag_if_needed();
  void record_sample(ImVec2 pos, double t);
  float release_velocity(ScrollAxis axis) const;
  const Region* region_at(ImVec2 p, std::optional<ScrollAxis> axis) const;

  std::deque<PointerEvent> queue_;
  float tap_slop_ = 16;
  double now_ = 0;
  double last_input_ = 0;

  // finger state as ImGui sees it
  bool down_ = false;  // ImGui's MouseDown
  ImVec2 pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
  bool release_pending_ = false;  // up happened; move the pointer away next frame
  bool swallowed_ = false;

  // gesture state
  bool finger_ = false;  // physically down
  ImVec2 origin_, finger_pos_;
  double down_time_ = 0;
  bool dragging_ = false;
  ImGuiID drag_region_ = 0;
  ScrollAxis drag_axis_ = ScrollAxis::vertical;
  ImVec2 applied_;  // finger movement already given to the region
  std::vector<std::pair<double, ImVec2>> samples_;
  float wheel_ = 0;
  ImVec2 wheel_pos_;

  std::vector<Region> regions_, regions_next_;
  std::unordered_map<ImGuiID, Inertia> inertia_;
};

}  // namespace kiosk::ui
