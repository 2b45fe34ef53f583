#include "sync/content/snapshot.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "sync/content/search_text.hpp"

namespace kiosk::content {
namespace {

// "A-2" before "A-10": labels compare digit runs by value.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = a[i] >= '0' && a[i] <= '9';
    const bool db = b[j] >= '0' && b[j] <= '9';
    if (da && db) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && a[ei] >= '0' && a[ei] <= '9') ++ei;
      while (ej < b.size() && b[ej] >= '0' && b[ej] <= '9') ++ej;
      const auto na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      const auto ta = na.substr(std::min(na.find_first_not_of('0'), na.size()));
      const auto tb = nb.substr(std::min(nb.find_first_not_of('0'), nb.size()));
      if (ta.size() != tb.size()) return ta.size() < tb.size();
      if (ta != tb) return ta < tb;
      i = ei, j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i, ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

bool listed_for(const std::vector<std::string>& kiosk_ids, const std::string& kiosk_id) {
  return kiosk_ids.empty() || std::find(kiosk_ids.begin(), kiosk_ids.end(), kiosk_id) != kiosk_ids.end();
}

void count(DeskCounts& c, DeskStatus s) {
  ++c.by_status[static_cast<std::size_t>(s)];
  ++c.total;
}

template <class T>
std::unordered_map<std::string, std::size_t> index_by_id(const std::vector<T>& items) {
  std::unordered_map<std::string, std::size_t> out;
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) out.emplace(items[i].id, i);
  return out;
}

}  // namespace

std::shared_ptr<const ContentSnapshot> ContentSnapshot::build(Content content, VersionInfo version,
                                                              std::filesystem::path blob_dir) {
  std::shared_ptr<ContentSnapshot> s(new ContentSnapshot());
  s->content_ = std::move(content);
  s->version_ = std::move(version);
  s->blob_dir_ = std::move(blob_dir);
  const Content& c = s->content_;

  s->events_by_start_.reserve(c.events.size());
  for (const auto& e : c.events) s->events_by_start_.push_back(&e);
  std::sort(s->events_by_start_.begin(), s->events_by_start_.end(), [](const Event* a, const Event* b) {
    return a->start != b->start ? a->start < b->start : a->id < b->id;
  });

  for (const auto& r : c.resources) s->resource_search_.add_item(r);

  s->event_index_ = index_by_id(c.events);
  s->resource_index_ = index_by_id(c.resources);
  s->space_index_ = index_by_id(c.spaces);
  s->desk_index_ = index_by_id(c.desks);
  for (std::size_t i = 0; i < c.images.size(); ++i) s->image_index_.emplace(c.images[i].name, i);
  s->index_ = compute_index(c.indicators);
  return s;
}

bool ContentSnapshot::is_sample() const {
  if (content_.meta.sample) return true;
  const auto any = [](const auto& items) {
    return std::any_of(items.begin(), items.end(), [](const auto& x) { return x.sample; });
  };
  return any(content_.spaces) || any(content_.events) || any(content_.desks) || any(content_.resources);
}

const Space* ContentSnapshot::space(const std::string& id) const {
  auto it = space_index_.find(id);
  return it == space_index_.end() ? nullptr : &content_.spaces[it->second];
}

const Space* ContentSnapshot::home_space(const std::string& kiosk_id) const {
  for (const auto& s : content_.spaces) {
    if (std::find(s.kiosk_ids.begin(), s.kiosk_ids.end(), kiosk_id) != s.kiosk_ids.end()) return &s;
  }
  return content_.spaces.empty() ? nullptr : &content_.spaces.front();
}

std::vector<const Event*> ContentSnapshot::upcoming_events(UnixSeconds now, const EventFilter& f) const {
  std::vector<const Event*> out;
  for (const Event* e : events_by_start_) {
    if (e->end <= now) continue;
    if (f.category && e->category != *f.category) continue;
    if (f.space_id && e->space_id != *f.space_id) continue;
    if (f.local_day) {
      if (local_day(e->start) > *f.local_day || local_day(e->end - 1) < *f.local_day) continue;
    }
    out.push_back(e);
  }
  return out;
}

