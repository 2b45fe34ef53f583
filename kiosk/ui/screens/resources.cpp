// The shared-resource directory: category tabs, search typed on an on-screen keyboard (pinyin,
// initials or English find Chinese content: sync/content/search_index.hpp), an innovation-voucher
// filter. Results come best match first.
#include <cmath>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/list_cache.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {

void draw_resources(FrameContext& f, const UiState& s, const Rect& area, ListCache& cache) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  Rect r = area.inset(m.pad, m.pad * 0.6f);

  std::vector<std::pair<std::string, int>> chips{{f.tr("resources.all"), -1}};
  for (std::size_t i = 0; i < content::enum_count<content::ResourceCategory>(); ++i) {
    chips.emplace_back(f.tr("resource_category." +
                            std::string(content::to_string(static_cast<content::ResourceCategory>(i)))),
                       static_cast<int>(i));
  }
  // On a short screen the keyboard would leave the results a sliver: the category chips give way
  // while it is open (the chosen category still applies, and comes back with "Done").
  const bool chips_give_way = s.keyboard_open && area.h() < keyboard_height(m) * 2.2f;
  if (!chips_give_way) {
    chip_row(f, "##resource-chips", r.top(m.touch), chips,
             s.resource_category ? static_cast<int>(*s.resource_category) : -1,
             Action::Kind::resource_category);
    r = r.cut_top(m.touch + m.gap);
  }

  // Search field and voucher toggle.
  const Rect bar = r.top(m.touch);
  const std::string voucher = f.tr("resources.voucher_only");
  const float voucher_w = measure_chip(f, voucher);
  const Rect field = bar.cut_right(voucher_w + m.gap);
  if (pressable(f, "##search", field, p.raised.u32(), p.surface_pressed.u32(), m.radius)) {
    f.act(s.keyboard_open ? Action::Kind::keyboard_close : Action::Kind::keyboard_open);
  }
  if (s.keyboard_open) canvas()->AddRect(field.min, field.max, p.accent.u32(), m.radius, 0, 2.0f);
  icon(canvas(), Icon::search, field.left(field.h()).inset(field.h() * 0.25f), p.text_muted.u32());
  const Rect text_r = field.cut_left(field.h()).inset(m.gap * 0.5f, 0);
  if (s.search.empty()) {
    text_line(f, text_r, f.tr("resources.search_hint"), f.fonts().body, p.text_muted.u32());
  } else {
    const float w = text_line(f, text_r, s.search, f.fonts().body, p.text.u32());
    if (s.keyboard_open) {  // a caret, steady (a blinking one would wake the loop twice a second)
      const float cx = text_r.min.x + w + 2;
      canvas()->AddLine(ImVec2(cx, text_r.min.y + m.gap), ImVec2(cx, text_r.max.y - m.gap), p.accent.u32(),
                        2.0f);
    }
  }
  audit_region(f, "search-field", field);
  if (chip(f, "##voucher", ImVec2(bar.max.x - voucher_w, bar.min.y), voucher, s.voucher_only)) {
    f.act(Action::Kind::toggle_voucher);
  }
  audit_region(f, "voucher-toggle", bar.right(voucher_w));
  r = r.cut_top(m.touch + m.gap);

  content::ResourceFilter filter;
  filter.category = s.resource_category;
  filter.query = s.search;
  filter.voucher_only = s.voucher_only;
  const content::ResourceResults& found = cache.resources(f.snap, filter);
  const auto& items = found.rows;
  if (s.keyboard_open) {
    const float kh = keyboard_height(m);
    draw_keyboard(f, r.bottom(kh));
    r = r.cut_bottom(kh + m.gap);
    // Chinese words of the directory that the pinyin typed spells: a tap puts the word in its place.
    const auto& words = found.candidates;
    if (!words.empty()) {
      std::vector<std::pair<std::string, std::string>> word_chips;
      for (const auto& w : words) word_chips.emplace_back(w, w);
      const Rect row = r.bottom(m.touch);
      chip_row_ids(f, "##candidates", row, word_chips, std::string(), Action::Kind::key_candidate);
      audit_region(f, "candidates", row);
      r = r.cut_bottom(m.touch + m.gap);
    }
  }

  text_line(f, r.top(m.small_size * 1.5f), f.format("resources.count", {std::to_string(items.size())}),
            f.fonts().small, p.text_muted.u32());
  r = r.cut_top(m.small_size * 1.5f + m.gap * 0.5f);
  if (items.empty()) {
    text_block(f, r.top(m.touch * 2), f.tr("resources.none"), f.fonts().body, p.text_muted.u32(), 2);
    return;
  }
  // Two columns when there is room for cards of a readable width.
  const int cols = r.w() > m.u * 30 ? 2 : 1;
  const float card_w = (r.w() - m.gap * (cols - 1)) / cols;
  // Room for a name of two lines above the price line (title_text picks the font).
  const float card_h =
      std::round(std::max(m.touch * 1.45f, 2 * m.gap + two_line_title_height(m) + caption_height(m)));
  const std::size_t rows = (items.size() + cols - 1) / cols;
  ScrollArea list = begin_scroll(f, "##resources", r, false, rows * (card_h + m.gap));
  const std::size_t first = static_cast<std::size_t>(std::max(0.0f, list.scroll / (card_h + m.gap)));
  const std::size_t last =
      std::min(rows, static_cast<std::size_t>((list.scroll + r.h()) / (card_h + m.gap)) + 1);
  for (std::size_t row = first; row < last; ++row) {
    for (int c = 0; c < cols; ++c) {
      const std::size_t i = row * cols + static_cast<std::size_t>(c);
      if (i >= items.size()) break;
      const content::Resource& res = *items[i];
      const Rect card =
          Rect::at(ImVec2(list.origin.x + c * (card_w + m.gap), list.origin.y + row * (card_h + m.gap)),
                   ImVec2(card_w, card_h));
      ImGui::PushID(res.id.c_str());
      if (pressable(f, "##res", card, p.surface.u32(), p.surface_pressed.u32(), m.radius)) {
        f.act(Action::Kind::open_resource, res.id);
      }
      ImGui::PopID();
      const Rect in = card.inset(m.pad, m.gap);
      float right = 0;
      if (res.voucher_eligible) {
        const std::string v = res.voucher_share > 0
                                  ? f.format("resources.voucher_share", {std::to_string(res.voucher_share)})
                                  : f.tr("resources.voucher");
        const float w = measure_badge(f, v);
        badge(f, ImVec2(in.max.x - w, in.min.y), v, p.free.u32(), p.on_status.u32());
        right = w + m.gap;
      }
      const float price_h = caption_height(m);
      title_text(f, in.cut_right(right).cut_bottom(price_h), f.text(res.name), p.text.u32());
      // The price first: it is what a visitor compares across cards; then who provides it.
      text_line(f, in.bottom(price_h),
                resource_price(f.i18n, f.lang, res) + f.tr("place.separator") + f.text(res.provider),
                f.fonts().small, p.text_muted.u32());
      audit_region(f, "resource:" + res.id, card);
    }
  }
  end_scroll(f, list);
}

