#pragma once
// Pieces more than one screen draws: chip rows, back headers, fact rows, status words.
#include <string>
#include <utility>
#include <vector>

#include "kiosk/ui/screens/screens.hpp"

namespace kiosk::ui {

// A row of filter chips that scrolls sideways when it does not fit. `selected` is the value of the
// selected chip; a tap emits `kind` with the chip's value.
void chip_row(FrameContext& f, const char* id, const Rect& r,
              const std::vector<std::pair<std::string, int>>& chips, int selected, Action::Kind kind);
// Same, for chips identified by string ids.
void chip_row_ids(FrameContext& f, const char* id, const Rect& r,
                  const std::vector<std::pair<std::string, std::string>>& chips, const std::string& selected,
                  Action::Kind kind);

// "← Back" plus a title; returns the rest of the area.
Rect back_header(FrameContext& f, const Rect& area, const std::string& title);

// A label / value line in a detail view at `at`, `width` wide; returns the height used (the value
// wraps to three lines). An empty value draws nothing.
float fact_row(FrameContext& f, ImVec2 at, float width, const std::string& label, const std::string& value);
// The "space" fact of a detail view, drawn as a button that opens the space's own page (address,
// hours, map code). Returns its height.
float space_link_row(FrameContext& f, ImVec2 at, float width, const std::string& label,
                     const content::Space& space);

// A detail view's two columns: the text (`main`) and a QR code with its caption, on the right in
// landscape or as a band at the bottom in portrait.
struct DetailColumns {
  Rect main, qr_area;
  float qr_side = 0;
};
DetailColumns detail_columns(FrameContext& f, const Rect& r);
void detail_qr(FrameContext& f, const DetailColumns& c, const std::string& url, const std::string& caption);
// Where the code would be when there is none to scan: says why, so nobody looks for it.
void detail_no_qr(FrameContext& f, const DetailColumns& c, const std::string& why, std::string audit_name);

// What a visitor must know about an event before going: cancelled, changed, on now, full, starting
// soon; the most important one only. Empty text when none applies.
struct EventBadge {
  std::string text;
  ImU32 colour = 0;
};
EventBadge event_badge(FrameContext& f, const content::Event& e);

// Where something is, for a stranger: the space this kiosk stands in is "here" (本空间); any other
// space is named with its address.
bool is_here(FrameContext& f, const std::string& space_id);
std::string space_and_address(FrameContext& f, const content::Space& space);
// One line for lists: "二层 会议室 · 本空间" or "一层 路演厅 · 亚历山大科学孵化器".
std::string venue_line(FrameContext& f, const content::LocalText& venue, const std::string& space_id);

// A poster or photo, letterboxed into r; a calm placeholder while it loads.
void image_box(FrameContext& f, const Rect& r, const std::string& image_name);

}  // namespace kiosk::ui
