// One desk, opened by tapping its tile: what it is, where, whether it is free (and until when), what
// it costs and how to book it.
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"

namespace kiosk::ui {

void draw_desk_detail(FrameContext& f, const UiState& s, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const content::Desk* d = f.snap.desk(s.desk_id);
  Rect r = area.inset(m.pad, m.pad * 0.6f);
  if (d == nullptr) {  // a sync removed it while it was open
    r = back_header(f, r, f.tr("nav.desks"));
    text_line(f, r.top(m.touch), f.tr("desk.gone"), f.fonts().body, p.text_muted.u32());
    return;
  }
  r = back_header(f, r, f.format("desk.title", {d->label}));
  const content::Space* space = f.snap.space(d->space_id);

  const DetailColumns cols = detail_columns(f, r);
  const std::string& booking = !d->booking_url.empty() ? d->booking_url
                               : space != nullptr      ? space->booking_url
                                                       : d->booking_url;
  if (booking.empty()) {
    detail_no_qr(f, cols, f.tr("desk.ask_reception"), "desk-booking:reception");
  } else {
    detail_qr(f, cols, booking, f.tr("desk.scan_to_book"));
  }

  const Rect& main = cols.main;
  ScrollArea scroll = begin_scroll(f, "##desk-detail", main, false, kMeasuredExtent);
  const float x = scroll.origin.x;
  float y = scroll.origin.y;
  // The status first, in words and with its mark (never colour alone), then until when.
  const content::DeskStatus status = content::ContentSnapshot::effective_status(*d, f.now);
  const float mark = m.body_size * 1.6f;
  const Rect sw = Rect::at(ImVec2(x, y), ImVec2(mark, mark));
  status_swatch(f, sw, status);
  std::string words = f.tr("desk_status." + std::string(content::to_string(status)));
  const bool taken = status == content::DeskStatus::booked || status == content::DeskStatus::occupied;
  if (taken && d->until && *d->until > f.now)
    words +=
        f.tr("place.separator") + f.format("desk.until", {time_of_day(f.i18n, f.lang, *d->until, f.now)});
  text_line(f, Rect{ImVec2(sw.max.x + m.gap, y), ImVec2(x + main.w(), y + mark)}, words, f.fonts().title,
            p.text.u32());
  audit_region(f, "desk-status:" + std::string(content::to_string(status)), sw);
  y += mark + m.gap * 0.5f;
  text_line(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y + m.small_size * 1.5f)},
            f.format("desk.updated", {time_of_day(f.i18n, f.lang, d->status_at, f.now)}), f.fonts().small,
            p.text_muted.u32());
  y += m.small_size * 1.5f + m.gap;

  content::PriceRange price;
  price.add(*d);
  y += fact_row(f, {x, y}, main.w(), f.tr("desk.price"), desk_price(f.i18n, f.lang, price));
  y += fact_row(f, {x, y}, main.w(), f.tr("desk.kind"),
                f.tr("desk_kind_one." + std::string(content::to_string(d->kind))));
  y += fact_row(f, {x, y}, main.w(), f.tr("desk.zone"), f.text(d->zone));
  if (space != nullptr) y += space_link_row(f, ImVec2(x, y), main.w(), f.tr("desk.space"), *space);
  if (d->sample) {
    badge(f, ImVec2(x, y), f.tr("common.sample_data"), p.warning.u32(), p.on_status.u32());
    y += m.small_size * 1.9f;
  }
  scroll.ends_at(y + m.pad);
  end_scroll(f, scroll);
  audit_region(f, "desk-detail:" + d->id, main);
}

}  // namespace kiosk::ui
