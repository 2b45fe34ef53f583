#pragma once
// What attract mode shows, in order: a welcome to this space, the next events a visitor can still go
// to (poster first), this space's free desks (when some are free), and resources worth a walk
// (vouchers accepted, with a photo). Chosen from the content alone, so a test can ask what a lobby will show
// tonight.
#include <string>
#include <vector>

#include "sync/content/snapshot.hpp"

namespace kiosk::ui {

struct AttractSlide {
  enum class Kind { welcome, event, desks, resource };
  Kind kind = Kind::welcome;
  std::string id;  // the event's or resource's id; empty for welcome and desks
};

inline constexpr std::size_t kAttractEvents = 4;
inline constexpr std::size_t kAttractResources = 2;
inline constexpr content::UnixSeconds kAttractHorizon = 14 * 86400;  // events starting within two weeks

std::vector<AttractSlide> attract_slides(const content::ContentSnapshot& snap, content::UnixSeconds now,
                                         const std::string& kiosk_id);

}  // namespace kiosk::ui
