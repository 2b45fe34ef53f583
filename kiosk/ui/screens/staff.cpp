// Staff overlay, opened by a 3-second press on the top-left corner: a PIN pad first (wrong PINs lock
// it for longer each time), then the content version, sync state, last error, device facts, and the
// buttons staff need: sync now, language, exit to the desktop.
#include <algorithm>
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {
namespace {

void pin_pad(FrameContext& f, const UiState& s, const Rect& r, double now_mono) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const float key =
      std::round(std::min((r.w() - m.gap * 2) / 3, (r.h() - m.title_size * 4.5f - m.gap * 3) / 4));
  const float pad_w = key * 3 + m.gap * 2;
  Rect col{ImVec2(r.center().x - pad_w * 0.5f, r.min.y), ImVec2(r.center().x + pad_w * 0.5f, r.max.y)};
  text_line(f, col.top(m.title_size * 1.4f), f.tr("staff.enter_pin"), f.fonts().title, p.text.u32(),
            Align::center);
  col = col.cut_top(m.title_size * 1.5f);
  std::string shown;
  for (std::size_t i = 0; i < s.staff.digits.size(); ++i) shown += "● ";
  text_line(f, col.top(m.title_size * 1.4f), shown.empty() ? std::string(" ") : shown, f.fonts().title,
            p.text.u32(), Align::center);
  col = col.cut_top(m.title_size * 1.5f);
  const bool locked = now_mono < s.staff.locked_until;
  std::string message = s.staff.message_key.empty() ? "" : f.tr(s.staff.message_key);
  if (locked)
    message = f.format("staff.locked",
                       {std::to_string(static_cast<int>(std::ceil(s.staff.locked_until - now_mono)))});
  text_line(f, col.top(m.body_size * 1.4f), message, f.fonts().body, p.warning.u32(), Align::center);
  col = col.cut_top(m.body_size * 1.6f);
  static const char* kKeys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"};
  if (locked) ImGui::BeginDisabled();
  for (int i = 0; i < 12; ++i) {
    const Rect k = Rect::at(ImVec2(col.min.x + (i % 3) * (key + m.gap), col.min.y + (i / 3) * (key + m.gap)),
                            ImVec2(key, key));
    ImGui::PushID(i);
    const std::string label = i == 9 ? f.tr("staff.clear") : i == 11 ? f.tr("staff.ok") : kKeys[i];
    if (button(f, "##k", k, label, i == 11)) {
      if (i == 9)
        f.act(Action::Kind::staff_clear);
      else if (i == 11)
        f.act(Action::Kind::staff_submit);
      else
        f.act(Action::Kind::staff_digit, {}, kKeys[i][0] - '0');
    }
    ImGui::PopID();
  }
  if (locked) ImGui::EndDisabled();
  audit_region(f, "pin-pad", col);
}

// The console's pairing code: 8 of the 32 symbols the console uses (no I, O, 0 or 1, which read alike),
// typed on its own keyboard, shown as ABCD-EFGH like the console page that issued it.
void pair_pad(FrameContext& f, const UiState& s, const Rect& r) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  static constexpr std::string_view kSymbols = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  Rect col = r;
  text_line(f, col.top(m.title_size * 1.4f), f.tr("staff.pair_title"), f.fonts().title, p.text.u32(),
            Align::center);
  col = col.cut_top(m.title_size * 1.5f);
  const std::string hint = f.tr("staff.pair_hint");
  const float hint_h = text_block_height(f.fonts().body, hint, col.w());
  text_block(f, col.top(hint_h), hint, f.fonts().body, p.text_muted.u32());
  col = col.cut_top(hint_h + m.body_size * 0.3f);
  std::string shown;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == 4) shown += " - ";
    shown += i < s.staff.pair_code.size() ? std::string(1, s.staff.pair_code[i]) + " " : std::string("_ ");
  }
  text_line(f, col.top(m.title_size * 1.5f), shown, f.fonts().title, p.text.u32(), Align::center);
  col = col.cut_top(m.title_size * 1.7f);
  audit_region(f, "pair-code", col);
  // 8 columns x 4 rows of symbols, then a row of Delete / Clear / Cancel / Pair.
  const float key_w = std::floor((col.w() - m.gap * 7) / 8);
  const float key_h = std::floor(std::min(m.touch * 1.2f, (col.h() - m.gap * 4) / 5));
  const float grid_w = key_w * 8 + m.gap * 7;
  const float x0 = col.center().x - grid_w * 0.5f;
  for (std::size_t i = 0; i < kSymbols.size(); ++i) {
    const Rect k = Rect::at(ImVec2(x0 + static_cast<float>(i % 8) * (key_w + m.gap),
                                   col.min.y + static_cast<float>(i / 8) * (key_h + m.gap)),
                            ImVec2(key_w, key_h));
    ImGui::PushID(static_cast<int>(i));
    const std::string label(1, kSymbols[i]);
    if (button(f, "##p", k, label)) f.act(Action::Kind::staff_pair_key, label);
    ImGui::PopID();
  }
  const float y = col.min.y + 4 * (key_h + m.gap);
  const float wide = (grid_w - m.gap * 3) / 4;
  const auto at = [&](int n) {
    return Rect::at(ImVec2(x0 + static_cast<float>(n) * (wide + m.gap), y), ImVec2(wide, key_h));
  };
  if (button(f, "##pdel", at(0), f.tr("staff.pair_delete"))) f.act(Action::Kind::staff_pair_backspace);
  if (button(f, "##pclr", at(1), f.tr("staff.pair_clear"))) f.act(Action::Kind::staff_pair_clear);
  if (button(f, "##pcancel", at(2), f.tr("staff.pair_cancel"))) f.act(Action::Kind::staff_pair_cancel);
  const bool complete = s.staff.pair_code.size() == 8;
  if (!complete) ImGui::BeginDisabled();
  // Highlighted only once it can be pressed: a bright button that does nothing reads as broken.
  if (button(f, "##psubmit", at(3), f.tr("staff.pair_submit"), complete))
    f.act(Action::Kind::staff_pair_submit);
  if (!complete) ImGui::EndDisabled();
  audit_region(f, "pair-pad", Rect{ImVec2(x0, col.min.y), ImVec2(x0 + grid_w, y + key_h)});
}

