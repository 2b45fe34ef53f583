#include "kiosk/ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

double linear(unsigned char c) {
  const double s = c / 255.0;
  return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

ImVec4 v4(Rgb c, float a = 1.0f) {
  return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, a);
}

}  // namespace

double contrast_ratio(Rgb a, Rgb b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<TextPair> text_pairs(const Palette& p) {
  return {
      {"text on background", p.text, p.background},
      {"muted text on background", p.text_muted, p.background},
      {"text on card", p.text, p.surface},
      {"muted text on card", p.text_muted, p.surface},
      {"text on pressed card", p.text, p.surface_pressed},
      {"text on chip", p.text, p.raised},
      {"text on selected chip", p.on_accent, p.accent},
      {"accent text on background", p.accent, p.background},
      {"accent text on card", p.accent, p.surface},
      {"desk free", p.on_status, p.free},
      {"desk booked", p.on_status, p.booked},
      {"desk occupied", p.on_status, p.occupied},
      {"desk out of service", p.on_status, p.out_of_service},
      {"desk unknown", p.text, p.unknown},
      {"offline badge", p.on_status, p.warning},
      {"urgent notice", p.text, p.urgent},
      {"chart target label", p.chart_target, p.surface},
  };
}

Rgb status_colour(const Palette& p, content::DeskStatus s) {
  switch (s) {
    case content::DeskStatus::free:
      return p.free;
    case content::DeskStatus::booked:
      return p.booked;
    case content::DeskStatus::occupied:
      return p.occupied;
    case content::DeskStatus::out_of_service:
      return p.out_of_service;
    case content::DeskStatus::unknown:
      return p.unknown;
  }
  return p.unknown;
}

Rgb status_text_colour(const Palette& p, content::DeskStatus s) {
  return s == content::DeskStatus::unknown ? p.text : p.on_status;
}

float body_px(float width, float height, float px_per_mm) {
  const float short_side = std::min(width, height);
  const float diagonal_in = std::hypot(width, height) / px_per_mm / 25.4f;
  const float tv = std::clamp((diagonal_in - 24.0f) / (43.0f - 24.0f), 0.0f, 1.0f);
  const float distance_mm = 500.0f + tv * (2000.0f - 500.0f);
  const float wanted = distance_mm * 0.012f * px_per_mm;
  // 17 px on a 7" 800x480, 29 px on a 10" 1280x800 (both capped by their lines), 24 px on a 21.5"
  // 1080p panel, 38 px (24 mm) on a 55" 1080p TV.
  return std::max(16.0f, std::round(std::clamp(wanted, short_side / 44.0f, short_side / 28.0f)));
}

float px_per_mm_from_diagonal(float width, float height, float diagonal_in) {
  return diagonal_in > 0 ? std::hypot(width, height) / (diagonal_in * 25.4f) : 0.0f;
}

Metrics compute_metrics(float width, float height, float px_per_mm) {
  Metrics m;
  m.width = width;
  m.height = height;
  m.portrait = height > width;
  const float short_side = std::min(width, height);
  m.compact = short_side < 600;
  if (px_per_mm <= 0) {
    // Official 7" display: 154 mm wide at 800 px. 10" panels: ~217 mm at 1280. Lobby TVs: 55" class,
    // ~1210 mm on the long side.
    const float long_side = std::max(width, height);
    if (long_side <= 800)
      px_per_mm = long_side / 154.0f;
    else if (long_side <= 1280)
      px_per_mm = long_side / 217.0f;
    else
      px_per_mm = long_side / 1210.0f;
  }
  m.px_per_mm = px_per_mm;
  m.u = body_px(width, height, px_per_mm);
  m.body_size = m.u;
  m.small_size = std::round(m.u * 0.82f);
  m.title_size = std::round(m.u * 1.3f);
  m.huge_size = std::round(m.u * 2.6f);
  m.touch = std::max(9.0f * px_per_mm, std::round(m.u * 2.3f));
  m.pad = std::round(m.u * (m.compact ? 0.5f : 0.8f));
  m.gap = std::round(m.u * (m.compact ? 0.35f : 0.5f));
  m.radius = std::round(m.u * 0.4f);
  // A finger wobbles ~2.5 mm while tapping; more than that is a drag.
  m.tap_slop = std::max(10.0f, 2.5f * px_per_mm);
  return m;
}

void apply_style(const Theme& theme, ImGuiStyle& style) {
  const auto& p = theme.palette;
  const auto& m = theme.metrics;
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(0, 0);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.ChildRounding = 0;
  style.FramePadding = ImVec2(m.u * 0.5f, m.u * 0.35f);
  style.FrameRounding = m.radius;
  style.ItemSpacing = ImVec2(m.gap, m.gap);
  style.ItemInnerSpacing = ImVec2(m.gap * 0.5f, m.gap * 0.5f);
  style.ScrollbarSize = std::max(4.0f, m.u * 0.2f);
  style.ScrollbarRounding = style.ScrollbarSize;
  style.AntiAliasedFill = true;
  style.AntiAliasedLines = true;
  style.AntiAliasedLinesUseTex =
      false;  // plain triangles: the software renderer has no texture filtering tricks
  auto& c = style.Colors;
  c[ImGuiCol_WindowBg] = v4(p.background);
  c[ImGuiCol_ChildBg] = v4(p.background, 0.0f);
  c[ImGuiCol_Text] = v4(p.text);
  c[ImGuiCol_TextDisabled] = v4(p.text_muted);
  c[ImGuiCol_Button] = v4(p.surface);
  c[ImGuiCol_ButtonHovered] = v4(p.surface);  // touch: no hover look, only pressed
  c[ImGuiCol_ButtonActive] = v4(p.surface_pressed);
  c[ImGuiCol_FrameBg] = v4(p.raised);
  c[ImGuiCol_ScrollbarBg] = v4(p.background, 0.0f);
  c[ImGuiCol_ScrollbarGrab] = v4(p.text_muted, 0.5f);
  c[ImGuiCol_ScrollbarGrabHovered] = v4(p.text_muted, 0.5f);
  c[ImGuiCol_ScrollbarGrabActive] = v4(p.text_muted, 0.7f);
  c[ImGuiCol_Border] = v4(p.grid);
}

}  // namespace kiosk::ui
