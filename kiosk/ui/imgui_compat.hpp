#pragma once
// The few Dear ImGui calls that differ across versions, in one place so an upgrade from 1.86 touches
// one file. 1.87 replaced io.MousePos/MouseDown with an input-event queue (io.AddMousePosEvent ...).
#include <imgui.h>

namespace kiosk::ui::compat {

inline void set_mouse(ImGuiIO& io, ImVec2 pos, bool down) {
#if IMGUI_VERSION_NUM >= 18700
  io.AddMousePosEvent(pos.x, pos.y);
  io.AddMouseButtonEvent(0, down);
#else
  io.MousePos = pos;
  io.MouseDown[0] = down;
#endif
}

inline void set_mouse_wheel(ImGuiIO& io, float dy) {
#if IMGUI_VERSION_NUM >= 18700
  io.AddMouseWheelEvent(0.0f, dy);
#else
  io.MouseWheel += dy;
#endif
}

// "Nowhere": after a finger lifts, nothing may stay hovered.
inline ImVec2 no_pointer() {
  return ImVec2(-FLT_MAX, -FLT_MAX);
}

}  // namespace kiosk::ui::compat
