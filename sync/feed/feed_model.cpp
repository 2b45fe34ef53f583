#include "sync/feed/feed_model.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sync/content/json_limits.hpp"
#include "sync/content/limits.hpp"
#include "sync/content/sha256.hpp"
#include "sync/feed/feed_error.hpp"

namespace kiosk::feed {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const char* file, const std::string& what) {
  throw FeedError(Failure::malformed, std::string(file) + ": " + what);
}

// A member that should be a string, or "" when it is missing or anything else (json::value would
// throw a type_error for a number there: found by tests/fuzz).
std::string string_or_empty(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Whatever shape a payload has, what leaves this file is a FeedError naming the file.
template <typename F>
auto guarded(const char* file, F&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const json::exception& e) {
    bad(file, std::string("has an unexpected shape (") + e.what() + ")");
  }
}

json parse_payload(const char* file, std::string_view payload, const char* type) {
  json j;
  try {
    j = content::parse_json_limited(payload);
  } catch (const content::JsonError& e) {
    bad(file, e.what());
  }
  if (!j.is_object()) bad(file, "is not a JSON object");
  if (string_or_empty(j, "type") != type) bad(file, std::string("is not a ") + type);
  return j;
}

std::int64_t get_int(const char* file, const json& j, const char* key, std::int64_t min, std::int64_t max) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) bad(file, std::string(key) + " must be a whole number");
  const auto v = it->get<std::int64_t>();
  if (v < min || v > max) bad(file, std::string(key) + " is out of range");
  return v;
}

content::UnixSeconds get_time(const char* file, const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) bad(file, std::string(key) + " must be a time");
  auto t = content::parse_iso8601(it->get<std::string>());
  if (!t) bad(file, std::string(key) + " is not an ISO 8601 time");
  return *t;
}

ObjectRef get_object(const char* file, const json& j, const char* sha_key) {
  if (!j.is_object()) bad(file, "an object reference must be an object");
  ObjectRef o;
  auto it = j.find(sha_key);
  if (it == j.end() || !it->is_string() || !content::is_sha256_hex(it->get<std::string>())) {
    bad(file, std::string(sha_key) + " must be a SHA-256 in lowercase hex");
  }
  o.sha256 = it->get<std::string>();
  o.length = get_int(file, j, "length", 0, 1LL << 34);
  return o;
}

std::vector<PublicKey> get_keys(const char* file, const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->empty() || it->size() > 16)
    bad(file, std::string(key) + " must list 1-16 keys");
  std::vector<PublicKey> keys;
  for (const auto& k : *it) {
    if (!k.is_string()) bad(file, std::string(key) + " must list base64 keys");
    try {
      keys.push_back(public_key_from_base64(k.get<std::string>()));
    } catch (const std::exception& e) {
      bad(file, std::string(key) + ": " + e.what());
    }
  }
  return keys;
}

json keys_json(const std::vector<PublicKey>& keys) {
  json a = json::array();
  for (const auto& k : keys) a.push_back(to_base64(k));
  return a;
}

json object_json(const ObjectRef& o) {
  return {{"sha256", o.sha256}, {"length", o.length}};
}

}  // namespace

std::vector<ObjectRef> Manifest::objects() const {
  std::vector<ObjectRef> out;
  for (const auto& p : pages) out.push_back(p.object);
  for (const auto& i : images) out.push_back(i.object);
  return out;
}

bool Manifest::same_content(const Manifest& o) const {
  const auto page_key = [](const PageRef& p) {
    return std::make_tuple(static_cast<int>(p.collection), p.object.sha256);
  };
  if (pages.size() != o.pages.size() || images.size() != o.images.size() || !(meta == o.meta)) return false;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (page_key(pages[i]) != page_key(o.pages[i])) return false;
  }
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (images[i].name != o.images[i].name || images[i].object.sha256 != o.images[i].object.sha256)
      return false;
  }
  return true;
}

std::string to_payload(const Root& r) {
  json j = {{"type", "root"},
            {"version", r.version},
            {"expires", content::format_iso8601(r.expires, 0)},
            {"root_keys", keys_json(r.root_keys)},
            {"root_threshold", r.root_threshold},
            {"online_keys", keys_json(r.online_keys)}};
  return j.dump(2) + "\n";
}

std::string to_payload(const Timestamp& t) {
  json j = {{"type", "timestamp"},
            {"version", t.version},
            {"published_at", content::format_iso8601(t.published_at, 0)},
            {"expires", content::format_iso8601(t.expires, 0)},
            {"manifest", object_json(t.manifest)}};
  return j.dump(2) + "\n";
}

