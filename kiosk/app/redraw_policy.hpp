#pragma once
// When the kiosk's loop wakes up and what it draws then: the whole frame, only the clock, or
// nothing. Pure decisions over what the loop knows, so they are tested without SDL or a display;
// an idle kiosk sleeps until the clock's next second (or an hour when dark), never in a busy loop.
#include <optional>

namespace kiosk::app {

// Wall times are Unix seconds with a fraction; monotonic times are seconds from platform's clock.
struct LoopMoment {
  double mono = 0;
  double wall = 0;
};

struct WakeInputs {
  LoopMoment now;
  double last_frame_mono = 0;
  bool settling = false;                 // touch feedback or an animation is running: 60 frames/s
  std::optional<double> ui_deadline;     // mono: a screen timer (idle return, a slide, a press)
  double content_change = 0;             // wall: an item starts or ends (0: none)
  bool lit = true;                       // a dark screen has no clock to tick
  std::optional<double> dark_change_in;  // seconds until the opening hours light the screen again
  double watchdog_max_sleep = 1e9;
};

inline constexpr double kFrameInterval = 1.0 / 60.0;

// How long the loop may sleep before it has something to do (an event wakes it sooner).
double seconds_until_wake(const WakeInputs& in);

enum class Redraw { none, clock_only, full };

struct RedrawInputs {
  LoopMoment now;
  bool asked = false;          // something happened that changes what is on screen: input, new content,
                               // a window event, the screen lit again, a screenshot to take
  long long last_second = -1;  // the wall second last drawn
  std::optional<double> ui_deadline;  // the first timer after now.mono - 1 ms (one just passed counts)
  bool settling = false;
  double content_change = 0;
};

// Full when asked, at every new minute (dates, "today", staleness), when a timer or a content
// change fell due, and while settling; the clock alone at every other new second.
Redraw redraw_needed(const RedrawInputs& in);

}  // namespace kiosk::app
