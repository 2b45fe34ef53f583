#pragma once
// One function per screen: a function of (snapshot, UI state) that draws into `area` and returns
// its wishes as actions in the frame context. None of them change state directly.
#include "kiosk/ui/frame_context.hpp"
#include "kiosk/ui/ui_state.hpp"
#include "kiosk/ui/widgets.hpp"

namespace kiosk::ui {

class ListCache;

void draw_home(FrameContext& f, const UiState& s, const Rect& area);
void draw_events(FrameContext& f, const UiState& s, const Rect& area, ListCache& cache);
void draw_event_detail(FrameContext& f, const UiState& s, const Rect& area);
void draw_notice_detail(FrameContext& f, const UiState& s, const Rect& area);
void draw_desks(FrameContext& f, const UiState& s, const Rect& area);
void draw_desk_detail(FrameContext& f, const UiState& s, const Rect& area);
void draw_space_detail(FrameContext& f, const UiState& s, const Rect& area);
void draw_resources(FrameContext& f, const UiState& s, const Rect& area, ListCache& cache);
void draw_resource_detail(FrameContext& f, const UiState& s, const Rect& area);
void draw_index(FrameContext& f, const UiState& s, const Rect& area);
void draw_attract(FrameContext& f, const UiState& s, const Rect& area, ListCache& cache);

// The chrome around every screen: top bar (space, clock, language, sync badge) and navigation.
struct ChromeLayout {
  Rect top_bar, nav, content;
  Rect clock;  // redrawn alone when only the seconds change
  Rect staff_corner;
};
ChromeLayout layout_chrome(const Metrics& m);
void draw_chrome(FrameContext& f, const UiState& s, const ChromeLayout& layout, bool with_nav);
void draw_urgent_notice(FrameContext& f, const content::Notice& n, const Rect& area);

// Staff overlay: PIN pad, then facts and buttons.
struct StaffFacts {
  struct Row {
    std::string label;      // i18n key
    std::string value;      // shown as it is (versions, sizes, addresses) ...
    std::string value_key;  // ... or, when set, this i18n key formatted with `args`
    std::vector<std::string> args;
    bool warning = false;  // drawn in the warning colour
    // ... or, when set, each of these i18n keys formatted with its args, in a list
    std::vector<std::pair<std::string, std::vector<std::string>>> parts;
  };
  std::vector<Row> rows;
  bool console_configured = false;  // offer "Pair with console"
};
void draw_staff(FrameContext& f, const UiState& s, const Rect& area, const StaffFacts& facts,
                double now_mono);

// The on-screen keyboard for the resource search (Latin letters and digits).
void draw_keyboard(FrameContext& f, const Rect& area);
float keyboard_height(const Metrics& m);

}  // namespace kiosk::ui
