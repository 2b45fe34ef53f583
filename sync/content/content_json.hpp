#pragma once
// Content <-> JSON, in the format of docs/content-format.md. Parsing reports type problems as
// Issues (never throws on bad content); semantic rules live in validate.hpp so that content from
// any origin (files, feed pages, the database, generators) is judged by the same rules.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sync/content/issues.hpp"
#include "sync/content/model.hpp"

namespace kiosk::content {

enum class Collection : std::uint8_t { meta, spaces, events, desks, resources, indicators, notices };
inline constexpr Collection kAllCollections[] = {
    Collection::meta,      Collection::spaces,     Collection::events, Collection::desks,
    Collection::resources, Collection::indicators, Collection::notices};

std::string_view collection_name(Collection c);  // "events"
std::string collection_file(Collection c);       // "events.json"
std::optional<Collection> collection_from_name(std::string_view name);
// The singular noun used in messages: "event", "desk" ...
std::string_view item_kind(Collection c);

// Parses one collection document (a source file or a feed page) and appends its items to `into`.
// `file` names the document in messages. Returns false when the document could not be read at all.
bool parse_collection(Collection c, std::string_view file, std::string_view bytes, Content& into,
                      Issues& issues);

// One item as a JSON object (the same shape the parser reads).
nlohmann::json to_json(const Space& s);
nlohmann::json to_json(const Event& e);
nlohmann::json to_json(const Desk& d);
nlohmann::json to_json(const Resource& r);
nlohmann::json to_json(const Indicator& i);
nlohmann::json to_json(const Notice& n);
nlohmann::json to_json(const Meta& m);
nlohmann::json to_json(const LocalText& t);

}  // namespace kiosk::content
