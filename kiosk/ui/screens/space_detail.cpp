// One space (an incubator, a maker space) in full, opened from an event or a desk: where it is,
// when it is open, how many desks are free there now, what it is, and a code for a map to it.
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {

void draw_space_detail(FrameContext& f, const UiState& s, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const content::Space* space = f.snap.space(s.space_id);
  Rect r = area.inset(m.pad, m.pad * 0.6f);
  if (space == nullptr) {  // a sync removed it while it was open
    r = back_header(f, r, f.tr("space.title"));
    text_line(f, r.top(m.touch), f.tr("space.gone"), f.fonts().body, p.text_muted.u32());
    return;
  }
  r = back_header(f, r, f.tr("space.title"));
  const DetailColumns cols = detail_columns(f, r);
  const bool here = is_here(f, space->id);
  if (!space->map_url.empty()) {
    detail_qr(f, cols, space->map_url, f.tr("space.scan_for_map"));
  } else if (!here) {
    detail_no_qr(f, cols, f.tr("space.ask_reception"), "space-map:reception");
  }

  const Rect& main = cols.main;
  const std::string name = f.text(space->name), description = f.text(space->description);
  const float name_h = text_block_height(f.fonts().title, name, main.w());
  ScrollArea scroll = begin_scroll(f, "##space-detail", main, false, kMeasuredExtent);
  const float x = scroll.origin.x;
  float y = scroll.origin.y;
  y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y + name_h + 1)}, name, f.fonts().title,
                  p.text.u32()) +
       m.gap;
  if (here) {
    badge(f, ImVec2(x, y), f.tr("space.you_are_here"), p.accent.u32(), p.on_accent.u32(), f.fonts().body);
    y += m.body_size * 1.8f;
  }
  y += fact_row(f, {x, y}, main.w(), f.tr("space.address"), f.text(space->address));
  y += fact_row(f, {x, y}, main.w(), f.tr("space.hours"), f.text(space->hours));
  const content::SpaceDesks desks = f.snap.desks_in_space(space->id, f.now);
  if (desks.counts.total > 0) {
    y += fact_row(f, {x, y}, main.w(), f.tr("space.desks"),
                  f.format("desks.free_of", {std::to_string(desks.counts.count(content::DeskStatus::free)),
                                             std::to_string(desks.counts.total)}));
  }
  y += m.gap;
  y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y)}, description, f.fonts().body,
                  p.text_muted.u32());
  scroll.ends_at(y + m.pad);
  end_scroll(f, scroll);
  audit_region(f, "space-detail:" + space->id, main);
}

}  // namespace kiosk::ui
