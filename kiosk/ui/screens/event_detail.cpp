// One event in full: poster, time, venue, organiser, capacity, status and a QR code to register.
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {

void draw_event_detail(FrameContext& f, const UiState& s, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const content::Event* e = f.snap.event(s.event_id);
  Rect r = area.inset(m.pad, m.pad * 0.6f);
  if (e == nullptr) {  // a sync removed it while it was open
    r = back_header(f, r, f.tr("events.title"));
    text_line(f, r.top(m.touch), f.tr("events.gone"), f.fonts().body, p.text_muted.u32());
    return;
  }
  r = back_header(f, r, f.tr("category." + std::string(content::to_string(e->category))));

  // QR column on the right (landscape) or a band at the bottom (portrait).
  const float qr_side = std::round(std::min(m.portrait ? r.w() * 0.42f : r.w() * 0.3f, r.h() * 0.62f));
  Rect qr_area, main = r;
  if (m.portrait) {
    qr_area = r.bottom(qr_side + m.body_size * 3);
    main = r.cut_bottom(qr_side + m.body_size * 3 + m.gap);
  } else {
    qr_area = r.right(qr_side + m.pad);
    main = r.cut_right(qr_side + m.pad * 2);
  }
  if (!e->registration_url.empty() && e->status != content::EventStatus::cancelled) {
    const Rect code =
        Rect::at(ImVec2(qr_area.center().x - qr_side * 0.5f, qr_area.min.y), ImVec2(qr_side, qr_side));
    qr_code(f, code, e->registration_url);
    text_line(f,
              Rect{ImVec2(qr_area.min.x, code.max.y + m.gap),
                   ImVec2(qr_area.max.x, code.max.y + m.gap + m.body_size * 1.5f)},
              f.tr("events.scan_to_register"), f.fonts().body, p.text.u32(), Align::center);
  }

  // Main column: everything scrolls together when the text is long.
  const float poster_h =
      e->poster.empty() ? 0 : std::round(std::min(main.w() * 9.0f / 16.0f, main.h() * 0.42f));
  const float title_h = text_block_height(f.fonts().title, f.text(e->title), main.w());
  const std::string body = f.text(e->summary) + (e->body.empty() ? "" : "\n\n" + f.text(e->body));
  const float facts_h = m.body_size * 1.25f * 6 + m.gap * 6;
  const float body_h = text_block_height(f.fonts().body, body, main.w());
  const float extent = poster_h + m.gap + title_h + m.gap + facts_h + body_h + m.pad * 2 + m.body_size * 3;
  ScrollArea scroll = begin_scroll(f, "##event-detail", main, false, extent);
  float y = scroll.origin.y;
  const float x = scroll.origin.x;
  if (poster_h > 0) {
    image_box(f, Rect::at(ImVec2(x, y), ImVec2(main.w(), poster_h)), e->poster);
    y += poster_h + m.gap;
  }
  y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y + title_h + 1)}, f.text(e->title),
                  f.fonts().title, p.text.u32()) +
       m.gap;
  const std::string status = status_label(f, *e);
  if (!status.empty()) {
    badge(f, ImVec2(x, y), status, event_status_colour(f, e->status), p.on_status.u32(), f.fonts().body);
    y += m.body_size * 1.7f;
    if (!e->status_note.empty()) {
      y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y + m.body_size * 2.6f)},
                      f.text(e->status_note), f.fonts().body, p.warning.u32(), 2) +
           m.gap;
    }
  }
  const Rect facts{ImVec2(x, y), ImVec2(x + main.w(), y + facts_h)};
  y += fact_row(f, Rect{ImVec2(x, y), facts.max}, f.tr("events.when"),
                short_date(f.i18n, f.lang, e->start) + " " + time_range(f.i18n, f.lang, e->start, e->end));
  y += fact_row(f, Rect{ImVec2(x, y), ImVec2(facts.max.x, y + facts_h)}, f.tr("events.venue"),
                f.text(e->venue));
  y += fact_row(f, Rect{ImVec2(x, y), ImVec2(facts.max.x, y + facts_h)}, f.tr("events.organiser"),
                f.text(e->organiser));
  if (e->capacity > 0) {
    y += fact_row(
        f, Rect{ImVec2(x, y), ImVec2(facts.max.x, y + facts_h)}, f.tr("events.capacity"),
        f.format("events.registered_of", {std::to_string(e->registered), std::to_string(e->capacity)}));
  }
  if (const content::Space* space = f.snap.space(e->space_id)) {
    y += fact_row(f, Rect{ImVec2(x, y), ImVec2(facts.max.x, y + facts_h)}, f.tr("events.space"),
                  f.text(space->name));
  }
  if (e->sample) {
    badge(f, ImVec2(x, y), f.tr("common.sample_data"), p.warning.u32(), p.on_status.u32());
    y += m.small_size * 1.9f;
  }
  y += m.gap;
  text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y)}, body, f.fonts().body, p.text_muted.u32());
  end_scroll();
  audit_region(f, "event-detail:" + e->id, main);
}

}  // namespace kiosk::ui