std::vector<EventDay> ContentSnapshot::upcoming_by_day(UnixSeconds now, const EventFilter& f) const {
  std::map<std::int64_t, std::vector<const Event*>> by_day;
  const std::int64_t today = local_day(now);
  for (const Event* e : upcoming_events(now, f)) {
    // A multi-day event that started earlier is listed under today.
    by_day[std::max(local_day(e->start), today)].push_back(e);
  }
  std::vector<EventDay> days;
  days.reserve(by_day.size());
  for (auto& [day, events] : by_day) days.push_back(EventDay{day, std::move(events)});
  return days;
}

int ContentSnapshot::events_today(UnixSeconds now) const {
  EventFilter f;
  f.local_day = local_day(now);
  const auto today = upcoming_events(now, f);
  return static_cast<int>(std::count_if(today.begin(), today.end(),
                                        [](const Event* e) { return e->status != EventStatus::cancelled; }));
}

const Event* ContentSnapshot::event(const std::string& id) const {
  auto it = event_index_.find(id);
  return it == event_index_.end() ? nullptr : &content_.events[it->second];
}

const Desk* ContentSnapshot::desk(const std::string& id) const {
  auto it = desk_index_.find(id);
  return it == desk_index_.end() ? nullptr : &content_.desks[it->second];
}

void PriceRange::add(const Desk& d) {
  const auto widen = [](int price, int& lo, int& hi) {
    if (price <= 0) return;
    lo = lo == 0 ? price : std::min(lo, price);
    hi = std::max(hi, price);
  };
  widen(d.price_day, day_min, day_max);
  widen(d.price_month, month_min, month_max);
}

EventPhase event_phase(const Event& e, UnixSeconds now) {
  if (now >= e.end) return EventPhase::ended;
  if (now >= e.start) return EventPhase::running;
  if (now >= e.start - kSoonBefore) return EventPhase::soon;
  return EventPhase::upcoming;
}

bool event_has_places(const Event& e) {
  if (e.status == EventStatus::cancelled || e.status == EventStatus::full) return false;
  return e.capacity == 0 || e.registered < e.capacity;
}

DeskStatus ContentSnapshot::effective_status(const Desk& d, UnixSeconds now) {
  const UnixSeconds age = now - d.status_at;
  // Too old, or from the future beyond the allowed age (clocks disagree): nobody knows. Never "free".
  if (age > d.max_age_s || age < -static_cast<UnixSeconds>(d.max_age_s)) return DeskStatus::unknown;
  return d.status;
}

SpaceDesks ContentSnapshot::desks_in_space(const std::string& space_id, UnixSeconds now) const {
  SpaceDesks out;
  out.space = space(space_id);
  for (const auto& d : content_.desks) {
    if (d.space_id != space_id) continue;
    auto zone =
        std::find_if(out.zones.begin(), out.zones.end(), [&](const DeskZone& z) { return z.zone == d.zone; });
    if (zone == out.zones.end()) {
      out.zones.push_back(DeskZone{d.zone, {}, {}});
      zone = out.zones.end() - 1;
    }
    const DeskStatus status = effective_status(d, now);
    zone->desks.push_back(DeskInZone{&d, status});
    count(zone->counts, status);
    count(out.counts, status);
    count(out.by_kind[static_cast<std::size_t>(d.kind)], status);
    out.prices[static_cast<std::size_t>(d.kind)].add(d);
  }
  for (auto& z : out.zones) {
    std::sort(z.desks.begin(), z.desks.end(), [](const DeskInZone& a, const DeskInZone& b) {
      return natural_less(a.desk->label, b.desk->label);
    });
  }
  // Zone names do not sort ("一层" > "三层" by code point); their desks' labels do.
  std::sort(out.zones.begin(), out.zones.end(), [](const DeskZone& a, const DeskZone& b) {
    return natural_less(a.desks.front().desk->label, b.desks.front().desk->label);
  });
  return out;
}

DeskCounts ContentSnapshot::desk_counts(UnixSeconds now) const {
  DeskCounts c;
  for (const auto& d : content_.desks) count(c, effective_status(d, now));
  return c;
}

