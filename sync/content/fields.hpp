#pragma once
// Each collection's fields, defined once: the JSON key, whether staff must write it, its limits and
// what it refers to. The parser, the JSON writer, validation, the search index, the store's tables
// and the console's forms all walk these lists, so a new field is one line here (plus its member in
// model.hpp and its tests); docs/content-format.md describes the same fields for staff.
//
// A walk calls `visit(member, field)` for every field in order; the member's type says what it is
// (LocalText, a time, a whole number, a choice ...) and `Field` says the rest.
#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "sync/content/content_json.hpp"
#include "sync/content/limits.hpp"
#include "sync/content/model.hpp"

namespace kiosk::content {

enum class Need : std::uint8_t { optional, required };

// What a string holds, beyond being text: decides its checks and how the console edits it.
enum class Role : std::uint8_t { plain, id, url, image, space };

struct Field {
  std::string_view key;  // the JSON key; the SQL column (the stem of a text's two) unless `column`
  Need need = Need::optional;
  Role role = Role::plain;
  std::size_t max_chars = 0;  // texts and strings; lists: the most entries
  bool multiline = false;     // texts: newlines allowed
  // Part of what search finds the item by, and how much a match here counts: 3 the item's name or
  // title, 2 who and where (provider, venue, organiser, location), 1 the rest (summary, keywords).
  std::uint8_t search_rank = 0;
  double min = 0, max = 0;              // numbers: the accepted range (both 0: checked elsewhere)
  bool kiosk_sets_last_choice = false;  // choices: the last value is the kiosk's own, never staff's
  std::string_view column = {};         // the SQL column when it is not the key (databases in the field)
};

// Per-date screen hours (meta): {"2027-01-01": "closed"}.
using DateMap = std::vector<std::pair<std::string, std::string>>;

template <class Self, class T>
concept ItemOf = std::same_as<std::remove_const_t<Self>, T>;

template <ItemOf<Meta> M, class V>
void fields(M& m, V&& visit) {
  visit(m.title, Field{.key = "title", .need = Need::required, .max_chars = 80});
  visit(m.sample, Field{.key = "sample"});
  visit(m.sample_anchor, Field{.key = "sample_anchor"});
  visit(m.display_hours, Field{.key = "display_hours", .max_chars = 400});
}

template <ItemOf<Space> S, class V>
void fields(S& s, V&& visit) {
  visit(s.id, Field{.key = "id", .need = Need::required, .role = Role::id});
  visit(s.name, Field{.key = "name", .need = Need::required, .max_chars = 80});
  visit(s.address, Field{.key = "address", .need = Need::required, .max_chars = 200});
  visit(s.hours, Field{.key = "hours", .max_chars = 200});
  visit(s.description, Field{.key = "description", .max_chars = 2000, .multiline = true});
  visit(s.kiosk_ids, Field{.key = "kiosk_ids", .max_chars = limits::kMaxKioskIds});
  visit(s.booking_url, Field{.key = "booking_url", .role = Role::url});
  visit(s.map_url, Field{.key = "map_url", .role = Role::url});
  visit(s.sample, Field{.key = "sample"});
}

template <ItemOf<Event> E, class V>
void fields(E& e, V&& visit) {
  visit(e.id, Field{.key = "id", .need = Need::required, .role = Role::id});
  visit(e.space_id, Field{.key = "space", .need = Need::required, .role = Role::space, .column = "space_id"});
  visit(e.category, Field{.key = "category", .need = Need::required});
  visit(e.title, Field{.key = "title", .need = Need::required, .max_chars = 120, .search_rank = 3});
  visit(e.summary, Field{.key = "summary", .max_chars = 400, .search_rank = 1});
  visit(e.body, Field{.key = "body", .max_chars = 5000, .multiline = true});
  visit(e.venue, Field{.key = "venue", .need = Need::required, .max_chars = 120, .search_rank = 2});
  visit(e.organiser, Field{.key = "organiser", .need = Need::required, .max_chars = 120, .search_rank = 2});
  visit(e.start, Field{.key = "start", .need = Need::required});
  visit(e.end, Field{.key = "end", .need = Need::required});
  visit(e.registration_url, Field{.key = "registration_url", .role = Role::url});
  visit(e.poster, Field{.key = "poster", .role = Role::image});
  visit(e.capacity, Field{.key = "capacity", .min = 0, .max = limits::kMaxCapacity});
  visit(e.registered, Field{.key = "registered", .min = 0, .max = limits::kMaxCapacity});
  visit(e.status, Field{.key = "status"});
  visit(e.status_note, Field{.key = "status_note", .max_chars = 200});
  visit(e.keywords, Field{.key = "keywords", .max_chars = 400, .search_rank = 1});
  visit(e.sample, Field{.key = "sample"});
}

template <ItemOf<Desk> D, class V>
void fields(D& d, V&& visit) {
  visit(d.id, Field{.key = "id", .need = Need::required, .role = Role::id});
  visit(d.space_id, Field{.key = "space", .need = Need::required, .role = Role::space, .column = "space_id"});
  visit(d.zone, Field{.key = "zone", .need = Need::required, .max_chars = 60});
  visit(d.label, Field{.key = "label", .need = Need::required, .max_chars = 32});
  visit(d.kind, Field{.key = "kind", .need = Need::required});
  visit(d.status, Field{.key = "status", .need = Need::required, .kiosk_sets_last_choice = true});
  visit(d.status_at, Field{.key = "status_at", .need = Need::required});
  visit(d.max_age_s, Field{.key = "max_age_s", .min = limits::kMinDeskMaxAge, .max = limits::kMaxDeskMaxAge});
  visit(d.until, Field{.key = "until"});
  visit(d.booking_url, Field{.key = "booking_url", .role = Role::url});
  visit(d.price_day, Field{.key = "price_day", .min = 0, .max = limits::kMaxPrice});
  visit(d.price_month, Field{.key = "price_month", .min = 0, .max = limits::kMaxPrice});
  visit(d.sample, Field{.key = "sample"});
}

template <ItemOf<Resource> R, class V>
void fields(R& r, V&& visit) {
  visit(r.id, Field{.key = "id", .need = Need::required, .role = Role::id});
  visit(r.category, Field{.key = "category", .need = Need::required});
  visit(r.name, Field{.key = "name", .need = Need::required, .max_chars = 120, .search_rank = 3});
  visit(r.provider, Field{.key = "provider", .need = Need::required, .max_chars = 120, .search_rank = 2});
  visit(r.summary, Field{.key = "summary", .max_chars = 400, .search_rank = 1});
  visit(r.location, Field{.key = "location", .max_chars = 200, .search_rank = 2});
  visit(r.hours, Field{.key = "hours", .max_chars = 200});
  visit(r.contact, Field{.key = "contact", .max_chars = 200});
  visit(r.booking, Field{.key = "booking", .max_chars = 200});
  visit(r.booking_url, Field{.key = "booking_url", .role = Role::url});
  visit(r.fee, Field{.key = "fee", .max_chars = 120});
  visit(r.voucher_eligible, Field{.key = "voucher_eligible"});
  visit(r.voucher_share, Field{.key = "voucher_share", .min = 0, .max = 100});
  visit(r.member_free, Field{.key = "member_free"});
  visit(r.keywords, Field{.key = "keywords", .max_chars = 400, .search_rank = 1});
  visit(r.image, Field{.key = "image", .role = Role::image});
  visit(r.sample, Field{.key = "sample"});
}

template <ItemOf<Indicator> I, class V>
void fields(I& x, V&& visit) {
  visit(x.id, Field{.key = "id", .need = Need::required, .role = Role::id});
  visit(x.group, Field{.key = "group", .need = Need::required, .column = "grp"});
  visit(x.name, Field{.key = "name", .need = Need::required, .max_chars = 120});
  visit(x.unit, Field{.key = "unit", .need = Need::required, .max_chars = 30});
  visit(x.direction, Field{.key = "direction"});
  visit(x.baseline, Field{.key = "baseline"});
  visit(x.target, Field{.key = "target", .need = Need::required});
  visit(x.series, Field{.key = "series", .max_chars = limits::kMaxSeriesPoints});
  visit(x.decimals, Field{.key = "decimals", .min = 0, .max = 3});
  visit(x.weight, Field{.key = "weight"});  // (0, 100]: an open range, checked with the indicator
  visit(x.source, Field{.key = "source", .need = Need::required, .max_chars = 400});
  visit(x.note, Field{.key = "note", .max_chars = 400});
}

template <ItemOf<Notice> N, class V>
void fields(N& n, V&& visit) {
  visit(n.id, Field{.key = "id", .need = Need::required, .role = Role::id});
  visit(n.priority, Field{.key = "priority"});
  visit(n.title, Field{.key = "title", .need = Need::required, .max_chars = 120});
  visit(n.body, Field{.key = "body", .max_chars = 1000, .multiline = true});
  visit(n.starts, Field{.key = "starts", .need = Need::required});
  visit(n.ends, Field{.key = "ends", .need = Need::required});
  visit(n.kiosk_ids, Field{.key = "kiosk_ids", .max_chars = limits::kMaxKioskIds});
}

// The collection an item type belongs to, and each collection's list in a Content.
template <class T>
inline constexpr Collection collection_of = Collection::meta;
template <>
inline constexpr Collection collection_of<Space> = Collection::spaces;
template <>
inline constexpr Collection collection_of<Event> = Collection::events;
template <>
inline constexpr Collection collection_of<Desk> = Collection::desks;
template <>
inline constexpr Collection collection_of<Resource> = Collection::resources;
template <>
inline constexpr Collection collection_of<Indicator> = Collection::indicators;
template <>
inline constexpr Collection collection_of<Notice> = Collection::notices;

// Calls f(items) for every item collection of a Content (not meta), in kAllCollections order.
template <ItemOf<Content> C, class F>
void for_each_collection(C& c, F&& f) {
  f(c.spaces);
  f(c.events);
  f(c.desks);
  f(c.resources);
  f(c.indicators);
  f(c.notices);
}

// Calls f(T{}) with a default item of collection c (a way to walk a collection's fields by value).
template <class F>
void with_item_of(Collection c, F&& f) {
  switch (c) {
    case Collection::meta:
      return f(Meta{});
    case Collection::spaces:
      return f(Space{});
    case Collection::events:
      return f(Event{});
    case Collection::desks:
      return f(Desk{});
    case Collection::resources:
      return f(Resource{});
    case Collection::indicators:
      return f(Indicator{});
    case Collection::notices:
      return f(Notice{});
  }
}

}  // namespace kiosk::content