float keyboard_height(const Metrics& m) {
  return std::round(std::max(m.touch, m.u * 2.2f) * 5 + m.gap * 4);
}

void draw_keyboard(FrameContext& f, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  // Ten key widths per row. The letters take four rows; space, delete, clear and done share a fifth,
  // wide enough for their words in either language at every screen size (not "De…" on a key).
  static const char* kRows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
  fill_rect(canvas(), area.min, area.max, p.surface.u32(), m.radius);
  const float row_h = (area.h() - m.gap * 4) / 5;
  const float key_w = (area.w() - m.gap * 9) / 10;
  // `span` keys wide from key column `column` (fractions centre the shorter rows).
  const auto key_at = [&](int row, float column, float span = 1) {
    return Rect::at(
        ImVec2(area.min.x + column * (key_w + m.gap), area.min.y + static_cast<float>(row) * (row_h + m.gap)),
        ImVec2(key_w * span + m.gap * (span - 1), row_h));
  };
  for (int row = 0; row < 4; ++row) {
    const std::string keys = kRows[row];
    const float first = (10.0f - static_cast<float>(keys.size())) / 2;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const std::string label(1, keys[i]);
      ImGui::PushID(keys[i]);
      if (button(f, "##key", key_at(row, first + static_cast<float>(i)), label))
        f.act(Action::Kind::key, label);
      ImGui::PopID();
    }
  }
  if (button(f, "##space", key_at(4, 0, 4), f.tr("keyboard.space"))) f.act(Action::Kind::key, " ");
  if (button(f, "##bksp", key_at(4, 4, 2), f.tr("keyboard.backspace"))) f.act(Action::Kind::key_backspace);
  if (button(f, "##clear", key_at(4, 6, 2), f.tr("keyboard.clear"))) f.act(Action::Kind::key_clear);
  if (button(f, "##done", key_at(4, 8, 2), f.tr("keyboard.done"), true)) f.act(Action::Kind::keyboard_close);
  audit_region(f, "keyboard", area);
}

}  // namespace kiosk::ui
