// Home: the clock, what is on today, and four large tiles with live figures.
#include <cmath>

#include "kiosk/ui/chart_view.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {
namespace {

struct Tile {
  const char* id;
  Icon icon;
  std::string figure;
  std::string label;
  std::string detail;
  Screen target;
};

void draw_tile(FrameContext& f, const Tile& t, const Rect& r) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  if (pressable(f, t.id, r, p.surface.u32(), p.surface_pressed.u32(), m.radius * 1.5f)) {
    f.act(Action::Kind::navigate, {}, static_cast<int>(t.target));
  }
  Rect in = r.inset(m.pad);
  const float icon_size = m.u * 1.5f;
  const float huge = m.huge_size;
  const float detail_h = m.small_size * 2.6f;
  // A tile too short for label, figure and detail stacked (a landscape screen with notices) puts
  // the figure on the right, beside them, rather than pressing the three together.
  const bool beside = in.h() < icon_size + huge + detail_h + m.gap * 2;
  if (beside) {
    const float figure_w = text_width(f.fonts().huge, huge, t.figure);
    text_line(f, in.right(figure_w), t.figure, f.fonts().huge, p.text.u32(), Align::right);
    in = in.cut_right(figure_w + m.pad);
  }
  icon(canvas(), t.icon, Rect::at(in.min, ImVec2(icon_size, icon_size)), p.accent.u32());
  text_line(f, Rect{ImVec2(in.min.x + icon_size + m.gap, in.min.y), ImVec2(in.max.x, in.min.y + icon_size)},
            t.label, f.fonts().body, p.text.u32());
  if (!beside) {
    const float figure_top = in.min.y + icon_size + (in.h() - icon_size - huge - detail_h) * 0.5f;
    text_line(f, Rect{ImVec2(in.min.x, figure_top), ImVec2(in.max.x, figure_top + huge)}, t.figure,
              f.fonts().huge, p.text.u32());
  }
  text_block(f, Rect{ImVec2(in.min.x, in.max.y - detail_h), in.max}, t.detail, f.fonts().small,
             p.text_muted.u32(), 2);
  audit_region(f, std::string("tile:") + t.id, r);
}

}  // namespace

