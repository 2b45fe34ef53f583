#pragma once
// SDL events -> the UI's pointer events. A kiosk has one visitor at a time: the first finger down
// is followed, other fingers are ignored until it lifts. Mouse events that SDL synthesised from
// touch are dropped (we read the touch itself); a real mouse acts like a finger, for development.
#include <SDL.h>

#include <optional>

#include "kiosk/ui/touch.hpp"

namespace kiosk::app {

class SdlPointer {
 public:
  // `width`/`height`: the window in pixels (touch coordinates arrive normalised to 0..1).
  std::optional<ui::PointerEvent> translate(const SDL_Event& e, int width, int height, double time);

 private:
  std::optional<SDL_FingerID> finger_;
  bool mouse_down_ = false;
  ImVec2 mouse_pos_;
};

}  // namespace kiosk::app
