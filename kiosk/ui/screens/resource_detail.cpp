// One shared resource in full: what it costs (and what a voucher pays), provider, location, hours,
// contact, how to book and a QR code to the booking page.
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {

void draw_resource_detail(FrameContext& f, const UiState& s, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const content::Resource* res = f.snap.resource(s.resource_id);
  Rect r = area.inset(m.pad, m.pad * 0.6f);
  if (res == nullptr) {
    r = back_header(f, r, f.tr("resources.title"));
    text_line(f, r.top(m.touch), f.tr("resources.gone"), f.fonts().body, p.text_muted.u32());
    return;
  }
  r = back_header(f, r, f.tr("resource_category." + std::string(content::to_string(res->category))));
  const DetailColumns cols = detail_columns(f, r);
  const Rect& main = cols.main;
  if (!res->booking_url.empty()) detail_qr(f, cols, res->booking_url, f.tr("resources.scan_to_book"));
  const float image_h = res->image.empty() ? 0 : std::round(std::min(main.w() * 0.5f, main.h() * 0.36f));
  const float title_h = text_block_height(f.fonts().title, f.text(res->name), main.w());
  ScrollArea scroll = begin_scroll(f, "##resource-detail", main, false, kMeasuredExtent);
  const float x = scroll.origin.x;
  float y = scroll.origin.y;
  if (image_h > 0) {
    image_box(f, Rect::at(ImVec2(x, y), ImVec2(main.w(), image_h)), res->image);
    y += image_h + m.gap;
  }
  y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y + title_h + 1)}, f.text(res->name),
                  f.fonts().title, p.text.u32()) +
       m.gap;
  float bx = x;
  if (res->voucher_eligible)
    bx += badge(f, ImVec2(bx, y), voucher_words(f.i18n, f.lang, *res), p.free.u32(), p.on_status.u32(),
                f.fonts().body) +
          m.gap;
  if (res->sample)
    badge(f, ImVec2(bx, y), f.tr("common.sample_data"), p.warning.u32(), p.on_status.u32(), f.fonts().body);
  if (res->voucher_eligible || res->sample) y += m.body_size * 1.8f;
  y += fact_row(f, {x, y}, main.w(), f.tr("resources.fee"), resource_price(f.i18n, f.lang, *res));
  for (const auto& [key, value] : {std::pair{"resources.provider", &res->provider},
                                   {"resources.location", &res->location},
                                   {"resources.hours", &res->hours},
                                   {"resources.contact", &res->contact},
                                   {"resources.booking", &res->booking}})
    y += fact_row(f, {x, y}, main.w(), f.tr(key), f.text(*value));
  y += m.gap;
  y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y)}, f.text(res->summary), f.fonts().body,
                  p.text_muted.u32());
  scroll.ends_at(y + m.pad);
  end_scroll(f, scroll);
  audit_region(f, "resource-detail:" + res->id, main);
}

}  // namespace kiosk::ui
