#include "kiosk/app/sdl_input.hpp"

namespace kiosk::app {

std::optional<ui::PointerEvent> SdlPointer::translate(const SDL_Event& e, int width, int height,
                                                      double time) {
  using T = ui::PointerEvent::Type;
  const auto finger_pos = [&](const SDL_TouchFingerEvent& f) { return ImVec2(f.x * width, f.y * height); };
  switch (e.type) {
    case SDL_FINGERDOWN:
      if (finger_) return std::nullopt;
      finger_ = e.tfinger.fingerId;
      return ui::PointerEvent{T::down, finger_pos(e.tfinger), 0, time};
    case SDL_FINGERMOTION:
      if (!finger_ || *finger_ != e.tfinger.fingerId) return std::nullopt;
      return ui::PointerEvent{T::move, finger_pos(e.tfinger), 0, time};
    case SDL_FINGERUP:
      if (!finger_ || *finger_ != e.tfinger.fingerId) return std::nullopt;
      finger_.reset();
      return ui::PointerEvent{T::up, finger_pos(e.tfinger), 0, time};
    case SDL_MOUSEBUTTONDOWN:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT || finger_)
        return std::nullopt;
      mouse_down_ = true;
      mouse_pos_ = ImVec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
      return ui::PointerEvent{T::down, mouse_pos_, 0, time};
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT || !mouse_down_)
        return std::nullopt;
      mouse_down_ = false;
      mouse_pos_ = ImVec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
      return ui::PointerEvent{T::up, mouse_pos_, 0, time};
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;
      mouse_pos_ = ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y));
      if (!mouse_down_) return std::nullopt;  // hover carries no information on a touch kiosk
      return ui::PointerEvent{T::move, mouse_pos_, 0, time};
    case SDL_MOUSEWHEEL:
      if (e.wheel.which == SDL_TOUCH_MOUSEID) return std::nullopt;
      return ui::PointerEvent{T::wheel, mouse_pos_, e.wheel.preciseY, time};
    default:
      return std::nullopt;
  }
}

}  // namespace kiosk::app
