// The frame around every screen: top bar with the space's name, the sync badge, date and clock and
// the language toggle; navigation as a left rail (landscape) or a bottom bar (portrait).
#include <algorithm>
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {
namespace {

struct NavItem {
  Screen screen;
  Icon icon;
  const char* label;
};
constexpr NavItem kNav[] = {
    {Screen::home, Icon::home, "nav.home"},    {Screen::events, Icon::events, "nav.events"},
    {Screen::desks, Icon::desks, "nav.desks"}, {Screen::resources, Icon::resources, "nav.resources"},
    {Screen::index, Icon::index, "nav.index"},
};

bool nav_selected(Screen current, Screen item) {
  if (current == item) return true;
  return (current == Screen::event_detail && item == Screen::events) ||
         (current == Screen::resource_detail && item == Screen::resources) ||
         (current == Screen::notice_detail && item == Screen::home) ||
         (current == Screen::desk_detail && item == Screen::desks);
}

// The badge that tells staff (and honest visitors) how fresh the content is.
std::string sync_badge_text(FrameContext& f, bool* warning) {
  *warning = false;
  if (f.sync.safe_mode) {
    *warning = true;
    return f.tr("sync.safe_mode");
  }
  if (f.sync.offline_since) {
    *warning = true;
    return f.format("sync.offline_since", {short_date(f.i18n, f.lang, *f.sync.offline_since) + " " +
                                           clock_hm(*f.sync.offline_since)});
  }
  const auto& v = f.snap.version();
  const content::UnixSeconds when = v.applied_at;
  const std::string at = when > 0 ? short_date(f.i18n, f.lang, when) + " " + clock_hm(when) : "";
  if (v.version > 0) return f.format("sync.version", {std::to_string(v.version), at});
  return f.format("sync.local_content", {at});
}

}  // namespace

ChromeLayout layout_chrome(const Metrics& m) {
  ChromeLayout l;
  const float top = std::round(std::max(m.touch, m.u * 2.4f));
  l.top_bar = Rect{ImVec2(0, 0), ImVec2(m.width, top)};
  if (m.portrait) {
    const float nav_h = std::round(m.touch * 1.5f);
    l.nav = Rect{ImVec2(0, m.height - nav_h), ImVec2(m.width, m.height)};
    l.content = Rect{ImVec2(0, top), ImVec2(m.width, m.height - nav_h)};
  } else {
    const float rail = std::round(std::max(m.touch * 1.7f, m.u * 5.2f));
    l.nav = Rect{ImVec2(0, top), ImVec2(rail, m.height)};
    l.content = Rect{ImVec2(rail, top), ImVec2(m.width, m.height)};
  }
  l.staff_corner = Rect{ImVec2(0, 0), ImVec2(std::max(m.touch, 12.0f * m.px_per_mm), top)};
  return l;
}

void draw_chrome(FrameContext& f, const UiState& s, const ChromeLayout& l, bool with_nav) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  ImDrawList* dl = canvas();
  fill_rect(dl, l.top_bar.min, l.top_bar.max, p.surface.u32());
  if (with_nav) fill_rect(dl, l.nav.min, l.nav.max, p.surface.u32());

  // Right side of the top bar, from the edge inwards: language, clock, date, sync badge.
  Rect bar = l.top_bar.inset(m.pad, 0);
  const float lang_h = std::min(m.touch, bar.h());
  const float lang_w =
      std::max(m.touch * 1.5f,
               lang_h * 0.8f + text_width(f.fonts().body, m.body_size, f.tr("chrome.switch_language")) + m.u);
  const Rect lang = bar.right(lang_w).inset(0, (bar.h() - m.touch) * 0.5f);
  if (pressable(f, "##lang", lang, p.raised.u32(), p.surface_pressed.u32(), m.radius))
    f.act(Action::Kind::toggle_language);
  icon(dl, Icon::globe, lang.left(lang.h()).inset(lang.h() * 0.25f), p.text.u32());
  text_line(f, lang.cut_left(lang.h() * 0.8f), f.tr("chrome.switch_language"), f.fonts().body, p.text.u32(),
            Align::center);
  audit_region(f, "language", lang);
  bar = bar.cut_right(lang_w + m.gap * 2);

  if (s.screen != Screen::home && f.sync.clock_trusted) {  // a clock known to be wrong is not shown
    const std::string clock = clock_hms(f.now);
    const float clock_w = text_width(f.fonts().title, m.title_size, "00:00:00") + m.gap;
    const Rect clock_r = bar.right(clock_w);
    f.clock_rect = std::make_pair(clock_r.min, clock_r.max);
    text_line(f, clock_r, clock, f.fonts().title, p.text.u32(), Align::right);
    bar = bar.cut_right(clock_w + m.gap);
    if (!m.compact || !m.portrait) {
      const std::string date = short_date(f.i18n, f.lang, f.now);
      const float date_w = text_width(f.fonts().body, m.body_size, date) + m.gap;
      if (date_w < bar.w() * 0.35f) {
        text_line(f, bar.right(date_w), date, f.fonts().body, p.text_muted.u32(), Align::right);
        bar = bar.cut_right(date_w + m.gap);
      }
    }
  }
  bool warning = false;
  const std::string badge_text = sync_badge_text(f, &warning);
  const float badge_w = measure_badge(f, badge_text);
  if (warning || (!m.compact && badge_w < bar.w() * 0.4f)) {
    const float bw = std::min(badge_w, bar.w() * 0.45f);
    const Rect br = bar.right(bw);
    const float bh = f.fonts().small->FontSize * 1.45f;
    if (warning) {
      badge(f, ImVec2(br.min.x, br.center().y - bh * 0.5f), badge_text, p.warning.u32(), p.on_status.u32());
    } else {
      text_line(f, br, badge_text, f.fonts().small, p.text_muted.u32(), Align::right);
    }
    audit_region(f, warning ? "sync-badge-offline" : "sync-badge", br);
    bar = bar.cut_right(bw + m.gap);
  }

  // Invented demo content says so on every screen.
  if (f.snap.is_sample()) {
    const std::string label = f.tr("common.sample_data");
    const float w = measure_badge(f, label);
    if (w < bar.w() * 0.3f) {
      const float bh = f.fonts().small->FontSize * 1.45f;
      badge(f, ImVec2(bar.max.x - w, bar.center().y - bh * 0.5f), label, p.warning.u32(), p.on_status.u32());
      audit_region(f, "sample-badge", bar.right(w));
      bar = bar.cut_right(w + m.gap);
    }
  }

  // Left: the space this kiosk stands in (its corner is also the hidden staff gesture).
  const content::Space* home = f.snap.home_space(f.kiosk_id);
  const std::string name = home ? f.text(home->name) : f.text(f.snap.content().meta.title);
  // A long name (English ones often are) steps down to the body font, then to two lines.
  if (text_width(f.fonts().title, m.title_size, name) <= bar.w())
    text_line(f, bar, name, f.fonts().title, p.text.u32());
  else
    title_text(f, bar, name, p.text.u32());

  // Navigation.
  if (!with_nav) return;
  const int n = static_cast<int>(std::size(kNav));
  for (int i = 0; i < n; ++i) {
    Rect item;
    if (m.portrait) {
      const float w = l.nav.w() / n;
      item = Rect{ImVec2(l.nav.min.x + w * i, l.nav.min.y), ImVec2(l.nav.min.x + w * (i + 1), l.nav.max.y)};
    } else {
      const float h = std::min(l.nav.h() / n, m.touch * 2.0f);
      item = Rect{ImVec2(l.nav.min.x, l.nav.min.y + h * i), ImVec2(l.nav.max.x, l.nav.min.y + h * (i + 1))};
    }
    // A space's page belongs to the section it was opened from.
    const Screen shown = s.screen == Screen::space_detail && !s.history.empty() ? s.history.back() : s.screen;
    const bool selected = nav_selected(shown, kNav[i].screen);
    ImGui::PushID(i);
    if (pressable(f, "##nav", item.inset(m.gap * 0.5f), selected ? p.raised.u32() : 0,
                  p.surface_pressed.u32(), m.radius) &&
        !selected) {
      f.act(Action::Kind::navigate, {}, static_cast<int>(kNav[i].screen));
    }
    ImGui::PopID();
    const ImU32 colour = selected ? p.accent.u32() : p.text.u32();
    if (selected) {
      const Rect marker =
          m.portrait ? item.top(3).inset(item.w() * 0.3f, 0) : item.left(4).inset(0, item.h() * 0.25f);
      fill_rect(dl, marker.min, marker.max, p.accent.u32(), 2);
    }
    const float label_h = m.small_size * 1.3f;
    const float icon_size = std::min(item.w() * 0.45f, item.h() - label_h - m.gap * 2) * 0.75f;
    const float top = item.center().y - (icon_size + label_h) * 0.5f;
    icon(dl, kNav[i].icon,
         Rect::at(ImVec2(item.center().x - icon_size * 0.5f, top), ImVec2(icon_size, icon_size)), colour);
    text_line(f,
              Rect{ImVec2(item.min.x + 2, top + icon_size + m.gap * 0.3f),
                   ImVec2(item.max.x - 2, top + icon_size + label_h)},
              f.tr(kNav[i].label), f.fonts().small, colour, Align::center);
    audit_region(f, std::string("nav:") + kNav[i].label, item);
  }
}

void draw_urgent_notice(FrameContext& f, const content::Notice& n, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  fill_rect(canvas(), area.min, area.max, p.urgent.u32());
  Rect r = area.inset(m.pad * 2);
  text_line(f, r.top(m.title_size * 1.5f), f.tr("notice.urgent"), f.fonts().title, p.text.u32());
  r = r.cut_top(m.title_size * 2.0f);
  const float h = text_block(f, r, f.text(n.title), f.fonts().title, p.text.u32(), 3);
  r = r.cut_top(h + m.gap * 2);
  text_block(f, r.cut_bottom(m.body_size * 2), f.text(n.body), f.fonts().body, p.text.u32());
  text_line(f, r.bottom(m.body_size * 1.5f), f.format("notice.until", {clock_hm(n.ends)}), f.fonts().body,
            p.text.u32());
  audit_region(f, "urgent-notice", area);
}

}  // namespace kiosk::ui
