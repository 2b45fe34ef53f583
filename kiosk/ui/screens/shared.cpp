#include "kiosk/ui/screens/shared.hpp"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {
namespace {

template <class Chips, class IsSelected, class Emit>
void chips_impl(FrameContext& f, const char* id, const Rect& r, const Chips& chips, IsSelected is_selected,
                Emit emit) {
  const auto& m = f.metrics();
  float extent = 0;
  std::vector<float> widths;
  for (const auto& c : chips) {
    widths.push_back(measure_chip(f, c.first));
    extent += widths.back() + m.gap;
  }
  ScrollArea row = begin_scroll(f, id, r, true, extent);
  float x = row.origin.x;
  for (std::size_t i = 0; i < chips.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const bool selected = is_selected(chips[i]);
    if (chip(f, "##chip", ImVec2(x, row.origin.y), chips[i].first, selected) && !selected) emit(chips[i]);
    audit_region(f, std::string("chip:") + chips[i].first,
                 Rect::at(ImVec2(x, row.origin.y), ImVec2(widths[i], r.h())));
    ImGui::PopID();
    x += widths[i] + m.gap;
  }
  end_scroll(f, row);
}

}  // namespace

void chip_row(FrameContext& f, const char* id, const Rect& r,
              const std::vector<std::pair<std::string, int>>& chips, int selected, Action::Kind kind) {
  chips_impl(
      f, id, r, chips, [&](const auto& c) { return c.second == selected; },
      [&](const auto& c) { f.act(kind, {}, c.second); });
}

void chip_row_ids(FrameContext& f, const char* id, const Rect& r,
                  const std::vector<std::pair<std::string, std::string>>& chips, const std::string& selected,
                  Action::Kind kind) {
  chips_impl(
      f, id, r, chips, [&](const auto& c) { return c.second == selected; },
      [&](const auto& c) { f.act(kind, c.second); });
}

Rect back_header(FrameContext& f, const Rect& area, const std::string& title) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const Rect bar = area.top(m.touch);
  const float back_w =
      std::max(m.touch * 1.8f, text_width(f.fonts().body, m.body_size, f.tr("common.back")) + m.touch);
  const Rect back = bar.left(back_w);
  if (pressable(f, "##back", back, p.raised.u32(), p.surface_pressed.u32(), m.radius))
    f.act(Action::Kind::back);
  icon(canvas(), Icon::back, back.left(back.h()).inset(back.h() * 0.28f), p.text.u32());
  text_line(f, back.cut_left(back.h() * 0.8f), f.tr("common.back"), f.fonts().body, p.text.u32());
  audit_region(f, "back", back);
  text_line(f, bar.cut_left(back_w + m.pad), title, f.fonts().title, p.text.u32());
  return area.cut_top(m.touch + m.gap);
}

float fact_row(FrameContext& f, ImVec2 at, float width, const std::string& label, const std::string& value) {
  if (value.empty()) return 0;
  const Rect r = Rect::at(at, ImVec2(width, 0));
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const float label_w = std::min(r.w() * 0.32f, m.u * 5.5f);
  text_line(f, Rect{r.min, ImVec2(r.min.x + label_w, r.min.y + m.body_size * 1.25f)}, label, f.fonts().small,
            p.text_muted.u32());
  const float h = text_block(
      f, Rect{ImVec2(r.min.x + label_w + m.gap, r.min.y), ImVec2(r.max.x, r.min.y + m.body_size * 3.8f)},
      value, f.fonts().body, p.text.u32(), 3);
  return std::max(h, m.body_size * 1.25f) + m.gap * 0.6f;
}

DetailColumns detail_columns(FrameContext& f, const Rect& r) {
  const auto& m = f.metrics();
  DetailColumns c;
  c.qr_side = std::round(std::min(m.portrait ? r.w() * 0.42f : r.w() * 0.3f, r.h() * 0.62f));
  if (m.portrait) {
    c.qr_area = r.bottom(c.qr_side + m.body_size * 3);
    c.main = r.cut_bottom(c.qr_side + m.body_size * 3 + m.gap);
  } else {
    c.qr_area = r.right(c.qr_side + m.pad);
    c.main = r.cut_right(c.qr_side + m.pad * 2);
  }
  return c;
}

void detail_qr(FrameContext& f, const DetailColumns& c, const std::string& url, const std::string& caption) {
  const auto& m = f.metrics();
  const Rect code = Rect::at(ImVec2(c.qr_area.center().x - c.qr_side * 0.5f, c.qr_area.min.y),
                             ImVec2(c.qr_side, c.qr_side));
  qr_code(f, code, url);
  text_line(f,
            Rect{ImVec2(c.qr_area.min.x, code.max.y + m.gap),
                 ImVec2(c.qr_area.max.x, code.max.y + m.gap + m.body_size * 1.5f)},
            caption, f.fonts().body, f.colours().text.u32(), Align::center);
}

