// Attract mode: what an idle kiosk shows to the people walking past. A poster-like slide at a time
// (welcome, the next events with places, this space's free desks, resources worth a walk), each in
// Chinese with English beneath, and a band inviting a touch in both languages, since the next
// visitor's language is not known. Nothing here looks like a button: the first touch anywhere only
// wakes the kiosk. The motion is the slide change itself, a new picture every few seconds; between
// changes nothing moves and no frame is drawn (not even a clock's seconds), so an idle lobby costs
// about what the home screen's ticking clock does. A fade between slides was tried: at 60 frames a
// second of full-screen software rendering it cost 25 times the home screen (bench/kiosk_process.sh).
#include <cmath>

#include "kiosk/ui/attract_slides.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {
namespace {

// The same frame, worded in English: for the second language's lines under the Chinese ones.
FrameContext in_english(const FrameContext& f) {
  FrameContext en = f;
  en.lang = content::Lang::en;
  return en;
}

// A kicker above a slide's headline: "即将开始 · Coming up".
void kicker(FrameContext& f, Rect& r, const std::string& key) {
  const auto& m = f.metrics();
  const std::string words = f.i18n.tr(key, content::Lang::zh) + "  " + f.i18n.tr(key, content::Lang::en);
  text_line(f, r.top(m.body_size * 1.6f), words, f.fonts().body, f.colours().accent.u32());
  r = r.cut_top(m.body_size * 1.6f + m.gap);
}

// Chinese headline (up to three lines) and its English (up to two), as the content gives them.
void headline(FrameContext& f, Rect& r, const content::LocalText& text) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  r = r.cut_top(text_block(f, r, text.zh, f.fonts().title, p.text.u32(), 3, 1.2f) + m.gap * 0.5f);
  if (!text.en.empty() && text.en != text.zh)
    r = r.cut_top(text_block(f, r, text.en, f.fonts().body, p.text_muted.u32(), 2, 1.2f) + m.gap);
}

// A fact line in both languages: the Chinese in the body font, the English after it, muted (or on
// a line of its own when it does not fit beside).
void fact(FrameContext& f, Rect& r, const std::string& zh, const std::string& en) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const float h = m.body_size * 1.5f;
  const float w = text_line(f, r.top(h), zh, f.fonts().body, p.text.u32());
  r = r.cut_top(h);
  if (en.empty() || en == zh) return;
  if (w + m.pad + text_width(f.fonts().small, m.small_size, en) <= r.w()) {
    text_line(f, Rect{ImVec2(r.min.x + w + m.pad, r.min.y - h), ImVec2(r.max.x, r.min.y)}, en,
              f.fonts().small, p.text_muted.u32());
  } else {
    text_line(f, r.top(m.small_size * 1.4f), en, f.fonts().small, p.text_muted.u32());
    r = r.cut_top(m.small_size * 1.4f + m.gap * 0.5f);
  }
}

// A poster or photo at its own proportions, with no frame around it (the calm placeholder while it
// loads), and the words beside it (landscape: the picture centred in the left half) or under it
// (portrait: the picture at the top, the words right below). Returns the room for the words.
Rect picture_and_words(FrameContext& f, const Rect& r, const std::string& name) {
  const auto& m = f.metrics();
  const Rect box = m.portrait ? r.top(std::round(r.h() * 0.5f)) : r.left(std::round(r.w() * 0.5f));
  Rect shown = box;
  int w = 0, h = 0;
  if (f.images != nullptr && !name.empty() && f.images->texture(name, &w, &h) != nullptr && w > 0 && h > 0) {
    const float scale = std::min(box.w() / static_cast<float>(w), box.h() / static_cast<float>(h));
    const ImVec2 size(std::floor(w * scale), std::floor(h * scale));
    const float y = m.portrait ? box.min.y : std::floor(box.center().y - size.y * 0.5f);
    shown = Rect::at(ImVec2(std::floor(box.center().x - size.x * 0.5f), y), size);
  }
  image_box(f, shown, name);
  return m.portrait ? r.cut_top(shown.max.y - r.min.y + m.pad * 1.5f) : r.cut_left(box.w() + m.pad * 1.5f);
}

