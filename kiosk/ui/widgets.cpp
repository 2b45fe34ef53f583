#include "kiosk/ui/widgets.hpp"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/qr.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/touch.hpp"
#include "sync/content/utf8.hpp"

namespace kiosk::ui {
namespace {

void audit_text(FrameContext& f, const Rect& r, ImVec2 at, std::string_view drawn, std::string_view full,
                ImFont* font, float width) {
  if (f.audit == nullptr) return;
  UiAudit::Text t;
  t.text = std::string(drawn);
  t.full = std::string(full);
  t.min = r.min;
  t.max = r.max;
  t.width = width;
  t.ink_min = at;
  t.ink_max = ImVec2(at.x + width, at.y + font->FontSize);
  t.clip_min = canvas()->GetClipRectMin();
  t.clip_max = canvas()->GetClipRectMax();
  for (std::size_t pos = 0; pos < drawn.size();) {
    const char32_t c = content::utf8::next(drawn, pos);
    if (c < 0x20) continue;
    if (c > 0xFFFF || font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) t.missing.push_back(c);
  }
  f.audit->texts.push_back(std::move(t));
}

}  // namespace

ImDrawList* canvas() {
  return ImGui::GetWindowDrawList();
}

void fill_rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float rounding) {
  rounding = std::min(rounding, std::min(max.x - min.x, max.y - min.y) * 0.5f);
  if (rounding < 1.0f || (colour >> IM_COL32_A_SHIFT) != 0xFF) {
    dl->AddRectFilled(min, max, colour, rounding);
    return;
  }
  const float r = rounding;
  // Corners first: their anti-aliased edges fade out along the straight sides too; the opaque
  // rectangles drawn next overlap those sides by a pixel and hide the fade, leaving only the curve.
  constexpr float kPi = 3.14159265f;
  const ImVec2 centres[4] = {
      {min.x + r, min.y + r}, {max.x - r, min.y + r}, {max.x - r, max.y - r}, {min.x + r, max.y - r}};
  for (int i = 0; i < 4; ++i) {
    const float start = kPi + i * kPi * 0.5f;  // top-left, top-right, bottom-right, bottom-left
    dl->PathLineTo(centres[i]);
    dl->PathArcTo(centres[i], r, start, start + kPi * 0.5f);
    dl->PathFillConvex(colour);
  }
  // Two pixels of overlap survive the renderer rounding rectangle edges to whole pixels.
  const float o = std::min(2.0f, r);
  dl->AddRectFilled(ImVec2(min.x + r - o, min.y), ImVec2(max.x - r + o, max.y), colour);
  dl->AddRectFilled(ImVec2(min.x, min.y + r - o), ImVec2(min.x + r, max.y - r + o), colour);
  dl->AddRectFilled(ImVec2(max.x - r, min.y + r - o), ImVec2(max.x, max.y - r + o), colour);
}

float text_line(FrameContext& f, const Rect& r, std::string_view text, ImFont* font, ImU32 colour,
                Align align) {
  if (text.empty() || r.w() <= 0) return 0;
  const float size = font->FontSize;
  const std::string shown = ellipsize(font, size, text, r.w());
  const float w = text_width(font, size, shown);
  float x = r.min.x;
  if (align == Align::center) x = r.min.x + (r.w() - w) * 0.5f;
  if (align == Align::right) x = r.max.x - w;
  const float y = r.min.y + (r.h() - size) * 0.5f;
  canvas()->AddText(font, size, ImVec2(std::floor(x), std::floor(y)), colour, shown.data(),
                    shown.data() + shown.size());
  audit_text(f, r, ImVec2(std::floor(x), std::floor(y)), shown, text, font, w);
  return w;
}

float text_block_height(ImFont* font, std::string_view text, float width, float line_spacing) {
  return static_cast<float>(wrap_lines(font, font->FontSize, text, width).size()) * font->FontSize *
         line_spacing;
}

