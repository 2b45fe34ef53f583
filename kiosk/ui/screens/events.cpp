// Events: category chips, then upcoming events grouped by day. Only visible rows are drawn, and the
// rows are computed once per change (ListCache), so 10,000 events cost what 200 do.
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/list_cache.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {

void draw_events(FrameContext& f, const UiState& s, const Rect& area, ListCache& cache) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  Rect r = area.inset(m.pad, m.pad * 0.6f);

  // Category chips (they scroll sideways on narrow screens).
  std::vector<std::pair<std::string, int>> chips{{f.tr("events.all"), -1}};
  for (std::size_t i = 0; i < content::enum_count<content::EventCategory>(); ++i) {
    chips.emplace_back(
        f.tr("category." + std::string(content::to_string(static_cast<content::EventCategory>(i)))),
        static_cast<int>(i));
  }
  const int selected = s.event_category ? static_cast<int>(*s.event_category) : -1;
  chip_row(f, "##event-chips", r.top(m.touch), chips, selected, Action::Kind::event_category);
  r = r.cut_top(m.touch + m.gap);

  const auto& rows = cache.events(f.snap, f.now, s.event_category);
  if (rows.empty()) {
    text_line(f, r.top(m.touch * 2), f.tr("events.none"), f.fonts().body, p.text_muted.u32(), Align::center);
    return;
  }
  const float header_h = std::round(m.body_size * 2.0f);
  // Room for a title of two lines above the venue line (title_text picks the font).
  const float card_h =
      std::round(std::max(m.touch * 1.45f, 2 * m.gap + two_line_title_height(m) + caption_height(m)));
  const std::vector<float>& tops = cache.event_tops(header_h, card_h + m.gap);
  ScrollArea list = begin_scroll(f, "##events", r, false, tops.back());
  const auto [first, last] = visible_rows(tops, list.scroll, list.scroll + r.h());
  const std::int64_t today = content::local_day(f.now);
  const float time_w = text_width(f.fonts().title, m.title_size, "00:00") + m.pad;
  for (std::size_t i = first; i < last; ++i) {
    const auto& row = rows[i];
    const Rect rr = Rect::at(ImVec2(list.origin.x, list.origin.y + tops[i]),
                             ImVec2(r.w(), row.header ? header_h : card_h));
    if (row.header) {
      text_line(f, rr.inset(m.gap * 0.5f, 0), day_label(f.i18n, f.lang, row.day, today), f.fonts().body,
                p.accent.u32());
      continue;
    }
    const content::Event& e = *row.event;
    ImGui::PushID(e.id.c_str());
    if (pressable(f, "##event", rr, p.surface.u32(), p.surface_pressed.u32(), m.radius)) {
      f.act(Action::Kind::open_event, e.id);
    }
    ImGui::PopID();
    const Rect in = rr.inset(m.pad, m.gap);
    const bool same_day = content::local_day(e.start) == content::local_day(e.end - 1);
    const std::string start =
        content::local_day(e.start) < today ? f.tr("events.ongoing") : clock_hm(e.start);
    text_line(f, in.left(time_w).top(in.h() * 0.55f), start, f.fonts().title, p.text.u32());
    text_line(f, in.left(time_w).cut_top(in.h() * 0.55f),
              same_day ? clock_hm(e.end) : short_date(f.i18n, f.lang, e.end), f.fonts().small,
              p.text_muted.u32());
    Rect body = in.cut_left(time_w);
    // Status and category on the right; a cancelled or full event says so in words, not colour.
    float right_w = 0;
    const EventBadge status = event_badge(f, e);
    if (!status.text.empty()) {
      const float w = measure_badge(f, status.text);
      badge(f, ImVec2(body.max.x - w, body.min.y), status.text, status.colour, p.on_status.u32());
      right_w = w + m.gap;
    }
    const float venue_h = caption_height(m);
    title_text(f, body.cut_right(right_w).cut_bottom(venue_h), f.text(e.title), p.text.u32());
    text_line(f, body.bottom(venue_h), venue_line(f, e.venue, e.space_id), f.fonts().small,
              p.text_muted.u32());
    audit_region(f, "event:" + e.id, rr);
  }
  end_scroll(f, list);
}

}  // namespace kiosk::ui