void welcome_slide(FrameContext& f, const Rect& r) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const auto& snap = f.snap;
  const content::Space* here = snap.home_space(f.kiosk_id);
  const content::LocalText& name = here != nullptr ? here->name : snap.content().meta.title;
  Rect body = r.inset(m.pad * 2, m.pad);
  kicker(f, body, "attract.welcome");
  headline(f, body, name);
  // The time and date, large: a clock is what people glance at, and then they read on.
  if (f.sync.clock_trusted) {
    const std::string hm = clock_hm(f.now);
    const float hm_w = text_line(f, body.top(m.huge_size * 1.1f), hm, f.fonts().huge, p.text.u32());
    const Rect date = body.top(m.huge_size * 1.1f).cut_left(hm_w + m.pad * 1.5f);
    text_line(f, date.top(date.h() * 0.55f), long_date(f.i18n, content::Lang::zh, f.now), f.fonts().title,
              p.text.u32());
    text_line(f, date.cut_top(date.h() * 0.55f), long_date(f.i18n, content::Lang::en, f.now), f.fonts().body,
              p.text_muted.u32());
    body = body.cut_top(m.huge_size * 1.1f + m.gap);
  }
  // Three figures a passer-by can take in at a glance.
  const int events = snap.events_today(f.now);
  const int free = here != nullptr
                       ? snap.desks_in_space(here->id, f.now).counts.count(content::DeskStatus::free)
                       : snap.desk_counts(f.now).count(content::DeskStatus::free);
  const std::size_t resources = snap.content().resources.size();
  const struct {
    std::string figure;
    const char* key;
  } figures[] = {{std::to_string(events), "home.events_today"},
                 {std::to_string(free), "home.free_desks"},
                 {std::to_string(resources), "home.resources"}};
  const float fig_h = m.huge_size * 1.1f + m.body_size * 1.5f + m.small_size * 1.5f;
  const Rect row = Rect::at(ImVec2(body.min.x, std::max(body.min.y + m.pad, body.max.y - fig_h - m.pad)),
                            ImVec2(body.w(), fig_h));
  const int cols = m.portrait ? 1 : 3;
  const float col_w = row.w() / static_cast<float>(cols);
  for (int i = 0; i < 3; ++i) {
    const Rect cell =
        m.portrait
            ? Rect::at(ImVec2(row.min.x, row.min.y - (2 - i) * (fig_h + m.gap)), ImVec2(row.w(), fig_h))
            : Rect::at(ImVec2(row.min.x + col_w * i, row.min.y), ImVec2(col_w - m.pad, fig_h));
    if (cell.min.y < body.min.y) continue;  // a short portrait slide keeps the figures that fit
    text_line(f, cell.top(m.huge_size * 1.1f), figures[i].figure, f.fonts().huge, p.accent.u32());
    const Rect words = cell.cut_top(m.huge_size * 1.1f);
    text_line(f, words.top(m.body_size * 1.5f), f.i18n.tr(figures[i].key, content::Lang::zh), f.fonts().body,
              p.text.u32());
    text_line(f, words.cut_top(m.body_size * 1.5f), f.i18n.tr(figures[i].key, content::Lang::en),
              f.fonts().small, p.text_muted.u32());
  }
}

void event_slide(FrameContext& f, const content::Event& e, const Rect& r) {
  const auto& m = f.metrics();
  FrameContext en = in_english(f);
  Rect words = picture_and_words(f, r.inset(m.pad * 2, m.pad), e.poster);
  kicker(f, words,
         content::event_phase(e, f.now) == content::EventPhase::running ? "event_status.running"
                                                                        : "home.coming_up");
  headline(f, words, e.title);
  const std::int64_t today = content::local_day(f.now);
  const std::int64_t day = content::local_day(e.start);
  fact(f, words,
       day_label(f.i18n, content::Lang::zh, day, today) + " " + clock_hm(e.start) + "–" + clock_hm(e.end),
       day_label(f.i18n, content::Lang::en, day, today));
  fact(f, words, venue_line(f, e.venue, e.space_id), venue_line(en, e.venue, e.space_id));
  if (e.capacity > 0)
    fact(
        f, words,
        f.i18n.format("attract.places_left", content::Lang::zh, {std::to_string(e.capacity - e.registered)}),
        f.i18n.format("attract.places_left", content::Lang::en, {std::to_string(e.capacity - e.registered)}));
  audit_region(f, "attract-event:" + e.id, r);
}

