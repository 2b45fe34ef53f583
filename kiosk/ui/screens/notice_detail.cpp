// A routine notice in full: the home screen's banner shows one line of it, a tap opens all of it.
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {

void draw_notice_detail(FrameContext& f, const UiState& s, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  Rect r = back_header(f, area.inset(m.pad, m.pad * 0.6f), f.tr("notice.title"));
  const content::Notice* n = nullptr;
  for (const auto& candidate : f.snap.content().notices) {
    if (candidate.id == s.notice_id) n = &candidate;
  }
  if (n == nullptr) {  // a sync removed it while it was open
    text_line(f, r.top(m.touch), f.tr("notice.gone"), f.fonts().body, p.text_muted.u32());
    return;
  }
  const std::string title = f.text(n->title), body = f.text(n->body);
  const std::string until =
      f.format("notice.until", {short_date(f.i18n, f.lang, n->ends) + " " + clock_hm(n->ends)});
  // Long texts scroll; nothing is cut.
  const float title_h = text_block_height(f.fonts().title, title, r.w());
  const float body_h = text_block_height(f.fonts().body, body, r.w());
  const float extent = title_h + m.gap + m.body_size * 1.6f + m.gap + body_h + m.pad;
  ScrollArea scroll = begin_scroll(f, "##notice-detail", r, false, extent);
  const float x = scroll.origin.x;
  float y = scroll.origin.y;
  y += text_block(f, Rect{ImVec2(x, y), ImVec2(x + r.w(), y + title_h + 1)}, title, f.fonts().title,
                  p.text.u32()) +
       m.gap;
  text_line(f, Rect{ImVec2(x, y), ImVec2(x + r.w(), y + m.body_size * 1.6f)}, until, f.fonts().body,
            p.text_muted.u32());
  y += m.body_size * 1.6f + m.gap;
  text_block(f, Rect{ImVec2(x, y), ImVec2(x + r.w(), y + body_h + 1)}, body, f.fonts().body, p.text.u32());
  end_scroll(f, scroll);
  audit_region(f, "notice-detail", r);
}

}  // namespace kiosk::ui
