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
  end_scroll();
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

float fact_row(FrameContext& f, const Rect& r, const std::string& label, const std::string& value) {
  if (value.empty()) return 0;
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

std::string status_label(FrameContext& f, const content::Event& e) {
  if (e.status == content::EventStatus::scheduled) {
    if (e.capacity > 0 && e.registered >= e.capacity) return f.tr("event_status.full");
    return {};
  }
  return f.tr("event_status." + std::string(content::to_string(e.status)));
}

ImU32 event_status_colour(FrameContext& f, content::EventStatus s) {
  const auto& p = f.colours();
  switch (s) {
    case content::EventStatus::cancelled:
      return p.occupied.u32();
    case content::EventStatus::moved:
      return p.warning.u32();
    default:
      return p.out_of_service.u32();
  }
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