float text_block(FrameContext& f, const Rect& r, std::string_view text, ImFont* font, ImU32 colour,
                 int max_lines, float line_spacing) {
  if (text.empty() || r.w() <= 0) return 0;
  const float size = font->FontSize;
  const float line_h = size * line_spacing;
  auto lines = wrap_lines(font, size, text, r.w());
  int fit = static_cast<int>(lines.size());  // height <= 0: unbounded, inside a scrolling area
  if (max_lines > 0)
    fit = max_lines;
  else if (r.h() > 0)
    fit = std::max(1, static_cast<int>((r.h() + (line_h - size)) / line_h));
  float y = r.min.y;
  for (int i = 0; i < static_cast<int>(lines.size()) && i < fit; ++i) {
    std::string shown(lines[static_cast<std::size_t>(i)]);
    const bool last_visible = i == fit - 1 && static_cast<int>(lines.size()) > fit;
    if (last_visible) {
      // The rest of the text does not fit: end this line with an ellipsis.
      const std::size_t offset =
          static_cast<std::size_t>(lines[static_cast<std::size_t>(i)].data() - text.data());
      shown = ellipsize(font, size, std::string(text.substr(offset)), r.w());
      if (shown.find('\n') != std::string::npos)
        shown = ellipsize(font, size, shown.substr(0, shown.find('\n')) + "…", r.w());
    }
    const Rect line{ImVec2(r.min.x, y), ImVec2(r.max.x, y + line_h)};
    canvas()->AddText(font, size, ImVec2(std::floor(r.min.x), std::floor(y)), colour, shown.data(),
                      shown.data() + shown.size());
    audit_text(f, line, ImVec2(std::floor(r.min.x), std::floor(y)), shown, text, font,
               text_width(font, size, shown));
    y += line_h;
  }
  return y - r.min.y;
}

namespace {
constexpr float kTitleSpacing = 1.15f;
}

float two_line_title_height(const Metrics& m) {
  return std::ceil(2 * m.small_size * kTitleSpacing);
}

float caption_height(const Metrics& m) {
  return std::round(m.small_size * 1.5f);
}

int title_text(FrameContext& f, const Rect& zone, std::string_view text, ImU32 colour) {
  ImFont* body = f.fonts().body;
  ImFont* small = f.fonts().small;
  constexpr float kSpacing = kTitleSpacing;
  if (text_width(body, body->FontSize, text) <= zone.w() || zone.h() < 2 * small->FontSize * kSpacing) {
    text_line(f, zone, text, body, colour);
    return 1;
  }
  ImFont* font = zone.h() >= 2 * body->FontSize * kSpacing ? body : small;
  const float h = std::min(text_block_height(font, text, zone.w(), kSpacing), 2 * font->FontSize * kSpacing);
  const Rect r{ImVec2(zone.min.x, std::round(zone.center().y - h * 0.5f)), ImVec2(zone.max.x, zone.max.y)};
  text_block(f, r, text, font, colour, 2, kSpacing);
  return h > font->FontSize * kSpacing * 1.5f ? 2 : 1;
}

bool pressable(FrameContext&, const char* id, const Rect& r, ImU32 background, ImU32 pressed,
               float rounding) {
  ImGui::SetCursorScreenPos(r.min);
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(std::max(1.0f, r.w()), std::max(1.0f, r.h())));
  const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
  const ImU32 colour = held ? pressed : background;
  if ((colour >> IM_COL32_A_SHIFT) != 0) fill_rect(canvas(), r.min, r.max, colour, rounding);
  return clicked;
}

float measure_chip(FrameContext& f, std::string_view label) {
  const auto& m = f.metrics();
  // Long names (a space's full name) are cut: a chip is a label, the full name is on the page.
  const float max_w = std::max(m.u * 8.0f, m.width * 0.3f);
  const float natural = text_width(f.fonts().body, f.fonts().body->FontSize, label) + m.u * 1.6f;
  return std::clamp(natural, m.touch, max_w);  // "All" or "IP" still gets a finger-sized target
}

