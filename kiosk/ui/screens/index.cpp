// The innovation index: the composite score, the five group scores, every indicator with its
// baseline -> current -> target bar, and a chart of the selected indicator with unit and source.
// The formula is in docs/innovation-index.md.
#include <algorithm>
#include <cmath>

#include "kiosk/ui/chart_view.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/screens/shared.hpp"
#include "kiosk/ui/text_layout.hpp"

namespace kiosk::ui {
namespace {

std::string group_name(FrameContext& f, content::IndicatorGroup g) {
  return f.tr("index_group." + std::string(content::to_string(g)));
}

// Baseline -> current -> target on one bar: the filled part is the progress, a tick marks the baseline
// position (the start), numbers label both ends.
void progress_bar(FrameContext& f, const Rect& r, const content::IndicatorProgress& pr) {
  const auto& p = f.colours();
  const auto& m = f.metrics();
  const float h = std::max(6.0f, m.u * 0.35f);
  const Rect bar{ImVec2(r.min.x, r.center().y - h * 0.5f), ImVec2(r.max.x, r.center().y + h * 0.5f)};
  fill_rect(canvas(), bar.min, bar.max, p.raised.u32(), h * 0.5f);
  if (pr.progress) {
    const float w = std::max(h, bar.w() * static_cast<float>(*pr.progress));
    fill_rect(canvas(), bar.min, ImVec2(bar.min.x + w, bar.max.y), p.chart_line.u32(), h * 0.5f);
  }
  fill_rect(canvas(), ImVec2(bar.max.x - 3, bar.min.y - h * 0.5f), ImVec2(bar.max.x, bar.max.y + h * 0.5f),
            p.chart_target.u32());
  audit_region(f, "bar:" + pr.indicator->id, bar);
}

// "9,380 / 10,000 家": the latest value against the target, in the indicator's unit.
std::string value_and_target(FrameContext& f, const content::IndicatorProgress& pr) {
  const content::Indicator& x = *pr.indicator;
  const std::string cur = pr.current ? format_number(*pr.current, x.decimals) : "-";
  return cur + " / " + format_number(x.target.value, x.decimals) + " " + f.text(x.unit);
}

}  // namespace

void draw_index(FrameContext& f, const UiState& s, const Rect& area) {
  const auto& m = f.metrics();
  const auto& p = f.colours();
  const auto& index = f.snap.index();
  const auto all = f.snap.indicators();
  Rect r = area.inset(m.pad, m.pad * 0.6f);
  if (all.empty()) {
    text_line(f, r.top(m.touch), f.tr("index.none"), f.fonts().body, p.text_muted.u32());
    return;
  }

  // Header: composite and group bars.
  const float header_h = std::round(m.huge_size + m.small_size * 2.2f);
  Rect header = r.top(header_h);
  const float comp_w = std::max(text_width(f.fonts().huge, m.huge_size, "100.0"), m.u * 7.0f);
  text_line(f, header.left(comp_w).top(m.huge_size),
            index.composite ? format_number(*index.composite, 1) : "-", f.fonts().huge, p.accent.u32());
  text_block(
      f, Rect{ImVec2(header.min.x, header.min.y + m.huge_size), ImVec2(header.min.x + comp_w, header.max.y)},
      f.tr("index.composite"), f.fonts().small, p.text_muted.u32(), 2);
  audit_region(f, "index-composite", header.left(comp_w));
  Rect groups = header.cut_left(comp_w + m.pad);
  const float row_h = groups.h() / 5;
  for (std::size_t g = 0; g < index.groups.size(); ++g) {
    const auto& gs = index.groups[g];
    const Rect row = Rect::at(ImVec2(groups.min.x, groups.min.y + row_h * g), ImVec2(groups.w(), row_h));
    const float name_w = std::min(row.w() * 0.38f, m.u * 7.0f);
    text_line(f, row.left(name_w), group_name(f, gs.group), f.fonts().small, p.text.u32());
    const float value_w = text_width(f.fonts().small, m.small_size, "100.0") + m.gap;
    text_line(f, row.right(value_w), gs.score ? format_number(*gs.score, 1) : f.tr("index.no_data"),
              f.fonts().small, p.text.u32(), Align::right);
    const Rect bar = row.cut_left(name_w + m.gap).cut_right(value_w + m.gap).inset(0, row_h * 0.3f);
    fill_rect(canvas(), bar.min, bar.max, p.raised.u32(), bar.h() * 0.5f);
    if (gs.score) {
      fill_rect(canvas(), bar.min,
                ImVec2(bar.min.x + bar.w() * static_cast<float>(*gs.score / 100.0), bar.max.y),
                p.chart_line.u32(), bar.h() * 0.5f);
    }
    audit_region(f, "group:" + std::string(content::to_string(gs.group)), row);
  }
  r = r.cut_top(header_h + m.gap);

  // Selected indicator (default: the first) in a chart panel.
  const content::IndicatorProgress* selected = &all.front();
  for (const auto& pr : all) {
    if (pr.indicator->id == s.indicator_id) selected = &pr;
  }
  const Rect panel = m.portrait ? r.bottom(std::round(r.h() * 0.45f)) : r.right(std::round(r.w() * 0.46f));
  const Rect list_r = m.portrait ? r.cut_bottom(panel.h() + m.gap) : r.cut_right(panel.w() + m.pad);

  // The list of indicators, by group.
  // Room for a name of two lines above the numbers (title_text picks the font).
  const float item_h =
      std::round(std::max(m.touch * 1.2f, 1.6f * m.gap + two_line_title_height(m) + caption_height(m)));
  ScrollArea list =
      begin_scroll(f, "##indicators", list_r, false, (item_h + m.gap) * static_cast<float>(all.size()));
  // Every bar starts at the same x and has the same length, so bars compare down the list: the
  // numbers' column is as wide as the widest numbers (at most half the row).
  float numbers_w = 0;
  for (const auto& pr : all)
    numbers_w =
        std::max(numbers_w, text_width(f.fonts().small, m.small_size, value_and_target(f, pr)) + m.gap);
  numbers_w = std::min(numbers_w, (list_r.w() - 2 * m.pad) * 0.5f);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& pr = all[i];
    const content::Indicator& x = *pr.indicator;
    const Rect row =
        Rect::at(ImVec2(list.origin.x, list.origin.y + (item_h + m.gap) * i), ImVec2(list_r.w(), item_h));
    if (!list.visible(row.min.y - list.origin.y, row.max.y - list.origin.y)) continue;
    const bool is_selected = &pr == selected;
    ImGui::PushID(x.id.c_str());
    if (pressable(f, "##ind", row, is_selected ? p.raised.u32() : p.surface.u32(), p.surface_pressed.u32(),
                  m.radius)) {
      f.act(Action::Kind::select_indicator, x.id);
    }
    ImGui::PopID();
    if (is_selected) fill_rect(canvas(), row.min, ImVec2(row.min.x + 4, row.max.y), p.accent.u32(), 2);
    const Rect in = row.inset(m.pad, m.gap * 0.8f);
    const std::string pct =
        pr.progress ? format_number(*pr.progress * 100.0, 0) + "%" : f.tr("index.no_data");
    const float pct_w = text_width(f.fonts().body, m.body_size, "100%") + m.gap;
    const float numbers_h = caption_height(m);
    const Rect upper = in.cut_bottom(numbers_h);
    title_text(f, upper.cut_right(pct_w), f.text(x.name), p.text.u32());
    text_line(f, upper.right(pct_w), pct, f.fonts().body, p.text.u32(), Align::right);
    const Rect lower = in.bottom(numbers_h);
    text_line(f, lower.left(numbers_w), value_and_target(f, pr), f.fonts().small, p.text_muted.u32());
    progress_bar(f, lower.cut_left(numbers_w + m.gap), pr);
    audit_region(f, "indicator:" + x.id, row);
  }
  end_scroll(f, list);

