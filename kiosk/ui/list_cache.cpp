#include "kiosk/ui/list_cache.hpp"

#include <algorithm>

namespace kiosk::ui {
using namespace content;

const std::vector<EventRow>& ListCache::events(const ContentSnapshot& snap, UnixSeconds now,
                                               std::optional<EventCategory> category) {
  const UnixSeconds minute = now / 60;
  if (event_snap_ == &snap && event_minute_ == minute && event_category_ == category) return event_rows_;
  event_snap_ = &snap;
  event_minute_ = minute;
  event_category_ = category;
  event_rows_.clear();
  event_tops_.clear();
  EventFilter filter;
  filter.category = category;
  for (const auto& day : snap.upcoming_by_day(now, filter)) {
    event_rows_.push_back(EventRow{true, day.local_day, nullptr});
    for (const Event* e : day.events) event_rows_.push_back(EventRow{false, day.local_day, e});
  }
  return event_rows_;
}

const std::vector<float>& ListCache::event_tops(float header_h, float row_h) {
  if (!event_tops_.empty() && header_h == tops_header_h_ && row_h == tops_row_h_) return event_tops_;
  tops_header_h_ = header_h;
  tops_row_h_ = row_h;
  event_tops_.clear();
  event_tops_.reserve(event_rows_.size() + 1);
  float y = 0;
  for (const auto& row : event_rows_) {
    event_tops_.push_back(y);
    y += row.header ? header_h : row_h;
  }
  event_tops_.push_back(y);
  return event_tops_;
}

const content::ResourceResults& ListCache::resources(const ContentSnapshot& snap,
                                                     const ResourceFilter& filter) {
  if (resource_valid_ && resource_snap_ == &snap && resource_filter_.category == filter.category &&
      resource_filter_.query == filter.query && resource_filter_.voucher_only == filter.voucher_only) {
    return resource_results_;
  }
  resource_snap_ = &snap;
  resource_filter_ = filter;
  resource_valid_ = true;
  resource_results_ = snap.resources_and_candidates(filter);
  return resource_results_;
}

std::pair<std::size_t, std::size_t> visible_rows(const std::vector<float>& tops, float view_top,
                                                 float view_bottom) {
  if (tops.size() < 2) return {0, 0};
  const std::size_t rows = tops.size() - 1;
  // first row whose bottom is below the view top
  auto first = std::upper_bound(tops.begin() + 1, tops.end(), view_top) - (tops.begin() + 1);
  auto last = std::lower_bound(tops.begin(), tops.end() - 1, view_bottom) - tops.begin();
  return {std::min<std::size_t>(static_cast<std::size_t>(first), rows),
          std::min<std::size_t>(static_cast<std::size_t>(last), rows)};
}

}  // namespace kiosk::ui