bool chip(FrameContext& f, const char* id, ImVec2 pos, std::string_view label, bool selected) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const Rect r = Rect::at(pos, ImVec2(measure_chip(f, label), m.touch));
  const Rect pill = r.inset(0, m.touch * 0.12f);
  ImGui::SetCursorScreenPos(r.min);
  const bool clicked = ImGui::InvisibleButton(id, r.size());
  const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();
  const ImU32 bg = selected ? p.accent.u32() : (held ? p.surface_pressed.u32() : p.raised.u32());
  fill_rect(canvas(), pill.min, pill.max, bg, pill.h() * 0.5f);
  if (!selected) canvas()->AddRect(pill.min, pill.max, p.grid.u32(), pill.h() * 0.5f, 0, 1.0f);
  text_line(f, pill.inset(m.u * 0.6f, 0), label, f.fonts().body, selected ? p.on_accent.u32() : p.text.u32(),
            Align::center);
  return clicked;
}

bool button(FrameContext& f, const char* id, const Rect& r, std::string_view label, bool primary) {
  const auto& p = f.colours();
  const bool clicked =
      pressable(f, id, r, primary ? p.accent.u32() : p.raised.u32(),
                primary ? p.chart_line.u32(200) : p.surface_pressed.u32(), f.metrics().radius);
  // A label too wide for the body font takes the small one before it would be cut ("Delete" on a
  // keyboard key at 800x480).
  const Rect inner = r.inset(f.metrics().u * 0.4f, 0);
  ImFont* font = f.fonts().body;
  if (text_width(font, font->FontSize, label) > inner.w()) font = f.fonts().small;
  text_line(f, inner, label, font, primary ? p.on_accent.u32() : p.text.u32(), Align::center);
  return clicked;
}

float measure_badge(FrameContext& f, std::string_view text, ImFont* font) {
  font = font ? font : f.fonts().small;
  return text_width(font, font->FontSize, text) + font->FontSize * 0.9f;
}

float badge(FrameContext& f, ImVec2 pos, std::string_view text, ImU32 background, ImU32 foreground,
            ImFont* font) {
  font = font ? font : f.fonts().small;
  const float w = measure_badge(f, text, font);
  const Rect r = Rect::at(pos, ImVec2(w, font->FontSize * 1.45f));
  fill_rect(canvas(), r.min, r.max, background, r.h() * 0.3f);
  text_line(f, r, text, font, foreground, Align::center);
  return w;
}

void qr_code(FrameContext& f, const Rect& r, const std::string& url) {
  const QrCode& code = f.qr.get(url);
  if (code.size == 0) return;
  const int total = code.size + 8;  // 4-module quiet zone on each side
  const float module = std::floor(std::min(r.w(), r.h()) / static_cast<float>(total));
  if (module < 1) return;
  const float side = module * static_cast<float>(total);
  const ImVec2 origin(std::floor(r.min.x + (r.w() - side) * 0.5f),
                      std::floor(r.min.y + (r.h() - side) * 0.5f));
  ImDrawList* dl = canvas();
  fill_rect(dl, origin, ImVec2(origin.x + side, origin.y + side), f.colours().qr_light.u32());
  const ImU32 dark = f.colours().qr_dark.u32();
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size;) {
      if (!code.at(x, y)) {
        ++x;
        continue;
      }
      int run = x;
      while (run < code.size && code.at(run, y)) ++run;
      const ImVec2 a(origin.x + module * static_cast<float>(x + 4),
                     origin.y + module * static_cast<float>(y + 4));
      fill_rect(dl, a, ImVec2(a.x + module * static_cast<float>(run - x), a.y + module), dark);
      x = run;
    }
  }
  audit_region(f, "qr:" + url, Rect::at(origin, ImVec2(side, side)));
}

