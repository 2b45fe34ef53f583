#pragma once
// One item judged by the same rules as `kioskctl check` (sync/content/validate), in the context of
// the spaces, images and meta the console holds, so a form can show each problem next to its field.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sync/content/content_json.hpp"
#include "sync/content/model.hpp"

namespace kiosk::console {

struct FieldError {
  std::string field;    // "title", "end", "" for the item as a whole
  std::string message;  // the validator's words
};

struct ItemCheck {
  std::vector<FieldError> errors;
  nlohmann::json canonical;  // the item as the console stores and publishes it (when no errors)
};

// `context` supplies meta, spaces and images; its other collections are ignored.
ItemCheck check_item(content::Collection c, const std::string& id, const nlohmann::json& body,
                     const content::Content& context);

// The space an item belongs to, for roles and approval ("" = zone-wide).
std::string item_space(content::Collection c, const std::string& id, const nlohmann::json& body);

// Every item of `content` in one collection, as canonical JSON, in order.
std::vector<nlohmann::json> collection_items(content::Collection c, const content::Content& content);

// An item's canonical form from its JSON (what parse + to_json gives); the JSON must be valid.
nlohmann::json canonical_item(content::Collection c, const nlohmann::json& body);

// The id of the single meta item.
inline constexpr const char* kMetaId = "meta";

}  // namespace kiosk::console
