#pragma once
// An immutable view of one content version, built after each change and handed to the UI thread
// as shared_ptr<const ContentSnapshot>: drawing a frame never touches SQLite, the disk or the
// network. Every query a screen needs is here, answered from memory.
#include <array>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sync/content/innovation_index.hpp"
#include "sync/content/model.hpp"
#include "sync/content/search_index.hpp"

namespace kiosk::content {

// Which content version this is and where it came from.
struct VersionInfo {
  std::int64_t version = 0;  // feed version; 0 for the shipped baseline
  std::string origin;        // "baseline", "import", "feed", "demo"
  UnixSeconds published_at = 0;
  UnixSeconds applied_at = 0;
  std::string manifest_sha256;  // empty unless it came from a feed
  bool operator==(const VersionInfo&) const = default;
};

struct EventFilter {
  std::optional<EventCategory> category;
  std::optional<std::string> space_id;
  std::optional<std::int64_t> local_day;  // only events overlapping this local day
};

struct EventDay {
  std::int64_t local_day = 0;
  std::vector<const Event*> events;  // by start time
};

struct DeskCounts {
  std::array<int, enum_count<DeskStatus>()> by_status{};
  int total = 0;
  int count(DeskStatus s) const { return by_status[static_cast<std::size_t>(s)]; }
};

struct DeskInZone {
  const Desk* desk = nullptr;
  DeskStatus status = DeskStatus::unknown;  // effective: stale statuses are unknown
};

struct DeskZone {
  LocalText zone;
  std::vector<DeskInZone> desks;  // by label
  DeskCounts counts;
};

// The stated prices of a group of desks, in whole yuan (0 where no desk states one).
struct PriceRange {
  int day_min = 0, day_max = 0, month_min = 0, month_max = 0;
  bool stated() const { return day_min > 0 || month_min > 0; }
  void add(const Desk& d);
};

struct SpaceDesks {
  const Space* space = nullptr;
  std::vector<DeskZone> zones;
  DeskCounts counts;
  std::array<DeskCounts, enum_count<DeskKind>()> by_kind{};
  std::array<PriceRange, enum_count<DeskKind>()> prices{};
};

// Where an event stands in time, as a visitor needs to know it. `soon` is within kSoonBefore of
// the start; the UI wakes at each boundary (next_change_after).
enum class EventPhase : std::uint8_t { upcoming, soon, running, ended };
inline constexpr UnixSeconds kSoonBefore = 30 * 60;
EventPhase event_phase(const Event& e, UnixSeconds now);
// Whether a visitor can still sign up: not cancelled, not marked full, places left.
bool event_has_places(const Event& e);

struct ResourceFilter {
  std::optional<ResourceCategory> category;
  std::string query;  // what a visitor typed: Chinese, pinyin, English (search_index.hpp)
  bool voucher_only = false;
};

// The resources a visitor's filter shows, and the Chinese words the keyboard offers for the pinyin
// being typed, from one search.
struct ResourceResults {
  std::vector<const Resource*> rows;
  std::vector<std::string> candidates;
};

// One item found by search(): an event or a resource.
struct Found {
  const Event* event = nullptr;
  const Resource* resource = nullptr;
  int score = 0;
};

class ContentSnapshot {
 public:
  static std::shared_ptr<const ContentSnapshot> build(Content content, VersionInfo version,
                                                      std::filesystem::path blob_dir = {});

  const Content& content() const { return content_; }
  const VersionInfo& version() const { return version_; }
  bool is_sample() const;  // anything invented on display?

  const Space* space(const std::string& id) const;
  // The space a kiosk stands in (its id is listed in the space's kiosk_ids), else the first space.
  const Space* home_space(const std::string& kiosk_id) const;

  // Events that have not ended at `now`, by start time.
  std::vector<const Event*> upcoming_events(UnixSeconds now, const EventFilter& filter = {}) const;
  std::vector<EventDay> upcoming_by_day(UnixSeconds now, const EventFilter& filter = {}) const;
  int events_today(UnixSeconds now) const;  // not cancelled, overlapping today, not yet ended
  const Event* event(const std::string& id) const;

  static DeskStatus effective_status(const Desk& desk, UnixSeconds now);
  const Desk* desk(const std::string& id) const;
  SpaceDesks desks_in_space(const std::string& space_id, UnixSeconds now) const;
  DeskCounts desk_counts(UnixSeconds now) const;  // every space

  // In the staff's order, or best match first when the filter has a query.
  std::vector<const Resource*> resources(const ResourceFilter& filter) const;
  // The same rows, and the Chinese words of the resources that the pinyin being typed spells (the
  // keyboard's candidates), from one search.
  ResourceResults resources_and_candidates(const ResourceFilter& filter) const;
  // Events (not ended at `now`) and resources matching `query`, best first: kioskctl's search.
  std::vector<Found> search(std::string_view query, UnixSeconds now, std::size_t limit) const;
  bool pinyin_available() const { return resource_search_.pinyin_available(); }
  const Resource* resource(const std::string& id) const;

  const IndexScores& index() const { return index_; }
  std::vector<IndicatorProgress> indicators(std::optional<IndicatorGroup> group = {}) const;

  // Active at `now` for this kiosk; urgent first, then by start.
  std::vector<const Notice*> active_notices(UnixSeconds now, const std::string& kiosk_id) const;

  const ImageRef* image(const std::string& name) const;
  // Where the image's verified bytes live (blob_dir/<sha256>); empty if unknown.
  std::filesystem::path image_file(const std::string& name) const;

  // The next instant after `now` at which some time-based answer above changes (an event ends, a
  // notice starts or ends, a desk status goes stale, a new day begins). The UI sleeps until then.
  UnixSeconds next_change_after(UnixSeconds now) const;

 private:
  ResourceResults resources_and_candidates(const ResourceFilter& filter, bool with_candidates) const;
  ContentSnapshot() = default;

  Content content_;
  VersionInfo version_;
  std::filesystem::path blob_dir_;
  IndexScores index_;
  std::vector<const Event*> events_by_start_;
  SearchIndex resource_search_;  // in content_'s order
  mutable SearchIndex event_search_;
  mutable std::once_flag event_search_built_;
  std::unordered_map<std::string, std::size_t> event_index_, resource_index_, space_index_, image_index_,
      desk_index_;
};

}  // namespace kiosk::content