void icon(ImDrawList* dl, Icon which, const Rect& box, ImU32 c) {
  const float s = std::min(box.w(), box.h());
  const ImVec2 o(box.center().x - s * 0.5f, box.center().y - s * 0.5f);
  const auto P = [&](float x, float y) { return ImVec2(o.x + x * s, o.y + y * s); };
  const float t = std::max(1.5f, s * 0.08f);
  switch (which) {
    case Icon::home:
      dl->AddTriangleFilled(P(0.5f, 0.1f), P(0.92f, 0.48f), P(0.08f, 0.48f), c);
      fill_rect(dl, P(0.2f, 0.46f), P(0.8f, 0.9f), c);
      break;
    case Icon::events:
      dl->AddRect(P(0.12f, 0.2f), P(0.88f, 0.9f), c, s * 0.08f, 0, t);
      fill_rect(dl, P(0.12f, 0.2f), P(0.88f, 0.38f), c, s * 0.08f);
      dl->AddLine(P(0.32f, 0.08f), P(0.32f, 0.26f), c, t);
      dl->AddLine(P(0.68f, 0.08f), P(0.68f, 0.26f), c, t);
      for (int i = 0; i < 3; ++i) fill_rect(dl, P(0.24f + 0.2f * i, 0.52f), P(0.36f + 0.2f * i, 0.64f), c);
      break;
    case Icon::desks:
      for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 2; ++x)
          fill_rect(dl, P(0.12f + 0.42f * x, 0.14f + 0.42f * y), P(0.46f + 0.42f * x, 0.46f + 0.42f * y), c,
                    s * 0.05f);
      break;
    case Icon::resources:
      dl->AddCircle(P(0.42f, 0.42f), s * 0.27f, c, 24, t);
      dl->AddLine(P(0.62f, 0.62f), P(0.88f, 0.88f), c, t * 1.4f);
      break;
    case Icon::search:
      dl->AddCircle(P(0.42f, 0.42f), s * 0.25f, c, 24, t);
      dl->AddLine(P(0.6f, 0.6f), P(0.85f, 0.85f), c, t * 1.3f);
      break;
    case Icon::index:
      fill_rect(dl, P(0.12f, 0.55f), P(0.3f, 0.9f), c);
      fill_rect(dl, P(0.41f, 0.35f), P(0.59f, 0.9f), c);
      fill_rect(dl, P(0.7f, 0.12f), P(0.88f, 0.9f), c);
      break;
    case Icon::back:
      dl->AddLine(P(0.62f, 0.15f), P(0.28f, 0.5f), c, t * 1.3f);
      dl->AddLine(P(0.28f, 0.5f), P(0.62f, 0.85f), c, t * 1.3f);
      break;
    case Icon::globe:
      dl->AddCircle(P(0.5f, 0.5f), s * 0.4f, c, 32, t);
      for (int i = 0; i <= 24; ++i) {  // a meridian (1.86 has no AddEllipse)
        const float a = static_cast<float>(i) / 24.0f * 2.0f * 3.14159f;
        dl->PathLineTo(P(0.5f + 0.17f * std::cos(a), 0.5f + 0.4f * std::sin(a)));
      }
      dl->PathStroke(c, 0, t);
      dl->AddLine(P(0.1f, 0.5f), P(0.9f, 0.5f), c, t);
      break;
    case Icon::clock:
      dl->AddCircle(P(0.5f, 0.5f), s * 0.4f, c, 32, t);
      dl->AddLine(P(0.5f, 0.5f), P(0.5f, 0.24f), c, t);
      dl->AddLine(P(0.5f, 0.5f), P(0.7f, 0.58f), c, t);
      break;
    case Icon::pin:
      dl->AddCircleFilled(P(0.5f, 0.38f), s * 0.26f, c, 24);
      dl->AddTriangleFilled(P(0.28f, 0.5f), P(0.72f, 0.5f), P(0.5f, 0.92f), c);
      break;
    case Icon::people:
      dl->AddCircleFilled(P(0.5f, 0.3f), s * 0.17f, c, 20);
      dl->PathArcTo(P(0.5f, 0.9f), s * 0.34f, 3.14159f, 2 * 3.14159f, 20);
      dl->PathFillConvex(c);
      break;
    case Icon::qr:
      dl->AddRect(P(0.1f, 0.1f), P(0.42f, 0.42f), c, 0, 0, t);
      dl->AddRect(P(0.58f, 0.1f), P(0.9f, 0.42f), c, 0, 0, t);
      dl->AddRect(P(0.1f, 0.58f), P(0.42f, 0.9f), c, 0, 0, t);
      fill_rect(dl, P(0.6f, 0.6f), P(0.72f, 0.72f), c);
      fill_rect(dl, P(0.78f, 0.78f), P(0.9f, 0.9f), c);
      break;
  }
}