void desks_slide(FrameContext& f, const Rect& r) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const content::Space* here = f.snap.home_space(f.kiosk_id);
  if (here == nullptr) return;
  const content::SpaceDesks desks = f.snap.desks_in_space(here->id, f.now);
  Rect body = r.inset(m.pad * 2, m.pad);
  kicker(f, body, "attract.desks_now");
  headline(f, body, here->name);
  text_line(f, body.top(m.huge_size * 1.1f), std::to_string(desks.counts.count(content::DeskStatus::free)),
            f.fonts().huge, p.free.u32());
  body = body.cut_top(m.huge_size * 1.1f + m.gap);
  fact(f, body, f.i18n.tr("home.free_desks", content::Lang::zh),
       f.i18n.tr("home.free_desks", content::Lang::en));
  body = body.cut_top(m.gap);
  // Each kind with free places and its price: what a founder deciding to come back needs.
  for (std::size_t k = 0; k < desks.by_kind.size(); ++k) {
    const int free = desks.by_kind[k].count(content::DeskStatus::free);
    if (desks.by_kind[k].total == 0) continue;
    const std::string kind =
        "desk_kind." + std::string(content::to_string(static_cast<content::DeskKind>(k)));
    fact(f, body,
         f.i18n.tr(kind, content::Lang::zh) + " " +
             f.i18n.format("desks.free_count", content::Lang::zh, {std::to_string(free)}) +
             f.i18n.tr("place.separator", content::Lang::zh) +
             desk_price(f.i18n, content::Lang::zh, desks.prices[k]),
         f.i18n.tr(kind, content::Lang::en) + " " +
             f.i18n.format("desks.free_count", content::Lang::en, {std::to_string(free)}));
  }
  audit_region(f, "attract-desks", r);
}

void resource_slide(FrameContext& f, const content::Resource& res, const Rect& r) {
  const auto& m = f.metrics();
  Rect words = picture_and_words(f, r.inset(m.pad * 2, m.pad), res.image);
  kicker(f, words, "attract.featured");
  headline(f, words, res.name);
  fact(f, words, res.provider.zh, res.provider.en);
  fact(f, words, resource_price(f.i18n, content::Lang::zh, res),
       resource_price(f.i18n, content::Lang::en, res));
  if (res.voucher_eligible)
    fact(f, words, voucher_words(f.i18n, content::Lang::zh, res),
         voucher_words(f.i18n, content::Lang::en, res));
  audit_region(f, "attract-resource:" + res.id, r);
}

}  // namespace

void draw_attract(FrameContext& f, const UiState& s, const Rect& area, ListCache&) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const std::vector<AttractSlide> slides = attract_slides(f.snap, f.now, f.kiosk_id);
  const std::size_t current = static_cast<std::size_t>(s.attract_slide) % slides.size();
  const AttractSlide& slide = slides[current];

  // The invitation, in both languages, on a band along the bottom.
  const float band_h = std::round(m.title_size * 1.6f + m.body_size * 1.6f);
  const Rect band = area.bottom(band_h);
  const Rect stage = area.cut_bottom(band_h);
  switch (slide.kind) {
    case AttractSlide::Kind::welcome:
      welcome_slide(f, stage);
      break;
    case AttractSlide::Kind::event:
      if (const content::Event* e = f.snap.event(slide.id)) event_slide(f, *e, stage);
      break;
    case AttractSlide::Kind::desks:
      desks_slide(f, stage);
      break;
    case AttractSlide::Kind::resource:
      if (const content::Resource* res = f.snap.resource(slide.id)) resource_slide(f, *res, stage);
      break;
  }

  fill_rect(canvas(), band.min, band.max, p.accent.u32());
  const Rect words = band.inset(m.pad, m.gap * 0.5f);
  const float zh_h = words.h() * 0.56f;
  text_line(f, words.top(zh_h), f.i18n.tr("attract.touch_to_start", content::Lang::zh), f.fonts().title,
            p.on_accent.u32(), Align::center);
  text_line(f, words.cut_top(zh_h), f.i18n.tr("attract.touch_to_start", content::Lang::en), f.fonts().body,
            p.on_accent.u32(), Align::center);
  audit_region(f, "attract-prompt", band);
  // Where the carousel is: one dot per slide, the current one filled.
  const float dot = std::max(3.0f, m.u * 0.22f);
  for (std::size_t i = 0; i < slides.size(); ++i) {
    const ImVec2 c(band.max.x - m.pad - static_cast<float>(slides.size() - 1 - i) * dot * 3.5f - dot,
                   band.min.y - m.gap - dot);
    if (i == current)
      canvas()->AddCircleFilled(c, dot, p.accent.u32());
    else
      canvas()->AddCircle(c, dot, p.text_muted.u32(), 12, 1.5f);
  }
}

}  // namespace kiosk::ui
