#include "kiosk/ui/chart_view.hpp"

#include <cmath>
#include <cstdio>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {

void draw_chart(FrameContext& f, const Rect& r, const ChartInput& in, int decimals) {
  const auto& p = f.colours();
  ImFont* font = f.fonts().small;
  const float fs = font->FontSize;
  // Room for the widest value label on the left, year labels below.
  float label_w = 0;
  const ChartGeometry probe = layout_chart(in, 0, 0, 1, 1);
  for (double t : probe.y_ticks)
    label_w = std::max(label_w, text_width(font, fs, format_number(t, decimals)));
  const Rect plot{ImVec2(r.min.x + label_w + fs * 0.6f, r.min.y + fs * 0.6f),
                  ImVec2(r.max.x - fs * 0.8f, r.max.y - fs * 1.6f)};
  if (plot.w() < 20 || plot.h() < 20) return;
  const ChartGeometry g = layout_chart(in, plot.min.x, plot.min.y, plot.max.x, plot.max.y);
  ImDrawList* dl = canvas();
  for (double t : g.y_ticks) {
    const float y = std::round(g.y.map(t));
    dl->AddLine(ImVec2(plot.min.x, y), ImVec2(plot.max.x, y), p.grid.u32(), 1.0f);
    text_line(f, Rect{ImVec2(r.min.x, y - fs), ImVec2(plot.min.x - fs * 0.4f, y + fs)},
              format_number(t, decimals), font, p.text_muted.u32(), Align::right);
  }
  for (int year : g.x_ticks) {
    const float x = g.x.map(year);
    // Below the lowest value label's half line, so the first year never touches it.
    text_line(
        f,
        Rect{ImVec2(x - fs * 2.0f, plot.max.y + fs * 0.55f), ImVec2(x + fs * 2.0f, plot.max.y + fs * 1.55f)},
        std::to_string(year), font, p.text_muted.u32(), Align::center);
  }
  // Target: dashed line across, marker at the target year.
  const float dash = std::max(4.0f, fs * 0.5f);
  for (float x = plot.min.x; x < plot.max.x; x += dash * 2) {
    dl->AddLine(ImVec2(x, g.target_y), ImVec2(std::min(x + dash, plot.max.x), g.target_y),
                p.chart_target.u32(), 2.0f);
  }
  const float mark = std::max(4.0f, fs * 0.32f);
  fill_rect(dl, ImVec2(g.target.x - mark, g.target.y - mark), ImVec2(g.target.x + mark, g.target.y + mark),
            p.chart_target.u32());
  if (g.baseline) dl->AddCircle(ImVec2(g.baseline->x, g.baseline->y), mark * 1.2f, p.text.u32(), 16, 2.0f);
  const float thickness = std::max(2.0f, fs * 0.14f);
  for (std::size_t i = 1; i < g.line.size(); ++i) {
    dl->AddLine(ImVec2(g.line[i - 1].x, g.line[i - 1].y), ImVec2(g.line[i].x, g.line[i].y),
                p.chart_line.u32(), thickness);
  }
  for (const auto& pt : g.line) {
    // Sample (invented) points are hollow, real ones filled: the difference survives a greyscale photo.
    if (pt.sample) {
      dl->AddCircleFilled(ImVec2(pt.x, pt.y), mark, p.surface.u32(), 16);
      dl->AddCircle(ImVec2(pt.x, pt.y), mark, p.chart_line.u32(), 16, 2.0f);
    } else {
      dl->AddCircleFilled(ImVec2(pt.x, pt.y), mark, p.chart_line.u32(), 16);
    }
  }
  audit_region(f, "chart", r);
}

}  // namespace kiosk::ui