void status_swatch(FrameContext& f, const Rect& r, content::DeskStatus s) {
  const auto& p = f.colours();
  fill_rect(canvas(), r.min, r.max, status_colour(p, s).u32(), f.metrics().radius * 0.5f);
  status_mark(canvas(), s, r.center(), r.h() * 0.7f, status_text_colour(p, s).u32());
}

void status_mark(ImDrawList* dl, content::DeskStatus s, ImVec2 ctr, float size, ImU32 c) {
  const float r = size * 0.5f;
  const float t = std::max(1.5f, size * 0.14f);
  switch (s) {
    case content::DeskStatus::free:  // a tick
      dl->AddLine(ImVec2(ctr.x - r * 0.7f, ctr.y), ImVec2(ctr.x - r * 0.15f, ctr.y + r * 0.55f), c, t);
      dl->AddLine(ImVec2(ctr.x - r * 0.15f, ctr.y + r * 0.55f), ImVec2(ctr.x + r * 0.75f, ctr.y - r * 0.6f),
                  c, t);
      break;
    case content::DeskStatus::booked:  // a clock: reserved for later
      dl->AddCircle(ctr, r * 0.8f, c, 20, t * 0.8f);
      dl->AddLine(ctr, ImVec2(ctr.x, ctr.y - r * 0.5f), c, t * 0.8f);
      dl->AddLine(ctr, ImVec2(ctr.x + r * 0.4f, ctr.y), c, t * 0.8f);
      break;
    case content::DeskStatus::occupied:  // a filled person
      dl->AddCircleFilled(ImVec2(ctr.x, ctr.y - r * 0.35f), r * 0.32f, c, 16);
      dl->PathArcTo(ImVec2(ctr.x, ctr.y + r * 0.85f), r * 0.62f, 3.14159f, 2 * 3.14159f, 16);
      dl->PathFillConvex(c);
      break;
    case content::DeskStatus::out_of_service:  // a cross
      dl->AddLine(ImVec2(ctr.x - r * 0.6f, ctr.y - r * 0.6f), ImVec2(ctr.x + r * 0.6f, ctr.y + r * 0.6f), c,
                  t);
      dl->AddLine(ImVec2(ctr.x - r * 0.6f, ctr.y + r * 0.6f), ImVec2(ctr.x + r * 0.6f, ctr.y - r * 0.6f), c,
                  t);
      break;
    case content::DeskStatus::unknown:  // a dashed ring: nobody knows
      for (int i = 0; i < 8; i += 2) {
        dl->PathArcTo(ctr, r * 0.7f, i * 3.14159f / 4, (i + 1) * 3.14159f / 4, 6);
        dl->PathStroke(c, 0, t * 0.8f);
      }
      break;
  }
}

