// Attract mode: after the idle timeout the kiosk cycles through home, today's events, the desk
// summary and the index, and invites the next visitor to touch.
#include <cmath>

#include "kiosk/ui/list_cache.hpp"
#include "kiosk/ui/screens/screens.hpp"

namespace kiosk::ui {

void draw_attract(FrameContext& f, const UiState& s, const Rect& area, ListCache& cache) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const float prompt_h = std::round(m.title_size * 2.2f);
  const Rect slide = area.cut_bottom(prompt_h);
  UiState view;  // a fresh visitor's view: defaults everywhere
  view.lang = s.lang;
  // Nothing on a slide reacts to touch: the first touch only wakes the kiosk (handled by KioskUi).
  ImGui::BeginDisabled();
  switch (s.attract_slide % 4) {
    case 0:
      draw_home(f, view, slide);
      break;
    case 1: {
      view.screen = Screen::events;
      draw_events(f, view, slide, cache);
      break;
    }
    case 2:
      draw_desks(f, view, slide);
      break;
    default:
      draw_index(f, view, slide);
      break;
  }
  ImGui::EndDisabled();
  const Rect prompt = area.bottom(prompt_h);
  fill_rect(canvas(), prompt.min, prompt.max, p.accent.u32());
  text_line(f, prompt, f.tr("attract.touch_to_start"), f.fonts().title, p.on_accent.u32(), Align::center);
  audit_region(f, "attract-prompt", prompt);
  // Slide dots.
  for (int i = 0; i < 4; ++i) {
    const ImVec2 c(prompt.max.x - m.pad - (3 - i) * m.u, prompt.center().y);
    if (i == s.attract_slide % 4)
      canvas()->AddCircleFilled(c, m.u * 0.25f, p.on_accent.u32());
    else
      canvas()->AddCircle(c, m.u * 0.25f, p.on_accent.u32(), 12, 2.0f);
  }
}

}  // namespace kiosk::ui
