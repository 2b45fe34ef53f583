#pragma once
// Demo content is written as if "today" were its sample anchor; this moves it to the real today so
// the demo always shows upcoming events and fresh desk statuses. Real content has no anchor and is
// never touched.
#include "sync/content/model.hpp"

namespace kiosk::content {

// Calendar times (events, notices, desk `until`) move by whole days, keeping their time of day;
// desk status times move by the exact distance between the anchor and `now`, so "10 minutes ago"
// stays 10 minutes ago. Returns false (and changes nothing) when the content is not sample content.
bool rebase_sample_content(Content& content, UnixSeconds now);

}  // namespace kiosk::content