ScrollArea begin_scroll(FrameContext& f, const char* id, const Rect& view, bool horizontal, float extent,
                        std::optional<ImU32> behind) {
  ImGui::SetCursorScreenPos(view.min);
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground |
      (horizontal ? ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoScrollbar : 0);
  ImGui::BeginChild(id, view.size(), false, flags);
  f.touch.scroll_region(horizontal ? ScrollAxis::horizontal : ScrollAxis::vertical);
  ScrollArea a;
  a.view = view;
  a.horizontal = horizontal;
  a.behind = behind.value_or(f.colours().background.u32());
  a.id = id;
  a.scroll = horizontal ? ImGui::GetScrollX() : ImGui::GetScrollY();
  const ImVec2 pos = ImGui::GetWindowPos();
  a.origin = horizontal ? ImVec2(pos.x - a.scroll, pos.y) : ImVec2(pos.x, pos.y - a.scroll);
  // Declare the content size so ImGui knows how far it can scroll.
  if (extent != kMeasuredExtent) {
    ImGui::SetCursorPos(ImVec2(0, 0));
    ImGui::Dummy(horizontal ? ImVec2(std::max(extent, 1.0f), 1.0f) : ImVec2(1.0f, std::max(extent, 1.0f)));
  }
  return a;
}

namespace {

// A band at one edge of a scroll area, opaque at the edge and clear inwards, and on a horizontal row
// a chevron pointing the way there is more.
void more_edge(FrameContext& f, const ScrollArea& a, bool at_start) {
  const auto& m = f.metrics();
  const ImU32 solid = a.behind | IM_COL32_A_MASK;
  const ImU32 clear = a.behind & ~IM_COL32_A_MASK;
  const float depth = std::round(m.u * 1.6f);
  Rect band = a.horizontal ? (at_start ? a.view.left(depth) : a.view.right(depth))
                           : (at_start ? a.view.top(depth) : a.view.bottom(depth));
  if (!a.horizontal) band.max.x -= ImGui::GetStyle().ScrollbarSize;  // the scrollbar stays visible
  ImDrawList* dl = canvas();
  if (a.horizontal) {
    dl->AddRectFilledMultiColor(band.min, band.max, at_start ? solid : clear, at_start ? clear : solid,
                                at_start ? clear : solid, at_start ? solid : clear);
    const float s = std::min(band.h() * 0.3f, m.u * 0.6f);
    const ImVec2 c(at_start ? band.min.x + s : band.max.x - s, band.center().y);
    const float dir = at_start ? -1.0f : 1.0f;
    dl->AddTriangleFilled(ImVec2(c.x + dir * s * 0.6f, c.y), ImVec2(c.x - dir * s * 0.4f, c.y - s),
                          ImVec2(c.x - dir * s * 0.4f, c.y + s), f.colours().text_muted.u32());
  } else {
    dl->AddRectFilledMultiColor(band.min, band.max, at_start ? solid : clear, at_start ? solid : clear,
                                at_start ? clear : solid, at_start ? clear : solid);
  }
  audit_region(f, "more:" + a.id + (at_start ? ":start" : ":end"), band);
}

}  // namespace

void end_scroll(FrameContext& f, const ScrollArea& area) {
  if (area.measured >= 0) {  // ImGui scrolls as far as this frame's content reached
    ImGui::SetCursorPos(ImVec2(0, 0));
    ImGui::Dummy(area.horizontal ? ImVec2(std::max(area.measured, 1.0f), 1.0f)
                                 : ImVec2(1.0f, std::max(area.measured, 1.0f)));
  }
  // Drawn into the scroll area's own list, still open: the parent's would lie under its content.
  const float max_scroll = area.horizontal ? ImGui::GetScrollMaxX() : ImGui::GetScrollMaxY();
  if (area.scroll > 0.5f) more_edge(f, area, true);
  if (area.scroll < max_scroll - 0.5f) more_edge(f, area, false);
  ImGui::EndChild();
}

void audit_region(FrameContext& f, std::string name, const Rect& r) {
  if (f.audit != nullptr) f.audit->regions.push_back(UiAudit::Region{std::move(name), r.min, r.max});
}

}  // namespace kiosk::ui
