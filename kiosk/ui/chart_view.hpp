#pragma once
// Draws a ChartGeometry with ImDrawList: grid, value labels, the series line (hollow markers for
// sample points), the dashed target line and the baseline marker. Culled by the window clip rect.
#include "kiosk/ui/chart_scale.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

// `decimals` for the value labels; `r` includes room for the axis labels.
void draw_chart(FrameContext& f, const Rect& r, const ChartInput& in, int decimals);

}  // namespace kiosk::ui
