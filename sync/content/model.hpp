#pragma once
// The content model: what visitors see. Plain data, no behaviour beyond small accessors; the
// format staff write is documented in docs/content-format.md.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/content/time.hpp"

namespace kiosk::content {

enum class Lang : std::uint8_t { zh, en };

// Every visible text is bilingual; missing English falls back to Chinese.
struct LocalText {
  std::string zh;
  std::string en;
  const std::string& in(Lang lang) const { return (lang == Lang::en && !en.empty()) ? en : zh; }
  bool empty() const { return zh.empty() && en.empty(); }
  bool operator==(const LocalText&) const = default;
};

enum class EventCategory : std::uint8_t { contest, forum, training, course, roadshow, talk, open_day };
enum class EventStatus : std::uint8_t { scheduled, full, cancelled, moved };
enum class DeskKind : std::uint8_t { hot_desk, fixed_desk, private_office, meeting_room };
// `unknown` is never written by staff: it is what a status older than its max age becomes.
enum class DeskStatus : std::uint8_t { free, booked, occupied, out_of_service, unknown };
enum class ResourceCategory : std::uint8_t {
  instrument,
  lab,
  prototyping,
  ic_design,
  supercomputing,
  legal,
  finance,
  ip,
  vc,
  platform
};
enum class IndicatorGroup : std::uint8_t { input, entities, output, industry, environment };
enum class Direction : std::uint8_t { higher, lower };
enum class NoticePriority : std::uint8_t { routine, urgent };

struct Meta {
  LocalText title;
  bool sample = false;
  std::optional<UnixSeconds> sample_anchor;
  // Per-date screen hours replacing the kiosk's configured opening hours for that day, e.g.
  // {"2027-01-01", "closed"}, {"2026-12-18", "08:00-22:00"} (a late event). Sorted by date.
  std::vector<std::pair<std::string, std::string>> display_hours;
  bool operator==(const Meta&) const = default;
};

struct Space {
  std::string id;
  LocalText name, address, hours, description;
  std::vector<std::string> kiosk_ids;
  std::string booking_url;
  std::string map_url;  // a map or directions page, shown as a QR code with the space's address
  bool sample = false;
  bool operator==(const Space&) const = default;
};

struct Event {
  std::string id;
  std::string space_id;
  EventCategory category = EventCategory::talk;
  LocalText title, summary, body, venue, organiser;
  UnixSeconds start = 0, end = 0;
  std::string registration_url;
  std::string poster;  // image name, may be empty
  int capacity = 0;    // 0 = not limited
  int registered = 0;
  EventStatus status = EventStatus::scheduled;
  LocalText status_note;
  std::string keywords;
  bool sample = false;
  bool operator==(const Event&) const = default;
};

struct Desk {
  std::string id;
  std::string space_id;
  LocalText zone;
  std::string label;
  DeskKind kind = DeskKind::hot_desk;
  DeskStatus status = DeskStatus::unknown;
  UnixSeconds status_at = 0;
  int max_age_s = 1800;
  std::optional<UnixSeconds> until;
  std::string booking_url;
  int price_day = 0, price_month = 0;  // whole yuan; 0 = not stated ("price on request")
  bool sample = false;
  bool operator==(const Desk&) const = default;
};

struct Resource {
  std::string id;
  ResourceCategory category = ResourceCategory::platform;
  LocalText name, summary, provider, location, hours, contact, booking;
  std::string booking_url;
  LocalText fee;  // what it costs, in staff's words: "¥300 / 机时"
  bool voucher_eligible = false;
  int voucher_share = 0;     // the percentage an innovation voucher may pay; 0 = not stated
  bool member_free = false;  // free for companies in the zone's incubators
  std::string keywords;
  std::string image;
  bool sample = false;
  bool operator==(const Resource&) const = default;
};

struct YearValue {
  int year = 0;
  double value = 0;
  bool operator==(const YearValue&) const = default;
};

struct SeriesPoint {
  std::string period;  // a year, "2016"
  double value = 0;
  bool sample = false;
  bool operator==(const SeriesPoint&) const = default;
};

struct Indicator {
  std::string id;
  IndicatorGroup group = IndicatorGroup::input;
  LocalText name, unit, source, note;
  Direction direction = Direction::higher;
  std::optional<YearValue> baseline;
  YearValue target;
  std::vector<SeriesPoint> series;
  int decimals = 0;
  double weight = 1.0;
  bool operator==(const Indicator&) const = default;
};

struct Notice {
  std::string id;
  NoticePriority priority = NoticePriority::routine;
  LocalText title, body;
  UnixSeconds starts = 0, ends = 0;
  std::vector<std::string> kiosk_ids;
  bool operator==(const Notice&) const = default;
};

// An image as the content knows it: a name that items reference and the bytes' identity.
struct ImageRef {
  std::string name;
  std::string sha256;  // lowercase hex
  std::int64_t bytes = 0;
  int width = 0, height = 0;
  bool operator==(const ImageRef&) const = default;
};

struct Content {
  Meta meta;
  std::vector<Space> spaces;
  std::vector<Event> events;
  std::vector<Desk> desks;
  std::vector<Resource> resources;
  std::vector<Indicator> indicators;
  std::vector<Notice> notices;
  std::vector<ImageRef> images;
  bool operator==(const Content&) const = default;
};

// ---- enum <-> the strings used in JSON files ----------------------------------------------
template <class E>
struct EnumNames;

#define KIOSK_ENUM_NAMES(E, ...)                                                  \
  template <>                                                                     \
  struct EnumNames<E> {                                                           \
    static constexpr auto names = std::to_array<std::string_view>({__VA_ARGS__}); \
  };

KIOSK_ENUM_NAMES(EventCategory, "contest", "forum", "training", "course", "roadshow", "talk", "open_day")
KIOSK_ENUM_NAMES(EventStatus, "scheduled", "full", "cancelled", "moved")
KIOSK_ENUM_NAMES(DeskKind, "hot_desk", "fixed_desk", "private_office", "meeting_room")
KIOSK_ENUM_NAMES(DeskStatus, "free", "booked", "occupied", "out_of_service", "unknown")
KIOSK_ENUM_NAMES(ResourceCategory, "instrument", "lab", "prototyping", "ic_design", "supercomputing", "legal",
                 "finance", "ip", "vc", "platform")
KIOSK_ENUM_NAMES(IndicatorGroup, "input", "entities", "output", "industry", "environment")
KIOSK_ENUM_NAMES(Direction, "higher", "lower")
KIOSK_ENUM_NAMES(NoticePriority, "routine", "urgent")
#undef KIOSK_ENUM_NAMES

template <class E>
constexpr std::string_view to_string(E e) {
  return EnumNames<E>::names[static_cast<std::size_t>(e)];
}

template <class E>
constexpr std::size_t enum_count() {
  return EnumNames<E>::names.size();
}

template <class E>
std::optional<E> enum_from_string(std::string_view s) {
  const auto& names = EnumNames<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace kiosk::content
