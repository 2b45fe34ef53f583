#pragma once
// What a screen asks for. Screens only read the snapshot and the UI state; everything they want to
// change comes back as an Action that KioskUi applies after the frame (so a screen is a function of
// (snapshot, state) and scripted touch tests can assert the resulting state).
#include <string>
#include <vector>

namespace kiosk::ui {

enum class Screen {
  home,
  events,
  event_detail,
  desks,
  resources,
  resource_detail,
  index,
  attract,
  notice_detail,
  desk_detail,
  space_detail
};

struct Action {
  enum class Kind {
    navigate,       // value = Screen
    open_event,     // id
    open_resource,  // id
    open_notice,    // id
    open_desk,      // id
    open_space,     // id
    back,
    toggle_language,
    event_category,     // value = category index, -1 = all
    desk_space,         // id
    resource_category,  // value = category index, -1 = all
    toggle_voucher,
    keyboard_open,
    keyboard_close,
    key,  // id = the character(s) typed
    key_backspace,
    key_clear,
    key_candidate,     // id = a Chinese word that replaces the pinyin being typed
    select_indicator,  // id
    staff_digit,       // value = 0..9
    staff_clear,
    staff_submit,
    staff_close,
    staff_pair_open,
    staff_pair_key,  // id = the character
    staff_pair_backspace,
    staff_pair_clear,
    staff_pair_submit,
    staff_pair_cancel,
    sync_now,
    exit_app,
  };
  Kind kind;
  std::string id;
  int value = 0;
};

using Actions = std::vector<Action>;

}  // namespace kiosk::ui
