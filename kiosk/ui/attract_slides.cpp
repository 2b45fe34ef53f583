#include "kiosk/ui/attract_slides.hpp"

#include <algorithm>

namespace kiosk::ui {

std::vector<AttractSlide> attract_slides(const content::ContentSnapshot& snap, content::UnixSeconds now,
                                         const std::string& kiosk_id) {
  using Kind = AttractSlide::Kind;
  std::vector<AttractSlide> slides{{Kind::welcome, {}}};

  // Events a visitor could still join, soonest first; those with a poster are the better invitation,
  // so they fill the places first and the rest follow in time order.
  std::vector<const content::Event*> events;
  for (const content::Event* e : snap.upcoming_events(now)) {
    if (e->start - now > kAttractHorizon) break;
    if (content::event_has_places(*e)) events.push_back(e);
  }
  std::stable_partition(events.begin(), events.end(),
                        [](const content::Event* e) { return !e->poster.empty(); });
  if (events.size() > kAttractEvents) events.resize(kAttractEvents);
  std::stable_sort(events.begin(), events.end(),
                   [](const content::Event* a, const content::Event* b) { return a->start < b->start; });
  for (const content::Event* e : events) slides.push_back({Kind::event, e->id});

  // Free desks are an invitation; none free (or none known: statuses gone stale) is not.
  if (const content::Space* here = snap.home_space(kiosk_id);
      here != nullptr && snap.desks_in_space(here->id, now).counts.count(content::DeskStatus::free) > 0) {
    slides.push_back({Kind::desks, {}});
  }

  // Resources in the staff's order: voucher-eligible ones with a photo, then any with a photo.
  std::vector<const content::Resource*> featured;
  for (const auto& r : snap.content().resources) {
    if (!r.image.empty()) featured.push_back(&r);
  }
  std::stable_partition(featured.begin(), featured.end(),
                        [](const content::Resource* r) { return r->voucher_eligible; });
  for (std::size_t i = 0; i < featured.size() && i < kAttractResources; ++i)
    slides.push_back({Kind::resource, featured[i]->id});
  return slides;
}

}  // namespace kiosk::ui
