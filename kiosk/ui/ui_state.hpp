#pragma once
// Everything the visitor changed: which screen, filters, search text, language, selections. Reset to
// defaults by the idle timeout (attract mode), so the next visitor starts fresh.
#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/actions.hpp"
#include "sync/content/model.hpp"

namespace kiosk::ui {

struct StaffState {
  bool pin_pad = false;   // asking for the PIN
  bool unlocked = false;  // overlay open
  std::string digits;
  int failures = 0;
  double locked_until = 0;  // monotonic seconds; wrong PINs lock the pad for longer each time
  std::string message_key;  // i18n key of the last message ("staff.wrong_pin" ...)
  bool pairing = false;     // typing a console pairing code
  std::string pair_code;
};

struct UiState {
  Screen screen = Screen::home;
  // Where "back" goes: the screens each open detail view was opened from, latest last. A section
  // chosen in the navigation starts afresh. Bounded (kMaxHistory): the oldest steps are forgotten.
  std::vector<Screen> history;
  static constexpr std::size_t kMaxHistory = 8;
  content::Lang lang = content::Lang::zh;

  std::optional<content::EventCategory> event_category;
  std::string event_id;

  std::string desk_space;  // empty: the kiosk's own space
  std::string desk_id;
  std::string space_id;  // the space page open

  std::optional<content::ResourceCategory> resource_category;
  std::string search;
  bool voucher_only = false;
  bool keyboard_open = false;
  std::string resource_id;

  std::string indicator_id;

  std::string notice_id;

  StaffState staff;

  int attract_slide = 0;
};

}  // namespace kiosk::ui