void draw_home(FrameContext& f, const UiState&, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const auto& snap = f.snap;
  Rect r = area.inset(m.pad);

  // Clock and date: the huge font has digits only, so the date uses the title font. A clock known
  // to be wrong (a board that booted without network) is not shown; the hall's name takes its place.
  const float clock_h = m.huge_size * 1.05f;
  if (!f.sync.clock_trusted) {
    const Rect title_r = Rect::at(r.min, ImVec2(r.w(), clock_h));
    text_line(f, title_r.top(clock_h * 0.6f), f.text(snap.content().meta.title), f.fonts().title,
              p.text.u32());
    audit_region(f, "clock", title_r);
    r = r.cut_top(clock_h + m.gap * 1.5f);
  } else {
    const std::string hm = clock_hm(f.now);
    const float hm_w = text_width(f.fonts().huge, m.huge_size, hm);
    const std::string secs = clock_hms(f.now).substr(5);  // ":09"
    const float secs_w = text_width(f.fonts().title, m.title_size, ":00") + m.gap;
    const Rect clock_r = Rect::at(r.min, ImVec2(hm_w + secs_w + m.gap, clock_h));
    f.clock_rect = std::make_pair(clock_r.min, clock_r.max);
    text_line(f, clock_r.left(hm_w + 1), hm, f.fonts().huge, p.text.u32());
    text_line(
        f,
        Rect{ImVec2(clock_r.min.x + hm_w + m.gap * 0.3f, clock_r.max.y - m.title_size * 1.4f), clock_r.max},
        secs, f.fonts().title, p.text_muted.u32());
    audit_region(f, "clock", clock_r);
    const Rect date_r{ImVec2(clock_r.max.x + m.gap * 2, r.min.y), ImVec2(r.max.x, r.min.y + clock_h)};
    text_line(f, date_r.top(clock_h * 0.55f), long_date(f.i18n, f.lang, f.now), f.fonts().title,
              p.text.u32());
    text_line(f, date_r.cut_top(clock_h * 0.55f), f.text(snap.content().meta.title), f.fonts().body,
              p.text_muted.u32());
    r = r.cut_top(clock_h + m.gap * 1.5f);
  }

  // Routine notices, at most two: title and text on one line where there is room, else two lines.
  int shown = 0;
  for (const content::Notice* n : snap.active_notices(f.now, f.kiosk_id)) {
    if (n->priority == content::NoticePriority::urgent || shown == 2) continue;
    const std::string title = f.text(n->title);
    const float title_w = text_width(f.fonts().body, m.body_size, title) + m.gap;
    const bool stacked = title_w > (r.w() - m.pad * 2) * 0.4f;
    const float h = stacked ? m.body_size * 1.35f + m.small_size * 1.35f + m.gap * 2 : m.body_size * 2.4f;
    const Rect nr = r.top(h);
    ImGui::PushID(n->id.c_str());
    if (pressable(f, "##notice", nr, p.raised.u32(), p.surface_pressed.u32(), m.radius))  // opens in full
      f.act(Action::Kind::open_notice, n->id);
    ImGui::PopID();
    fill_rect(canvas(), nr.min, ImVec2(nr.min.x + 5, nr.max.y), p.accent.u32(), 2);
    const Rect text = nr.inset(m.pad, stacked ? m.gap : 0).cut_left(4);
    if (stacked) {
      text_line(f, text.top(m.body_size * 1.35f), title, f.fonts().body, p.text.u32());
      text_line(f, text.bottom(m.small_size * 1.35f), f.text(n->body), f.fonts().small, p.text_muted.u32());
    } else {
      text_line(f, text.left(title_w), title, f.fonts().body, p.text.u32());
      text_line(f, text.cut_left(title_w + m.gap), f.text(n->body), f.fonts().small, p.text_muted.u32());
    }
    audit_region(f, "notice:" + n->id, nr);
    r = r.cut_top(h + m.gap);
    ++shown;
  }

  // The four tiles: a row of four on wide screens, two by two elsewhere.
  // Desks: the big figure is what the desks screen opens on, this kiosk's own space; the zone's free
  // count is the detail, so the two screens never disagree about one number.
  const content::Space* here = snap.home_space(f.kiosk_id);
  const auto zone = snap.desk_counts(f.now);
  const auto counts = here != nullptr ? snap.desks_in_space(here->id, f.now).counts : zone;
  // A full or cancelled event is never promoted as "next": a visitor could not go (the events screen
  // still lists it, with its status).
  const auto promotable = [](const content::Event& e) { return content::event_has_places(e); };
  const auto upcoming_today = [&]() -> const content::Event* {
    content::EventFilter filter;
    filter.local_day = content::local_day(f.now);
    const content::Event* ongoing = nullptr;
    for (const content::Event* e : snap.upcoming_events(f.now, filter)) {
      if (!promotable(*e)) continue;
      if (e->start >= f.now) return e;  // the next one to start
      if (ongoing == nullptr) ongoing = e;
    }
    return ongoing;
  }();
  std::size_t voucher = 0;
  for (const auto& res : snap.content().resources) voucher += res.voucher_eligible ? 1 : 0;
  const auto& index = snap.index();

  Tile tiles[4] = {
      {"events", Icon::events, std::to_string(snap.events_today(f.now)), f.tr("home.events_today"),
       upcoming_today
           ? f.format("home.next_event", {clock_hm(upcoming_today->start), f.text(upcoming_today->title)})
           : f.tr("home.no_more_events"),
       Screen::events},
      {"desks", Icon::desks, std::to_string(counts.count(content::DeskStatus::free)), f.tr("home.free_desks"),
       f.format("home.desks_detail",
                {std::to_string(counts.total), std::to_string(zone.count(content::DeskStatus::free))}),
       Screen::desks},
      {"resources", Icon::resources, std::to_string(snap.content().resources.size()), f.tr("home.resources"),
       f.format("home.resources_detail", {std::to_string(voucher)}), Screen::resources},
      {"index", Icon::index, index.composite ? format_number(*index.composite, 1) : "–", f.tr("home.index"),
       f.tr("home.index_detail"), Screen::index},
  };
  const bool row = !m.portrait && area.w() > area.h() * 1.6f && !m.compact;
  const int cols = row ? 4 : 2;
  const int rows = row ? 1 : 2;
  const float tile_w = (r.w() - m.gap * (cols - 1)) / cols;
  // Portrait leaves room below the tiles for what is coming up next.
  const float tile_h = std::min((r.h() - m.gap * (rows - 1)) / rows, tile_w * (row          ? 1.1f
                                                                               : m.portrait ? 0.62f
                                                                                            : 0.9f));
  for (int i = 0; i < 4; ++i) {
    const int cx = i % cols, cy = i / cols;
    ImGui::PushID(i);
    draw_tile(f, tiles[i],
              Rect::at(ImVec2(r.min.x + (tile_w + m.gap) * cx, r.min.y + (tile_h + m.gap) * cy),
                       ImVec2(tile_w, tile_h)));
    ImGui::PopID();
  }
  r = r.cut_top((tile_h + m.gap) * rows + m.gap);

  // Coming up: where the screen is tall enough (portrait), the next events, one tap from their page.
  const float row_h = std::round(std::max(m.touch, m.body_size * 2.4f));
  const int room = static_cast<int>((r.h() - m.body_size * 2.0f) / (row_h + m.gap));
  if (room < 3) return;
  text_line(f, r.top(m.body_size * 1.8f), f.tr("home.coming_up"), f.fonts().body, p.accent.u32());
  r = r.cut_top(m.body_size * 2.0f);
  int drawn = 0;
  for (const content::Event* e : snap.upcoming_events(f.now)) {
    if (drawn == room) break;
    if (e->start < f.now || !promotable(*e)) continue;
    const Rect line = r.top(row_h);
    ImGui::PushID(e->id.c_str());
    if (pressable(f, "##next", line, p.surface.u32(), p.surface_pressed.u32(), m.radius)) {
      f.act(Action::Kind::open_event, e->id);
    }
    ImGui::PopID();
    const Rect in = line.inset(m.pad, 0);
    const std::string when = short_date(f.i18n, f.lang, e->start) + " " + clock_hm(e->start);
    const float when_w = text_width(f.fonts().body, m.body_size, when) + m.pad;
    text_line(f, in.left(when_w), when, f.fonts().body, p.text_muted.u32());
    title_text(f, in.cut_left(when_w), f.text(e->title), p.text.u32());
    audit_region(f, "coming-up:" + e->id, line);
    r = r.cut_top(row_h + m.gap);
    ++drawn;
  }
}

}  // namespace kiosk::ui
