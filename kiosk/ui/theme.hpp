#pragma once
// Colours and sizes. Sizes derive from the screen: one base unit `u` (body text height) scales from
// a 7" 800x480 touch display to a 1920x1080 lobby TV read from two metres; touch targets are never
// smaller than 9 mm on the actual display. Colours meet WCAG AA (4.5:1) for every text/background
// pair listed in text_pairs(); tests/ui/test_theme.cpp checks them.
#include <imgui.h>

#include <array>
#include <string_view>
#include <vector>

#include "sync/content/model.hpp"

namespace kiosk::ui {

struct Rgb {
  unsigned char r, g, b;
  ImU32 u32(unsigned char alpha = 255) const { return IM_COL32(r, g, b, alpha); }
};

struct Palette {
  Rgb background{0x0F, 0x1B, 0x2D};  // deep navy: low glare in a bright lobby, OLED/LCD friendly
  Rgb surface{0x1B, 0x2A, 0x41};     // cards
  Rgb surface_pressed{0x2C, 0x44, 0x66};
  Rgb raised{0x24, 0x37, 0x55};  // chips, inputs
  Rgb text{0xF5, 0xF7, 0xFA};
  Rgb text_muted{0xB8, 0xC4, 0xD4};
  Rgb accent{0x4F, 0xC3, 0xF7};  // selected chip / primary button, with on_accent text
  Rgb on_accent{0x0B, 0x16, 0x26};
  Rgb free{0x66, 0xBB, 0x6A};
  Rgb booked{0xFF, 0xB7, 0x4D};
  Rgb occupied{0xF2, 0x6B, 0x68};
  Rgb out_of_service{0x90, 0xA4, 0xAE};
  Rgb unknown{0x3C, 0x4A, 0x5C};
  Rgb on_status{0x0B, 0x16, 0x26};  // text on free/booked/occupied/out-of-service
  Rgb warning{0xFF, 0xB7, 0x4D};
  Rgb urgent{0xB7, 0x1C, 0x1C};
  Rgb chart_line{0x4F, 0xC3, 0xF7};
  Rgb chart_target{0xFF, 0xB7, 0x4D};
  Rgb grid{0x35, 0x4A, 0x68};
  Rgb qr_light{0xFF, 0xFF, 0xFF};
  Rgb qr_dark{0x00, 0x00, 0x00};
};

struct TextPair {
  std::string_view name;
  Rgb text, background;
};
// Every combination of text and background colour the screens draw.
std::vector<TextPair> text_pairs(const Palette& p);
double contrast_ratio(Rgb a, Rgb b);  // WCAG 2.x

Rgb status_colour(const Palette& p, content::DeskStatus s);
Rgb status_text_colour(const Palette& p, content::DeskStatus s);

struct Metrics {
  float width = 0, height = 0;
  bool portrait = false;
  bool compact = false;  // the 800x480 class: tighter margins, fewer columns
  float u = 20;          // body text size in pixels
  float px_per_mm = 4;
  float touch = 48;  // minimum touch target
  float pad = 12;    // outer margin
  float gap = 8;     // between cards
  float radius = 10;
  float small_size = 16, body_size = 20, title_size = 28, huge_size = 60;  // font pixel sizes
  float tap_slop = 16;  // movement that turns a tap into a drag
};

// `px_per_mm` <= 0 means unknown: guessed from the resolution (7" at 800x480, 10" at 1280x800,
// a 55" TV at 1920x1080 in either orientation). Text size follows the physical size: see body_px.
Metrics compute_metrics(float width, float height, float px_per_mm = 0);

// Body text in pixels for a display of this size: its em is 1.2 % of the distance it is read from
// (arm's length, 500 mm, at a touch panel up to 24"; two metres in front of a TV of 43" or more;
// in between by diagonal), but never fewer than 28 lines nor more than 44 on the short side.
float body_px(float width, float height, float px_per_mm);

// Pixels per millimetre from a diagonal in inches (kiosk.json `display_diagonal_in`).
float px_per_mm_from_diagonal(float width, float height, float diagonal_in);

struct Fonts {
  ImFont* small = nullptr;
  ImFont* body = nullptr;
  ImFont* title = nullptr;
  ImFont* huge = nullptr;  // digits for the clock and tiles
};

struct Theme {
  Palette palette;
  Metrics metrics;
  Fonts fonts;
};

// Dear ImGui style for the metrics (rounding, padding, colours of the few stock widgets we use).
void apply_style(const Theme& theme, ImGuiStyle& style);

}  // namespace kiosk::ui
