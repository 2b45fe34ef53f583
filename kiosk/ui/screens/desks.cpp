// Open desks: per space and zone, a grid of desks coloured by status with a mark per status (the
// legend never relies on colour alone), free counts and prices per kind, stale statuses shown as
// unknown, and a QR code to book. A tap on a desk opens its detail.
#include <algorithm>
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {
namespace {

using content::DeskStatus;

constexpr DeskStatus kLegend[] = {DeskStatus::free, DeskStatus::booked, DeskStatus::occupied,
                                  DeskStatus::out_of_service, DeskStatus::unknown};

std::string status_word(FrameContext& f, DeskStatus s) {
  return f.tr("desk_status." + std::string(content::to_string(s)));
}

float legend(FrameContext& f, const Rect& r) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  float x = r.min.x, y = r.min.y;
  const float h = m.small_size * 1.6f;
  for (DeskStatus s : kLegend) {
    const std::string word = status_word(f, s);
    const float w = h + m.gap * 0.5f + text_width(f.fonts().small, m.small_size, word) + m.gap * 1.5f;
    if (x + w > r.max.x && x > r.min.x) {
      x = r.min.x;
      y += h + m.gap * 0.5f;
    }
    const Rect sw = Rect::at(ImVec2(x, y), ImVec2(h, h));
    status_swatch(f, sw, s);
    text_line(f, Rect{ImVec2(sw.max.x + m.gap * 0.5f, y), ImVec2(x + w, y + h)}, word, f.fonts().small,
              p.text.u32());
    audit_region(f, "legend:" + std::string(content::to_string(s)), Rect::at(ImVec2(x, y), ImVec2(w, h)));
    x += w;
  }
  return y + h - r.min.y;
}

}  // namespace