std::vector<const Resource*> ContentSnapshot::resources(const ResourceFilter& f) const {
  return resources_and_candidates(f, false).rows;
}

ResourceResults ContentSnapshot::resources_and_candidates(const ResourceFilter& f) const {
  return resources_and_candidates(f, true);
}

ResourceResults ContentSnapshot::resources_and_candidates(const ResourceFilter& f,
                                                          bool with_candidates) const {
  const auto wanted = [&](const Resource& r) {
    return (!f.category || r.category == *f.category) && (!f.voucher_only || r.voucher_eligible);
  };
  ResourceResults out;
  if (search_terms(f.query).empty()) {
    for (const auto& r : content_.resources)
      if (wanted(r)) out.rows.push_back(&r);
    return out;
  }
  const std::vector<SearchHit> hits = resource_search_.find(f.query);
  for (const SearchHit& hit : hits) {
    const Resource& r = content_.resources[hit.index];
    if (wanted(r)) out.rows.push_back(&r);
  }
  if (with_candidates) out.candidates = resource_search_.candidates(f.query, hits);
  return out;
}

std::vector<Found> ContentSnapshot::search(std::string_view query, UnixSeconds now, std::size_t limit) const {
  std::vector<Found> out;
  // Events are searched by kioskctl only (no kiosk screen has an event search), so their index is
  // built on first use rather than with every snapshot: half the build time of a large directory.
  std::call_once(event_search_built_, [this] {
    for (const auto& e : content_.events) event_search_.add_item(e);
  });
  for (const SearchHit& hit : event_search_.find(query)) {
    const Event& e = content_.events[hit.index];
    if (e.end > now) out.push_back(Found{&e, nullptr, hit.score});
  }
  for (const SearchHit& hit : resource_search_.find(query))
    out.push_back(Found{nullptr, &content_.resources[hit.index], hit.score});
  std::stable_sort(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.score > b.score; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

const Resource* ContentSnapshot::resource(const std::string& id) const {
  auto it = resource_index_.find(id);
  return it == resource_index_.end() ? nullptr : &content_.resources[it->second];
}

std::vector<IndicatorProgress> ContentSnapshot::indicators(std::optional<IndicatorGroup> group) const {
  std::vector<IndicatorProgress> out;
  for (const auto& x : content_.indicators) {
    if (group && x.group != *group) continue;
    out.push_back(measure(x));
  }
  return out;
}

std::vector<const Notice*> ContentSnapshot::active_notices(UnixSeconds now,
                                                           const std::string& kiosk_id) const {
  std::vector<const Notice*> out;
  for (const auto& n : content_.notices) {
    if (n.starts <= now && now < n.ends && listed_for(n.kiosk_ids, kiosk_id)) out.push_back(&n);
  }
  std::sort(out.begin(), out.end(), [](const Notice* a, const Notice* b) {
    if (a->priority != b->priority) return a->priority == NoticePriority::urgent;
    return a->starts != b->starts ? a->starts < b->starts : a->id < b->id;
  });
  return out;
}

const ImageRef* ContentSnapshot::image(const std::string& name) const {
  auto it = image_index_.find(name);
  return it == image_index_.end() ? nullptr : &content_.images[it->second];
}

std::filesystem::path ContentSnapshot::image_file(const std::string& name) const {
  const ImageRef* ref = image(name);
  if (ref == nullptr || blob_dir_.empty()) return {};
  return blob_dir_ / ref->sha256;
}

UnixSeconds ContentSnapshot::next_change_after(UnixSeconds now) const {
  UnixSeconds next = start_of_local_day(now) + kSecondsPerDay;  // midnight: "today" changes
  const auto consider = [&](UnixSeconds t) {
    if (t > now && t < next) next = t;
  };
  for (const auto& e : content_.events) {
    consider(e.start - kSoonBefore);
    consider(e.start);
    consider(e.end);
  }
  for (const auto& n : content_.notices) {
    consider(n.starts);
    consider(n.ends);
  }
  for (const auto& d : content_.desks) {
    consider(d.status_at + d.max_age_s + 1);
    consider(d.status_at - d.max_age_s);
  }
  return next;
}

}  // namespace kiosk::content
