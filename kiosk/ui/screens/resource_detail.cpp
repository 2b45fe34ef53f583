// One shared resource in full: provider, location, hours, contact, how to book, voucher eligibility
// and a QR code to the booking page.
#include <cmath>

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
  const float qr_side = std::round(std::min(m.portrait ? r.w() * 0.42f : r.w() * 0.3f, r.h() * 0.62f));
  Rect qr_area, main = r;
  if (m.portrait) {
    qr_area = r.bottom(qr_side + m.body_size * 3);
    main = r.cut_bottom(qr_side + m.body_size * 3 + m.gap);
  } else {
    qr_area = r.right(qr_side + m.pad);
    main = r.cut_right(qr_side + m.pad * 2);
  }
  if (!res->booking_url.empty()) {
    const Rect code =
        Rect::at(ImVec2(qr_area.center().x - qr_side * 0.5f, qr_area.min.y), ImVec2(qr_side, qr_side));
    qr_code(f, code, res->booking_url);
    text_line(f,
              Rect{ImVec2(qr_area.min.x, code.max.y + m.gap),
                   ImVec2(qr_area.max.x, code.max.y + m.gap + m.body_size * 1.5f)},
              f.tr("resources.scan_to_book"), f.fonts().body, p.text.u32(), Align::center);
  }
  const float image_h = res->image.empty() ? 0 : std::round(std::min(main.w() * 0.5f, main.h() * 0.36f));
  const float title_h = text_block_height(f.fonts().title, f.text(res->name), main.w());
  const float summary_h = text_block_height(f.fonts().body, f.text(res->summary), main.w());
  const float extent = image_h + title_h + summary_h + m.body_size * 1.6f * 9 + m.pad * 3;
  ScrollArea scroll = begin_scroll(f, "##resource-detail", main, false, extent);
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
    bx += badge(f, ImVec2(bx, y), f.tr("resources.voucher_eligible"), p.free.u32(), p.on_status.u32(),
                f.fonts().body) +
          m.gap;
  if (res->sample)
    badge(f, ImVec2(bx, y), f.tr("common.sample_data"), p.warning.u32(), p.on_status.u32(), f.fonts().body);
  if (res->voucher_eligible || res->sample) y += m.body_size * 1.8f;
  const ImVec2 end(x + main.w(), y + m.body_size * 4);
  const auto fact = [&](const char* key, const content::LocalText& value) {
    y += fact_row(f, Rect{ImVec2(x, y), ImVec2(end.x, y + m.body_size * 4)}, f.tr(key), f.text(value));
  };
  fact("resources.provider", res->provider);
  fact("resources.location", res->location);
  fact("resources.hours", res->hours);
  fact("resources.contact", res->contact);
  fact("resources.booking", res->booking);
  y += m.gap;
  text_block(f, Rect{ImVec2(x, y), ImVec2(x + main.w(), y)}, f.text(res->summary), f.fonts().body,
             p.text_muted.u32());
  end_scroll();
  audit_region(f, "resource-detail:" + res->id, main);
}

}  // namespace kiosk::ui
