#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sync/content/content_json.hpp"
#include "sync/content/fields.hpp"
#include "sync/content/limits.hpp"
#include "sync/content/search_text.hpp"
#include "sync/content/source_dir.hpp"
#include "sync/content/validate.hpp"
#include "tests/support/every_field.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;
using namespace kiosk::content;

namespace {

std::string all_of(const Issues& issues) {
  std::string out;
  for (const auto& i : issues.all()) out += i.to_string() + "\n";
  return out;
}

template <class T>
T through_json(const T& item) {
  const std::string key(collection_name(collection_of<T>));
  const nlohmann::json doc = {{key, nlohmann::json::array({to_json(item)})}};
  Content back;
  Issues issues;
  REQUIRE(parse_collection(collection_of<T>, key + ".json", doc.dump(), back, issues));
  CHECK_MESSAGE(issues.all().empty(), all_of(issues));
  T out{};
  for_each_collection(back, [&](const auto& items) {
    if constexpr (std::is_same_v<typename std::decay_t<decltype(items)>::value_type, T>) {
      REQUIRE(items.size() == 1);
      out = items[0];
    }
  });
  return out;
}

// field name -> required, from the tables of docs/content-format.md ("| name, unit | text | yes |").
std::map<std::string, bool> documented_fields(const std::string& collection) {
  std::ifstream in(test::source_dir() / "docs" / "content-format.md");
  REQUIRE(in);
  std::map<std::string, bool> out;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) inside = line == "## " + collection + ".json";
    if (!inside || line.rfind("| ", 0) != 0 || line.rfind("| field", 0) == 0) continue;
    std::vector<std::string> cells;
    std::stringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) {
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
    }
    REQUIRE(cells.size() >= 3);
    const std::string& required = cells[2];
    std::stringstream names(cells[0]);
    for (std::string name; std::getline(names, name, ',');) {
      name.erase(0, name.find_first_not_of(' '));
      // "yes" makes every name of the row required; "name, address yes" only those it lists.
      const bool listed =
          required.size() > 4 && required.ends_with(" yes") &&
          (", " + required.substr(0, required.size() - 4) + ",").find(", " + name + ",") != std::string::npos;
      out[name] = required == "yes" || listed;
    }
  }
  return out;
}

struct KeysAndNeeds {
  std::map<std::string, bool>& out;
  template <class M>
  void operator()(const M&, const Field& f) const {
    out[std::string(f.key)] = f.need == Need::required;
  }
};

}  // namespace

TEST_CASE("every field of every collection survives a trip through the content format") {
  const Content c = test::content_with_every_field();
  Issues issues;
  Content meta_back;
  REQUIRE(parse_collection(Collection::meta, "meta.json", to_json(c.meta).dump(), meta_back, issues));
  CHECK(meta_back.meta == c.meta);
  CHECK(meta_back.meta.sample_anchor.has_value());
  CHECK(through_json(c.spaces[0]) == c.spaces[0]);
  CHECK(through_json(c.events[0]) == c.events[0]);
  CHECK(through_json(c.desks[0]) == c.desks[0]);
  CHECK(through_json(c.resources[0]) == c.resources[0]);
  CHECK(through_json(c.indicators[0]) == c.indicators[0]);
  CHECK(through_json(c.notices[0]) == c.notices[0]);
}

TEST_CASE("an optional field at its default is left out of the written JSON - a required one never") {
  Event e;
  const auto j = to_json(e);
  CHECK(j.contains("title"));     // required, though empty
  CHECK(j.contains("category"));  // required
  CHECK(j.contains("start"));
  CHECK_FALSE(j.contains("summary"));
  CHECK_FALSE(j.contains("capacity"));
  CHECK_FALSE(j.contains("status"));  // "scheduled", the first choice
  CHECK_FALSE(j.contains("sample"));
  e.status = EventStatus::full;
  e.capacity = 30;
  CHECK(to_json(e)["status"] == "full");
  CHECK(to_json(e)["capacity"] == 30);
}

TEST_CASE("the content format document lists every field of every collection and whether it is required") {
  for (Collection c : kAllCollections) {
    CAPTURE(collection_name(c));
    std::map<std::string, bool> defined;
    with_item_of(c, [&](const auto& item) { fields(item, KeysAndNeeds{defined}); });
    CHECK(documented_fields(std::string(collection_name(c))) == defined);
  }
}

TEST_CASE("search finds an item by exactly the fields marked searched") {
  const Event e = test::with_every_field<Event>(5);
  const std::string text = searchable_text(e);
  CHECK(text.find(e.title.zh) != std::string::npos);
  CHECK(text.find(e.title.en) != std::string::npos);
  CHECK(text.find(e.venue.en) != std::string::npos);
  CHECK(text.find(e.keywords) != std::string::npos);
  CHECK(text.find(e.body.zh) == std::string::npos);  // long text: not searched
  CHECK(text.find(e.registration_url) == std::string::npos);
  const Resource r = test::with_every_field<Resource>(9);
  CHECK(searchable_text(r).find(r.provider.en) != std::string::npos);
  CHECK(searchable_text(r).find(r.contact.zh) == std::string::npos);
}

TEST_CASE("validation takes each field's limit from its definition") {
  Content c = test::small_content(test::demo_now());
  REQUIRE_FALSE(c.events.empty());
  c.events[0].venue.zh = std::string(121, 'x');  // venue: at most 120 characters
  c.desks[0].label.clear();                      // label: required
  c.notices.push_back(c.notices.empty() ? Notice{} : c.notices[0]);
  c.notices.back().id = "too-many-kiosks";
  c.notices.back().kiosk_ids.assign(limits::kMaxKioskIds + 1, "k1");
  Issues issues;
  validate(c, issues);
  const std::string report = all_of(issues);
  CHECK(report.find("venue.zh") != std::string::npos);
  CHECK(report.find("121 characters") != std::string::npos);
  CHECK(report.find("label") != std::string::npos);
  CHECK(report.find("lists more than 200 entries") != std::string::npos);
}

TEST_CASE("content files over the total a kiosk keeps in memory are refused in words that name the limit") {
  test::TempDir dir;
  test::copy_tree(test::demo_dir(), dir.path());
  // Two files, each under the per-file limit, together over the total: valid JSON padded with spaces.
  for (const char* file : {"events.json", "resources.json"}) {
    std::string text = test::read_text(dir / file);
    text.append(limits::kMaxContentBytes / 2 + 1024 * 1024, ' ');
    test::write_text(dir / file, text);
  }
  Issues issues;
  load_source_dir(dir.path(), issues);
  REQUIRE(issues.has_errors());
  const std::string report = all_of(issues);
  CHECK_MESSAGE(report.find("the limit is 32 MB") != std::string::npos, report);
  CHECK(report.find("keeps all of it in memory") != std::string::npos);
}