void draw_desks(FrameContext& f, const UiState& s, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const auto& spaces = f.snap.content().spaces;
  Rect r = area.inset(m.pad, m.pad * 0.6f);
  if (spaces.empty()) {
    text_line(f, r.top(m.touch), f.tr("desks.none"), f.fonts().body, p.text_muted.u32());
    return;
  }
  const content::Space* home = f.snap.home_space(f.kiosk_id);
  const std::string space_id = !s.desk_space.empty() && f.snap.space(s.desk_space) ? s.desk_space : home->id;
  const content::Space& space = *f.snap.space(space_id);

  std::vector<std::pair<std::string, std::string>> chips;
  for (const auto& sp : spaces) chips.emplace_back(f.text(sp.name), sp.id);
  chip_row_ids(f, "##space-chips", r.top(m.touch), chips, space_id, Action::Kind::desk_space);
  r = r.cut_top(m.touch + m.gap);

  const content::SpaceDesks desks = f.snap.desks_in_space(space_id, f.now);

  // Side panel: free counts and prices per kind, QR to book.
  const float side_w = m.portrait ? r.w() : std::round(std::clamp(r.w() * 0.3f, m.u * 9.0f, m.u * 13.0f));
  Rect side = m.portrait ? r.bottom(std::min(r.h() * 0.4f, m.u * 14.0f)) : r.right(side_w);
  // The legend heads the grid, so the panel's room goes to counts and prices.
  Rect grid = m.portrait ? r.cut_bottom(side.h() + m.gap) : r.cut_right(side_w + m.pad);
  grid = grid.cut_top(legend(f, grid) + m.gap);
  fill_rect(canvas(), side.min, side.max, p.surface.u32(), m.radius);
  Rect sp = side.inset(m.pad * 0.8f);
  const std::string& booking = space.booking_url;
  const float caption_h = m.small_size * 1.6f;
  const auto draw_qr = [&](const Rect& code) {
    qr_code(f, code, booking);
    text_line(
        f, Rect{ImVec2(code.min.x - m.pad, code.max.y), ImVec2(code.max.x + m.pad, code.max.y + caption_h)},
        f.tr("desks.scan_to_book"), f.fonts().small, p.text.u32(), Align::center);
  };
  if (!booking.empty() && m.portrait) {  // portrait: the code sits to the right of the figures
    const float qr = std::round(std::min(sp.h() - caption_h, sp.w() * 0.35f));
    draw_qr(sp.right(qr).top(qr));
    sp = sp.cut_right(qr + m.pad);
  }
  if (!booking.empty() && !m.portrait) {  // landscape: the code is reserved at the bottom first
    const float qr = std::round(std::min(sp.w() * 0.62f, sp.h() * 0.34f));
    draw_qr(Rect::at(ImVec2(sp.center().x - qr * 0.5f, sp.max.y - caption_h - qr), ImVec2(qr, qr)));
    sp = sp.cut_bottom(qr + caption_h + m.gap);
  }
  float y = sp.min.y;
  text_line(f, Rect{ImVec2(sp.min.x, y), ImVec2(sp.max.x, y + m.title_size * 1.2f)},
            f.format("desks.free_of", {std::to_string(desks.counts.count(DeskStatus::free)),
                                       std::to_string(desks.counts.total)}),
            f.fonts().title, p.text.u32());
  y += m.title_size * 1.3f;
  // Per kind: free of total, and its price on a second line when the panel has room for it (the
  // desk's own detail, a tap away, always shows it).
  int kinds = 0;
  for (const auto& c : desks.by_kind) kinds += c.total > 0 ? 1 : 0;
  const float kind_h = m.body_size * 1.4f, price_h = m.small_size * 1.35f;
  const bool prices = y + kinds * (kind_h + price_h) <= sp.max.y;
  for (std::size_t k = 0; k < desks.by_kind.size(); ++k) {
    const auto& c = desks.by_kind[k];
    if (c.total == 0) continue;
    const std::string kind =
        f.tr("desk_kind." + std::string(content::to_string(static_cast<content::DeskKind>(k))));
    const Rect row{ImVec2(sp.min.x, y), ImVec2(sp.max.x, y + m.body_size * 1.35f)};
    const std::string figure = std::to_string(c.count(DeskStatus::free)) + " / " + std::to_string(c.total);
    const float fw = text_width(f.fonts().body, m.body_size, figure);
    text_line(f, row.cut_right(fw + m.gap), kind, f.fonts().body, p.text_muted.u32());
    text_line(f, row.right(fw), figure, f.fonts().body, p.text.u32(), Align::right);
    y += kind_h;
    if (prices) {
      const Rect price{ImVec2(sp.min.x, y - m.gap * 0.3f), ImVec2(sp.max.x, y - m.gap * 0.3f + price_h)};
      text_line(f, price, desk_price(f.i18n, f.lang, desks.prices[k]), f.fonts().small, p.text.u32());
      audit_region(f, "desk-price:" + std::string(content::to_string(static_cast<content::DeskKind>(k))),
                   price);
      y += price_h;
    }
  }
  y += m.gap;
  if (desks.counts.count(DeskStatus::unknown) > 0 && y + m.small_size * 2.6f < sp.max.y) {
    text_block(f, Rect{ImVec2(sp.min.x, y), ImVec2(sp.max.x, y + m.small_size * 2.6f)},
               f.tr("desks.unknown_note"), f.fonts().small, p.text_muted.u32(), 2);
    y += m.small_size * 2.6f + m.gap * 0.5f;
  }
  if (y + m.small_size * 2.6f < sp.max.y) {
    text_block(f, Rect{ImVec2(sp.min.x, y), ImVec2(sp.max.x, y + m.small_size * 2.6f)}, f.tr("desk.tap_hint"),
               f.fonts().small, p.text_muted.u32(), 2);
  }

  // The grid, zone by zone.
  const float tile = std::round(std::max(m.touch, m.u * 2.6f));
  const int cols = std::max(1, static_cast<int>((grid.w() + m.gap) / (tile + m.gap)));
  const float zone_h = m.body_size * 1.8f;
  float extent = 0;
  for (const auto& z : desks.zones) {
    extent += zone_h + std::ceil(static_cast<float>(z.desks.size()) / cols) * (tile + m.gap) + m.gap;
  }
  ScrollArea scroll = begin_scroll(f, "##desks", grid, false, extent);
  float zy = scroll.origin.y;
  for (const auto& z : desks.zones) {
    const content::DeskCounts& c = z.counts;
    text_line(
        f, Rect{ImVec2(scroll.origin.x, zy), ImVec2(grid.max.x, zy + zone_h)},
        f.text(z.zone) + "  ·  " + f.format("desks.free_count", {std::to_string(c.count(DeskStatus::free))}),
        f.fonts().body, p.accent.u32());
    zy += zone_h;
    for (std::size_t i = 0; i < z.desks.size(); ++i) {
      const auto& d = z.desks[i];
      const int cx = static_cast<int>(i) % cols, cy = static_cast<int>(i) / cols;
      const Rect t = Rect::at(ImVec2(scroll.origin.x + cx * (tile + m.gap), zy + cy * (tile + m.gap)),
                              ImVec2(tile, tile));
      ImGui::PushID(d.desk->id.c_str());
      const ImU32 fill = status_colour(p, d.status).u32();
      if (pressable(f, "##desk", t, fill, p.surface_pressed.u32(), m.radius * 0.6f)) {
        f.act(Action::Kind::open_desk, d.desk->id);
      }
      ImGui::PopID();
      const ImU32 ink = status_text_colour(p, d.status).u32();
      status_mark(canvas(), d.status, ImVec2(t.center().x, t.min.y + tile * 0.36f), tile * 0.34f, ink);
      text_line(f, Rect{ImVec2(t.min.x + 2, t.min.y + tile * 0.58f), ImVec2(t.max.x - 2, t.max.y - 2)},
                d.desk->label, f.fonts().small, ink, Align::center);
      audit_region(f, "desk:" + d.desk->id + ":" + std::string(content::to_string(d.status)), t);
    }
    zy += std::ceil(static_cast<float>(z.desks.size()) / cols) * (tile + m.gap) + m.gap;
  }
  end_scroll(f, scroll);
}

}  // namespace kiosk::ui