void detail_no_qr(FrameContext& f, const DetailColumns& c, const std::string& why, std::string audit_name) {
  const auto& m = f.metrics();
  const float inset = m.pad * 0.8f;
  const float text_h = text_block_height(f.fonts().body, why, c.qr_area.w() - inset * 2);
  const Rect panel = c.qr_area.top(std::min(c.qr_area.h(), text_h + inset * 2));
  fill_rect(canvas(), panel.min, panel.max, f.colours().surface.u32(), m.radius);
  text_block(f, panel.inset(inset), why, f.fonts().body, f.colours().text.u32(), 4);
  audit_region(f, std::move(audit_name), panel);
}

float space_link_row(FrameContext& f, ImVec2 at, float width, const std::string& label,
                     const content::Space& space) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const std::string value = space_and_address(f, space);
  const float label_w = std::min(width * 0.32f, m.u * 5.5f);
  const float chevron_w = m.body_size;
  const float text_h =
      std::min(text_block_height(f.fonts().body, value, width - label_w - m.gap * 2 - chevron_w),
               m.body_size * 1.25f * 3);
  const float h = std::max(m.touch, text_h + m.gap);
  const Rect row = Rect::at(at, ImVec2(width, h));
  ImGui::PushID(space.id.c_str());
  if (pressable(f, "##space", row, p.raised.u32(), p.surface_pressed.u32(), m.radius)) {
    f.act(Action::Kind::open_space, space.id);
  }
  ImGui::PopID();
  const Rect in = row.inset(m.gap * 0.5f, (h - text_h) * 0.5f);
  fact_row(f, in.min, in.w() - chevron_w - m.gap, label, value);
  // A chevron: this row leads somewhere.
  const ImVec2 c(row.max.x - chevron_w * 0.5f - m.gap * 0.5f, row.center().y);
  const float s = chevron_w * 0.25f;
  const ImVec2 pts[] = {ImVec2(c.x - s * 0.5f, c.y - s), ImVec2(c.x + s * 0.5f, c.y),
                        ImVec2(c.x - s * 0.5f, c.y + s)};
  canvas()->AddPolyline(pts, 3, p.text_muted.u32(), ImDrawFlags_None, std::max(1.5f, m.body_size * 0.1f));
  audit_region(f, "space-link:" + space.id, row);
  return h + m.gap * 0.6f;
}

EventBadge event_badge(FrameContext& f, const content::Event& e) {
  const auto& p = f.colours();
  const auto word = [&](const char* key, const Rgb& colour) { return EventBadge{f.tr(key), colour.u32()}; };
  if (e.status == content::EventStatus::cancelled) return word("event_status.cancelled", p.occupied);
  if (e.status == content::EventStatus::moved) return word("event_status.moved", p.warning);
  const content::EventPhase phase = content::event_phase(e, f.now);
  if (phase == content::EventPhase::running) return word("event_status.running", p.free);
  if (!content::event_has_places(e)) return word("event_status.full", p.out_of_service);
  if (phase == content::EventPhase::soon) return word("event_status.soon", p.accent);
  return {};
}

bool is_here(FrameContext& f, const std::string& space_id) {
  const content::Space* home = f.snap.home_space(f.kiosk_id);
  return home != nullptr && home->id == space_id;
}

std::string space_and_address(FrameContext& f, const content::Space& space) {
  if (is_here(f, space.id)) return f.format("place.here_named", {f.text(space.name)});
  return f.text(space.name) + f.tr("place.separator") + f.text(space.address);
}

std::string venue_line(FrameContext& f, const content::LocalText& venue, const std::string& space_id) {
  const content::Space* space = f.snap.space(space_id);
  const std::string where = space == nullptr       ? std::string()
                            : is_here(f, space_id) ? f.tr("place.here")
                                                   : f.text(space->name);
  if (venue.empty()) return where;
  return where.empty() ? f.text(venue) : f.text(venue) + f.tr("place.separator") + where;
}

void image_box(FrameContext& f, const Rect& r, const std::string& name) {
  const auto& p = f.colours();
  fill_rect(canvas(), r.min, r.max, p.raised.u32(), f.metrics().radius);
  int w = 0, h = 0;
  ImTextureID tex = (f.images != nullptr && !name.empty()) ? f.images->texture(name, &w, &h) : nullptr;
  if (tex == nullptr || w <= 0 || h <= 0) {
    icon(canvas(), Icon::events,
         Rect::at(ImVec2(r.center().x - r.h() * 0.15f, r.center().y - r.h() * 0.15f),
                  ImVec2(r.h() * 0.3f, r.h() * 0.3f)),
         p.grid.u32());
    return;
  }
  const float scale = std::min(r.w() / static_cast<float>(w), r.h() / static_cast<float>(h));
  const ImVec2 size(std::floor(w * scale), std::floor(h * scale));
  const ImVec2 pos(std::floor(r.center().x - size.x * 0.5f), std::floor(r.center().y - size.y * 0.5f));
  canvas()->AddImageRounded(tex, pos, ImVec2(pos.x + size.x, pos.y + size.y), ImVec2(0, 0), ImVec2(1, 1),
                            IM_COL32_WHITE, f.metrics().radius);
  audit_region(f, "image:" + name, Rect::at(pos, size));
}

}  // namespace kiosk::ui
