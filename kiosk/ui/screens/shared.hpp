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

// A label / value line in a detail view; returns the height used (value wraps).
float fact_row(FrameContext& f, const Rect& r, const std::string& label, const std::string& value);

std::string status_label(FrameContext& f, const content::Event& e);  // "" when scheduled
ImU32 event_status_colour(FrameContext& f, content::EventStatus s);

// A poster or photo, letterboxed into r; a calm placeholder while it loads.
void image_box(FrameContext& f, const Rect& r, const std::string& image_name);

}  // namespace kiosk::ui
