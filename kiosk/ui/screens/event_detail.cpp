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

  const DetailColumns cols = detail_columns(f, r);
  const Rect& main = cols.main;
  const bool cancelled = e->status == content::EventStatus::cancelled;
  if (cancelled) {
    detail_no_qr(f, cols, f.tr("events.cancelled_no_signup"), "signup-closed:cancelled");
  } else if (!content::event_has_places(*e)) {
    detail_no_qr(f, cols, f.tr("events.full_no_signup"), "signup-closed:full");
  } else if (!e->registration_url.empty()) {
    detail_qr(f, cols, e->registration_url, f.tr("events.scan_to_register"));
  }

  // Main column: everything scrolls together when the text is long.
  const float poster_h =
      e->poster.empty() ? 0 : std::round(std::min(main.w() * 9.0f / 16.0f, main.h() * 0.42f));
  const float title_h = text_block_height(f.fonts().title, f.text(e->title), main.w());
  const std::string body = f.text(e->summary) + (e->body.empty() ? "" : "\n\n" + f.text(e->body));
  const std::string note = f.text(e->status_note);
  const float note_h = note.empty() ? 0 : text_block_height(f.fonts().body, note, main.w()) + m.gap;
  ScrollArea scroll = begin_scroll(f, "##event-detail", main, false, kMeasuredExtent);
  float y = scroll.origin.y;
  const float x = scroll.origin.x;
  if (poster_h > 0) {
    image_box(f, Rect::at(ImVec2(x, y), ImVec2(main.w(), poster_h)), e->poster);
    y += poster_h + m.gap;
  }
  y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y + title_h + 1)}, f.text(e->title),
                  f.fonts().title, p.text.u32()) +
       m.gap;
  const EventBadge status = event_badge(f, *e);
  if (!status.text.empty()) {
    badge(f, ImVec2(x, y), status.text, status.colour, p.on_status.u32(), f.fonts().body);
    y += m.body_size * 1.7f;
  }
  if (!note.empty()) {  // where a moved event went, why one was cancelled: in full
    y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y + note_h)}, note, f.fonts().body,
                    p.warning.u32()) +
         m.gap;
  }
  const float w = main.w();
  y += fact_row(f, {x, y}, w, f.tr("events.when"),
                short_date(f.i18n, f.lang, e->start) + " " + time_range(f.i18n, f.lang, e->start, e->end));
  y += fact_row(f, {x, y}, w, f.tr("events.venue"), f.text(e->venue));
  y += fact_row(f, {x, y}, w, f.tr("events.organiser"), f.text(e->organiser));
  if (e->capacity > 0) {
    y += fact_row(
        f, {x, y}, w, f.tr("events.capacity"),
        f.format("events.registered_of", {std::to_string(e->registered), std::to_string(e->capacity)}));
  }
  if (const content::Space* space = f.snap.space(e->space_id)) {
    y += space_link_row(f, ImVec2(x, y), main.w(), f.tr("events.space"), *space);
  }
  if (e->sample) {
    badge(f, ImVec2(x, y), f.tr("common.sample_data"), p.warning.u32(), p.on_status.u32());
    y += m.small_size * 1.9f;
  }
  y += m.gap;
  y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y)}, body, f.fonts().body, p.text_muted.u32());
  scroll.ends_at(y + m.pad);
  end_scroll(f, scroll);
  audit_region(f, "event-detail:" + e->id, main);
}

}  // namespace kiosk::ui
