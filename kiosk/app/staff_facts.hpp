#pragma once
// The rows of the staff overlay that the app knows and the UI does not: the board (model,
// temperature, power, storage, memory, uptime, addresses), the clock's trust, the screen's power,
// safe mode, the kiosk's id and build. Values are numbers or i18n keys, so staff read them in the
// overlay's language.
#include <string>
#include <vector>

#include "kiosk/app/display_control.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "platform/clock.hpp"
#include "platform/device_facts.hpp"
#include "sync/fleet/fleet_agent.hpp"
#include "sync/service/content_service.hpp"

namespace kiosk::app {

struct StaffFactsInput {
  std::string kiosk_id;
  std::string display;   // resolution, driver, presenter
  std::string renderer;  // which presenter and why (measured, or forced)
  DisplayControl::State screen;
  std::string build;
  std::string safe_mode;  // "" or why and what is shown instead
  platform::ClockReading clock;
  platform::DeviceFacts device;
  std::optional<fleet::AgentStatus> console;  // nullopt: no console configured
  std::vector<std::string> config_problems;   // what was wrong with kiosk.json (defaults were used)
};

ui::StaffFacts make_staff_facts(const StaffFactsInput& in);

// The sync state as the home badge and the staff overlay show it.
ui::SyncView sync_view_of(const sync::ContentService& content, bool clock_trusted, bool safe_mode);

}  // namespace kiosk::app