  // Chart panel.
  fill_rect(canvas(), panel.min, panel.max, p.surface.u32(), m.radius);
  Rect pin = panel.inset(m.pad);
  const content::Indicator& x = *selected->indicator;
  const float name_h =
      text_block(f, pin.top(m.body_size * 2.6f), f.text(x.name), f.fonts().body, p.text.u32(), 2);
  pin = pin.cut_top(name_h + m.gap * 0.5f);
  std::string facts;
  if (x.baseline)
    facts += f.format("index.baseline",
                      {format_number(x.baseline->value, x.decimals), std::to_string(x.baseline->year)}) +
             "   ";
  if (selected->current)
    facts +=
        f.format("index.current", {format_number(*selected->current, x.decimals), selected->current_period}) +
        "   ";
  facts +=
      f.format("index.target", {format_number(x.target.value, x.decimals), std::to_string(x.target.year)});
  facts += "  (" + f.text(x.unit) + ")";
  const float facts_h = text_block(f, pin.top(m.small_size * 2.6f), facts, f.fonts().small, p.text.u32(), 2);
  pin = pin.cut_top(facts_h + m.gap * 0.5f);
  // The list's percentage, defined here once in words, and whether the plan's period is over.
  std::string measure;
  if (selected->progress) {
    const std::string pct = format_number(*selected->progress * 100.0, 0) + "%";
    measure = x.baseline ? f.format("index.progress_from_baseline",
                                    {pct, std::to_string(x.baseline->year), std::to_string(x.target.year)})
                         : f.format("index.progress_of_target", {pct, std::to_string(x.target.year)});
  }
  if (content::to_civil(f.now).year > x.target.year && selected->current) {
    // The plan's period starts after its baseline year; indicators without a baseline share it.
    int first = x.target.year;
    for (const auto& other : all) {
      if (other.indicator->baseline) first = std::min(first, other.indicator->baseline->year + 1);
    }
    measure += (measure.empty() ? "" : f.tr("index.separator")) +
               f.format("index.plan_over",
                        {std::to_string(first), std::to_string(x.target.year), selected->current_period});
  }
  if (!measure.empty()) {
    const float measure_h =
        text_block(f, pin.top(m.small_size * 2.6f), measure, f.fonts().small, p.text_muted.u32(), 2);
    pin = pin.cut_top(measure_h + m.gap * 0.5f);
  }
  const float source_h = m.small_size * 1.25f * 3;
  const Rect chart_r = pin.cut_bottom(source_h + m.small_size * 1.8f + m.gap);
  ChartInput in;
  for (const auto& pt : x.series) {
    try {
      in.series.push_back(ChartPoint{std::stoi(pt.period), pt.value, pt.sample});
    } catch (...) {
      // validated content only has year periods; anything else is skipped rather than crash
    }
  }
  if (x.baseline) in.baseline = ChartPoint{x.baseline->year, x.baseline->value, false};
  in.target = ChartPoint{x.target.year, x.target.value, false};
  draw_chart(f, chart_r, in, x.decimals);
  // Legend, in words: dashed target, hollow sample points.
  Rect legend = Rect{ImVec2(pin.min.x, chart_r.max.y + m.gap * 0.5f),
                     ImVec2(pin.max.x, chart_r.max.y + m.gap * 0.5f + m.small_size * 1.5f)};
  const bool any_sample =
      std::any_of(x.series.begin(), x.series.end(), [](const auto& pt) { return pt.sample; });
  std::string legend_text = f.tr("index.legend_target");
  if (any_sample) legend_text += "   " + f.tr("index.legend_sample");
  text_line(f, legend, legend_text, f.fonts().small, p.chart_target.u32());
  text_block(f, pin.bottom(source_h), f.tr("index.source") + " " + f.text(x.source), f.fonts().small,
             p.text_muted.u32(), 3);
  audit_region(f, "index-panel:" + x.id, panel);
}

}  // namespace kiosk::ui
