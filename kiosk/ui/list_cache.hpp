#pragma once
// Long lists are computed once per change, not once per frame: 10,000 events must cost a frame no
// more than 200 do. Rows are then drawn only where they are visible (a clipper that allows rows of
// different heights, which ImGuiListClipper in 1.86 does not).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sync/content/snapshot.hpp"

namespace kiosk::ui {

struct EventRow {
  bool header = false;
  std::int64_t day = 0;
  const content::Event* event = nullptr;
};

class ListCache {
 public:
  const std::vector<EventRow>& events(const content::ContentSnapshot& snap, content::UnixSeconds now,
                                      std::optional<content::EventCategory> category);
  // Cumulative row tops for the event rows last returned (headers and cards differ in height), and
  // the total at the end. Cached too: 10,000 rows must not be summed every frame.
  const std::vector<float>& event_tops(float header_h, float row_h);
  // The resources the filter shows and the keyboard's candidate words, from one search per change.
  const content::ResourceResults& resources(const content::ContentSnapshot& snap,
                                            const content::ResourceFilter& filter);
  // Called when a new snapshot arrives: a new one may reuse the old one's address.
  void clear() {
    event_snap_ = nullptr;
    event_tops_.clear();
    resource_valid_ = false;
  }

 private:
  const void* event_snap_ = nullptr;
  content::UnixSeconds event_minute_ = -1;
  std::optional<content::EventCategory> event_category_;
  std::vector<EventRow> event_rows_;
  std::vector<float> event_tops_;
  float tops_header_h_ = -1, tops_row_h_ = -1;

  const void* resource_snap_ = nullptr;
  content::ResourceFilter resource_filter_;
  bool resource_valid_ = false;
  content::ResourceResults resource_results_;
};

// Visible index range [first, last) of rows with the given cumulative tops (tops.back() = total).
std::pair<std::size_t, std::size_t> visible_rows(const std::vector<float>& tops, float view_top,
                                                 float view_bottom);

}  // namespace kiosk::ui