// The engine's state and failure are codes; the overlay says them in its own language, in a line
// that fits a row. The engine's full sentence (what an engineer acts on) is in `kioskctl status`,
// the journal and the console's kiosk page; an unknown code falls back to it.
std::string sync_state_words(const FrameContext& f) {
  if (!f.sync.configured) return f.tr("staff.sync_not_configured");
  const std::string key = "sync_states." + f.sync.state;
  return f.i18n.has(key, f.lang) ? f.tr(key) : f.sync.state;
}

std::string sync_error_words(const FrameContext& f) {
  if (f.sync.last_error.empty()) return f.tr("staff.none");
  const std::string key = "sync_failures." + f.sync.last_error_code;
  return f.i18n.has(key, f.lang) ? f.tr(key) : f.sync.last_error;
}

}  // namespace

void draw_staff(FrameContext& f, const UiState& s, const Rect& area, const StaffFacts& facts,
                double now_mono) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  fill_rect(canvas(), area.min, area.max, p.background.u32(245));
  Rect r = area.inset(m.pad * 1.5f);
  const Rect close = r.right(m.touch * 2.2f).top(m.touch);
  if (button(f, "##close", close, f.tr("staff.close"))) f.act(Action::Kind::staff_close);
  audit_region(f, "staff-close", close);
  text_line(f, r.top(m.touch).cut_right(close.w() + m.gap), f.tr("staff.title"), f.fonts().title,
            p.text.u32());
  r = r.cut_top(m.touch + m.gap);
  if (!s.staff.unlocked) {
    pin_pad(f, s, r, now_mono);
    return;
  }
  if (s.staff.pairing) {
    pair_pad(f, s, r);
    return;
  }
  // Buttons along the bottom.
  const Rect buttons = r.bottom(m.touch);
  const int count = facts.console_configured ? 4 : 3;
  const float bw = (buttons.w() - m.gap * static_cast<float>(count - 1)) / static_cast<float>(count);
  const auto slot = [&](int n) {
    return Rect::at(ImVec2(buttons.min.x + static_cast<float>(n) * (bw + m.gap), buttons.min.y),
                    ImVec2(bw, m.touch));
  };
  int n = 0;
  if (button(f, "##sync", slot(n++), f.tr("staff.sync_now"), true)) f.act(Action::Kind::sync_now);
  if (facts.console_configured && button(f, "##pair", slot(n++), f.tr("staff.pair")))
    f.act(Action::Kind::staff_pair_open);
  if (button(f, "##lang", slot(n++), f.tr("chrome.switch_language"))) f.act(Action::Kind::toggle_language);
  if (button(f, "##exit", slot(n), f.tr("staff.exit"))) f.act(Action::Kind::exit_app);
  audit_region(f, "staff-buttons", buttons);
  r = r.cut_bottom(m.touch + m.pad);

  // Facts in as many columns as fit; the sync rows first, then what the app measured.
  struct Shown {
    std::string label, value;
    bool warning;
  };
  std::vector<Shown> rows;
  const auto& v = f.snap.version();
  rows.push_back({f.tr("staff.content_version"),
                  f.format("staff.version_detail", {std::to_string(v.version), v.origin,
                                                    v.applied_at ? short_date(f.i18n, f.lang, v.applied_at) +
                                                                       " " + clock_hm(v.applied_at)
                                                                 : "-"}),
                  false});
  rows.push_back({f.tr("staff.sync_state"), sync_state_words(f), false});
  rows.push_back({f.tr("staff.last_sync"),
                  f.sync.last_success
                      ? short_date(f.i18n, f.lang, f.sync.last_success) + " " + clock_hm(f.sync.last_success)
                      : "-",
                  false});
  rows.push_back({f.tr("staff.last_error"), sync_error_words(f), !f.sync.last_error.empty()});
  for (const auto& row : facts.rows) {
    std::string value = row.value_key.empty() ? row.value : f.format(row.value_key, row.args);
    for (const auto& [key, args] : row.parts)
      value += (&key == &row.parts.front().first ? "" : f.tr("staff.list_separator")) + f.format(key, args);
    rows.push_back({f.tr(row.label), value, row.warning});
  }
  const float row_h = std::round(m.small_size * 1.3f + m.body_size * 1.45f);
  const int fit_rows = std::max(1, static_cast<int>(r.h() / row_h));
  const int max_cols = std::max(1, static_cast<int>(r.w() / (m.u * 17)));
  const int cols = std::clamp((static_cast<int>(rows.size()) + fit_rows - 1) / fit_rows, 1, max_cols);
  const float col_w = (r.w() - m.pad * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const int per_col = (static_cast<int>(rows.size()) + cols - 1) / cols;
  // More facts than room: the columns scroll, so no fact is ever dropped at some screen size.
  ScrollArea facts_area = begin_scroll(f, "##staff-facts", r, false, static_cast<float>(per_col) * row_h);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const int c = static_cast<int>(i) / per_col, row = static_cast<int>(i) % per_col;
    const float y = facts_area.origin.y + static_cast<float>(row) * row_h;
    const Rect cell = Rect::at(ImVec2(facts_area.origin.x + static_cast<float>(c) * (col_w + m.pad), y),
                               ImVec2(col_w, row_h));
    text_line(f, cell.top(m.small_size * 1.3f), rows[i].label, f.fonts().small, p.text_muted.u32());
    text_line(f, cell.cut_top(m.small_size * 1.3f), rows[i].value, f.fonts().body,
              rows[i].warning ? p.warning.u32() : p.text.u32());
  }
  end_scroll(f, facts_area);
  audit_region(f, "staff-facts", r);
}

}  // namespace kiosk::ui
