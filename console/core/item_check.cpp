#include "console/core/item_check.hpp"

#include "sync/content/issues.hpp"
#include "sync/content/validate.hpp"

namespace kiosk::console {
namespace {

using content::Collection;
using nlohmann::json;

// Wraps one item the way a collection file holds it and parses it with the content parser.
bool parse_one(Collection c, const json& body, content::Content& into, content::Issues& issues) {
  const std::string file = content::collection_file(c);
  json doc =
      c == Collection::meta ? body : json{{std::string(content::collection_name(c)), json::array({body})}};
  return content::parse_collection(c, file, doc.dump(), into, issues);
}

}  // namespace

std::string item_space(Collection c, const std::string& id, const json& body) {
  switch (c) {
    case Collection::spaces:
      return id;
    case Collection::events:
    case Collection::desks: {
      auto it = body.find("space");
      return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    }
    default:
      return {};
  }
}

std::vector<json> collection_items(Collection c, const content::Content& x) {
  std::vector<json> out;
  auto add = [&](const auto& items) {
    for (const auto& item : items) out.push_back(content::to_json(item));
  };
  switch (c) {
    case Collection::meta:
      out.push_back(content::to_json(x.meta));
      break;
    case Collection::spaces:
      add(x.spaces);
      break;
    case Collection::events:
      add(x.events);
      break;
    case Collection::desks:
      add(x.desks);
      break;
    case Collection::resources:
      add(x.resources);
      break;
    case Collection::indicators:
      add(x.indicators);
      break;
    case Collection::notices:
      add(x.notices);
      break;
  }
  return out;
}

json canonical_item(Collection c, const json& body) {
  content::Content parsed;
  content::Issues issues;
  parse_one(c, body, parsed, issues);
  auto items = collection_items(c, parsed);
  return items.empty() ? json::object() : items.front();
}

ItemCheck check_item(Collection c, const std::string& id, const json& body, const content::Content& context) {
  ItemCheck check;
  if (!body.is_object()) {
    check.errors.push_back({"", "must be a JSON object"});
    return check;
  }
  if (c != Collection::meta) {
    auto it = body.find("id");
    if (it == body.end() || !it->is_string() || it->get<std::string>() != id) {
      check.errors.push_back({"id", "must be \"" + id + "\", the id in the address"});
      return check;
    }
  }
  content::Content candidate;
  candidate.meta = context.meta;
  candidate.images = context.images;
  candidate.spaces = context.spaces;
  content::Issues issues;
  content::Content parsed;
  if (!parse_one(c, body, parsed, issues) || issues.has_errors()) {
    for (const auto& issue : issues.all()) {
      if (issue.severity == content::Issue::Severity::error)
        check.errors.push_back({issue.field, issue.message});
    }
    return check;
  }
  switch (c) {
    case Collection::meta:
      candidate.meta = parsed.meta;
      break;
    case Collection::spaces:
      std::erase_if(candidate.spaces, [&](const content::Space& s) { return s.id == id; });
      candidate.spaces.push_back(parsed.spaces.front());
      break;
    case Collection::events:
      candidate.events = parsed.events;
      break;
    case Collection::desks:
      candidate.desks = parsed.desks;
      break;
    case Collection::resources:
      candidate.resources = parsed.resources;
      break;
    case Collection::indicators:
      candidate.indicators = parsed.indicators;
      break;
    case Collection::notices:
      candidate.notices = parsed.notices;
      break;
  }
  content::Issues rules;
  content::validate(candidate, rules);
  const std::string kind(content::item_kind(c));
  for (const auto& issue : rules.all()) {
    if (issue.severity != content::Issue::Severity::error) continue;
    // The context is valid already; what is left is about this item (or its collection as a whole).
    const bool about_item = c == Collection::meta
                                ? issue.kind == "meta" || issue.file == "meta.json"
                                : issue.kind == kind && (issue.id == id || issue.id.empty());
    if (about_item || issue.id.empty()) check.errors.push_back({issue.field, issue.message});
  }
  if (check.errors.empty()) check.canonical = collection_items(c, parsed).front();
  return check;
}

}  // namespace kiosk::console
