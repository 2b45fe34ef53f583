#pragma once
// Touch widgets drawn with ImDrawList at computed rectangles. Every text goes through text_line or
// text_block, which truncate with an ellipsis instead of overflowing and report to the audit.
#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/ui/frame_context.hpp"
#include "sync/content/model.hpp"

namespace kiosk::ui {

struct Rect {
  ImVec2 min, max;
  float w() const { return max.x - min.x; }
  float h() const { return max.y - min.y; }
  ImVec2 size() const { return ImVec2(w(), h()); }
  ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
  Rect inset(float d) const { return {ImVec2(min.x + d, min.y + d), ImVec2(max.x - d, max.y - d)}; }
  Rect inset(float dx, float dy) const {
    return {ImVec2(min.x + dx, min.y + dy), ImVec2(max.x - dx, max.y - dy)};
  }
  Rect top(float h) const { return {min, ImVec2(max.x, min.y + h)}; }
  Rect bottom(float h) const { return {ImVec2(min.x, max.y - h), max}; }
  Rect left(float w) const { return {min, ImVec2(min.x + w, max.y)}; }
  Rect right(float w) const { return {ImVec2(max.x - w, min.y), max}; }
  Rect cut_top(float h) const { return {ImVec2(min.x, min.y + h), max}; }
  Rect cut_left(float w) const { return {ImVec2(min.x + w, min.y), max}; }
  Rect cut_right(float w) const { return {min, ImVec2(max.x - w, max.y)}; }
  Rect cut_bottom(float h) const { return {min, ImVec2(max.x, max.y - h)}; }
  static Rect at(ImVec2 pos, ImVec2 size) { return {pos, ImVec2(pos.x + size.x, pos.y + size.y)}; }
};

enum class Align { left, center, right };

ImDrawList* canvas();

// AddRectFilled, but a rounded rectangle is drawn as three axis-aligned rectangles plus four corner
// fans: the software renderer fills rectangles at memset speed and blends triangles pixel by pixel,
// so a card costs its corners, not its area. (On a GPU both are free.) Translucent colours fall
// back to ImGui's own shape so overlapping pieces cannot double-blend.
void fill_rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float rounding = 0.0f);

// One line, truncated with "…" to fit r; vertically centred. Returns the width drawn.
float text_line(FrameContext& f, const Rect& r, std::string_view text, ImFont* font, ImU32 colour,
                Align align = Align::left);
// Wrapped lines from the top of r; at most max_lines (0 = as many as fit), the last one
// ellipsised if text remains. Returns the height used.
float text_block(FrameContext& f, const Rect& r, std::string_view text, ImFont* font, ImU32 colour,
                 int max_lines = 0, float line_spacing = 1.25f);
// A list item's title in `zone`, vertically centred: one line in the body font when it fits;
// otherwise two lines — in the body font when two fit in the zone, else in the small font — and cut
// with "…" only after the second. Returns the number of lines drawn.
int title_text(FrameContext& f, const Rect& zone, std::string_view text, ImU32 colour);
// The least zone height in which title_text shows two lines (in the small font).
float two_line_title_height(const Metrics& m);
// A caption line under a title (venue, price, numbers) in the small font.
float caption_height(const Metrics& m);
// Height text_block would need for all of `text` at `width`.
float text_block_height(ImFont* font, std::string_view text, float width, float line_spacing = 1.25f);

// A rectangle that reacts to touch: background, pressed look while held. Returns true on a tap.
bool pressable(FrameContext& f, const char* id, const Rect& r, ImU32 background, ImU32 pressed,
               float rounding);
// Pill-shaped filter chip; returns its width (layout first with measure_chip).
float measure_chip(FrameContext& f, std::string_view label);
bool chip(FrameContext& f, const char* id, ImVec2 pos, std::string_view label, bool selected);
// A plain rounded button with a centred label.
bool button(FrameContext& f, const char* id, const Rect& r, std::string_view label, bool primary = false);
// Small coloured label with text (status, "sample data", "voucher").
float badge(FrameContext& f, ImVec2 pos, std::string_view text, ImU32 background, ImU32 foreground,
            ImFont* font = nullptr);
float measure_badge(FrameContext& f, std::string_view text, ImFont* font = nullptr);

void qr_code(FrameContext& f, const Rect& r, const std::string& url);

enum class Icon { home, events, desks, resources, index, back, search, globe, clock, pin, people, qr };
void icon(ImDrawList* dl, Icon which, const Rect& r, ImU32 colour);
// A shape per desk status, so the legend does not rely on colour alone.
void status_mark(ImDrawList* dl, content::DeskStatus s, ImVec2 centre, float size, ImU32 colour);
// A square in the status's colour with its mark: the legend's key and a desk's status alike.
void status_swatch(FrameContext& f, const Rect& r, content::DeskStatus s);

// A region that scrolls by touch (drag, fling) and by mouse wheel. Everything drawn between
// begin_scroll and end_scroll is clipped to `view`; `origin` is where content coordinate (0,0) is on
// screen this frame. `extent` is the content's height (vertical) or width (horizontal). end_scroll
// fades every edge beyond which there is more to see, with an arrow on a horizontal row (it has no
// scrollbar), so nothing runs out of sight unannounced; `behind` is the colour the fade ends in.
struct ScrollArea {
  Rect view;
  ImVec2 origin;
  float scroll = 0;
  bool horizontal = false;
  ImU32 behind = 0;
  std::string id;
  float measured = -1;
  bool visible(float top, float bottom) const { return bottom >= scroll && top <= scroll + view.h(); }
  // For content whose height is known only once drawn (begin_scroll with kMeasuredExtent): where it
  // ended, on screen. end_scroll declares that height, so the area scrolls exactly that far.
  void ends_at(float screen_y) { measured = std::max(0.0f, screen_y - origin.y); }
};
inline constexpr float kMeasuredExtent = -1;
ScrollArea begin_scroll(FrameContext& f, const char* id, const Rect& view, bool horizontal, float extent,
                        std::optional<ImU32> behind = std::nullopt);
void end_scroll(FrameContext& f, const ScrollArea& area);

// Remembers a named rectangle for tests (no-op without an audit).
void audit_region(FrameContext& f, std::string name, const Rect& r);

}  // namespace kiosk::ui