std::string to_payload(const Manifest& m) {
  json pages = json::array();
  for (const auto& p : m.pages) {
    pages.push_back({{"collection", content::collection_name(p.collection)},
                     {"sha256", p.object.sha256},
                     {"length", p.object.length},
                     {"items", p.items}});
  }
  json images = json::array();
  for (const auto& i : m.images) {
    images.push_back({{"name", i.name},
                      {"sha256", i.object.sha256},
                      {"length", i.object.length},
                      {"width", i.width},
                      {"height", i.height}});
  }
  json j = {{"type", "manifest"},
            {"version", m.version},
            {"published_at", content::format_iso8601(m.published_at, 0)},
            {"expires", content::format_iso8601(m.expires, 0)},
            {"meta", content::to_json(m.meta)},
            {"pages", pages},
            {"images", images}};
  return j.dump(1) + "\n";
}

Root parse_root(std::string_view payload) {
  const char* file = "root.json";
  return guarded(file, [&]() -> Root {
    const json j = parse_payload(file, payload, "root");
    Root r;
    r.version = get_int(file, j, "version", 1, 1LL << 50);
    r.expires = get_time(file, j, "expires");
    r.root_keys = get_keys(file, j, "root_keys");
    r.root_threshold = static_cast<int>(get_int(file, j, "root_threshold", 1, 16));
    if (r.root_threshold > static_cast<int>(r.root_keys.size()))
      bad(file, "root_threshold is larger than the number of root keys");
    r.online_keys = get_keys(file, j, "online_keys");
    return r;
  });
}

Timestamp parse_timestamp(std::string_view payload) {
  const char* file = "timestamp.json";
  return guarded(file, [&]() -> Timestamp {
    const json j = parse_payload(file, payload, "timestamp");
    Timestamp t;
    t.version = get_int(file, j, "version", 1, 1LL << 50);
    t.published_at = get_time(file, j, "published_at");
    t.expires = get_time(file, j, "expires");
    if (!j.contains("manifest")) bad(file, "manifest is missing");
    t.manifest = get_object(file, j["manifest"], "sha256");
    if (t.manifest.length > static_cast<std::int64_t>(kMaxManifestBytes))
      bad(file, "the manifest is larger than 8 MB");
    return t;
  });
}

Manifest parse_manifest(std::string_view payload) {
  const char* file = "manifest";
  return guarded(file, [&]() -> Manifest {
    const json j = parse_payload(file, payload, "manifest");
    Manifest m;
    m.version = get_int(file, j, "version", 1, 1LL << 50);
    m.published_at = get_time(file, j, "published_at");
    m.expires = get_time(file, j, "expires");
    if (!j.contains("meta")) bad(file, "meta is missing");
    content::Content meta_holder;
    content::Issues issues;
    content::parse_collection(content::Collection::meta, "manifest meta", j["meta"].dump(), meta_holder,
                              issues);
    if (issues.has_errors()) bad(file, issues.summary());
    m.meta = meta_holder.meta;
    if (!j.contains("pages") || !j["pages"].is_array() || j["pages"].size() > 100000)
      bad(file, "pages must be a list");
    std::int64_t page_bytes = 0;
    for (const auto& p : j["pages"]) {
      PageRef ref;
      const std::string name = string_or_empty(p, "collection");
      auto c = content::collection_from_name(name);
      if (!c || *c == content::Collection::meta) bad(file, "page collection \"" + name + "\" is not known");
      ref.collection = *c;
      ref.object = get_object(file, p, "sha256");
      if (ref.object.length > static_cast<std::int64_t>(kMaxPageBytes))
        bad(file, "a page is larger than 16 MB");
      ref.items = get_int(file, p, "items", 0, 1000000);
      m.pages.push_back(ref);
      page_bytes += ref.object.length;
    }
    // Refused before a byte of it is fetched: a kiosk could not hold it (content::limits).
    if (page_bytes > static_cast<std::int64_t>(content::limits::kMaxContentBytes)) {
      bad(file, "its pages hold " + std::to_string(page_bytes / (1024 * 1024)) +
                    " MB of content; a kiosk holds at most " +
                    std::to_string(content::limits::kMaxContentBytes / (1024 * 1024)) + " MB");
    }
    if (!j.contains("images") || !j["images"].is_array() || j["images"].size() > 20000)
      bad(file, "images must be a list");
    for (const auto& i : j["images"]) {
      ImageEntry e;
      if (!i.is_object() || !i.contains("name") || !i["name"].is_string()) bad(file, "an image has no name");
      e.name = i["name"].get<std::string>();
      e.object = get_object(file, i, "sha256");
      if (e.object.length > static_cast<std::int64_t>(kMaxImageBytes))
        bad(file, "an image is larger than 8 MB");
      e.width = static_cast<int>(get_int(file, i, "width", 1, 16384));
      e.height = static_cast<int>(get_int(file, i, "height", 1, 16384));
      m.images.push_back(e);
    }
    return m;
  });
}

std::string manifest_path(std::int64_t version) {
  return "manifests/" + std::to_string(version) + ".json";
}
std::string object_path(const std::string& sha256) {
  return "objects/" + sha256;
}

}  // namespace kiosk::feed
