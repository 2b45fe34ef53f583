#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "sync/content/content_json.hpp"
#include "tests/support/fixtures.hpp"

using namespace kiosk::content;

namespace {
bool has_issue(const Issues& issues, const std::string& needle) {
  for (const auto& i : issues.all()) {
    if (i.to_string().find(needle) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("an events page parses into the model") {
  const char* doc = R"({"events": [{
    "id": "evt-1", "space": "tjab", "category": "forum",
    "title": {"zh": "全球类脑智能高端论坛", "en": "Global Brain-Inspired Intelligence Forum"},
    "venue": "报告厅", "organiser": {"zh": "开发区科技局"},
    "start": "2026-12-03T14:00:00+08:00", "end": "2026-12-03T17:00:00+08:00",
    "capacity": 300, "registered": 120, "status": "moved", "registration_url": "https://example.cn/r"}]})";
  Content c;
  Issues issues;
  REQUIRE(parse_collection(Collection::events, "events.json", doc, c, issues));
  CHECK_FALSE(issues.has_errors());
  REQUIRE(c.events.size() == 1);
  const Event& e = c.events[0];
  CHECK(e.title.in(Lang::en) == "Global Brain-Inspired Intelligence Forum");
  CHECK(e.organiser.in(Lang::en) == "开发区科技局");  // missing English falls back to Chinese
  CHECK(e.venue.zh == "报告厅");                      // a plain string is Chinese
  CHECK(e.status == EventStatus::moved);
  CHECK(e.capacity == 300);
  CHECK(e.end - e.start == 3 * 3600);
}

TEST_CASE("wrong types and missing fields name the file - item and field") {
  const char* doc = R"({"events": [{"id": "evt-031", "space": "tjab", "category": "party",
    "title": 42, "venue": "x", "organiser": "y", "start": "tomorrow", "end": "2026-12-03T17:00:00+08:00",
    "capacity": "many"}, "not an object"]})";
  Content c;
  Issues issues;
  parse_collection(Collection::events, "events.json", doc, c, issues);
  CHECK(has_issue(issues, "events.json: event \"evt-031\": category: must be one of contest, forum"));
  CHECK(has_issue(issues, "events.json: event \"evt-031\": title: must be an object"));
  CHECK(has_issue(issues, "events.json: event \"evt-031\": start: \"tomorrow\" is not a time"));
  CHECK(has_issue(issues, "events.json: event \"evt-031\": capacity: must be a whole number"));
  CHECK(has_issue(issues, "events.json: event \"#2\": must be an object"));
}

TEST_CASE("unknown fields are warnings so older kiosks accept newer publishers") {
  Content c;
  Issues issues;
  parse_collection(Collection::spaces, "spaces.json",
                   R"({"spaces": [{"id": "a", "name": "甲", "address": "乙", "colour": "red"}]})", c, issues);
  CHECK_FALSE(issues.has_errors());
  CHECK(has_issue(issues, "warning: spaces.json: space \"a\": colour: unknown field"));
}

TEST_CASE("broken and hostile JSON is refused with a clear message") {
  Content c;
  Issues issues;
  CHECK_FALSE(parse_collection(Collection::events, "events.json", "{\"events\": [", c, issues));
  CHECK(has_issue(issues, "events.json: not valid JSON"));
  Issues deep;
  std::string nested(100000, '[');
  CHECK_FALSE(parse_collection(Collection::events, "events.json", "{\"events\": " + nested, c, deep));
  CHECK(has_issue(deep, "nested more than"));
  Issues shape;
  CHECK_FALSE(parse_collection(Collection::events, "events.json", R"({"events": {}})", c, shape));
  CHECK(has_issue(shape, "events.json: events: must be a list"));
  Issues huge;  // found by tests/fuzz: nlohmann throws out_of_range, not parse_error, for this
  CHECK_FALSE(
      parse_collection(Collection::events, "events.json", R"({"events": [{"capacity": 1e309}]})", c, huge));
  CHECK(has_issue(huge, "events.json: not valid JSON: a number is too large"));
}

TEST_CASE("every item survives a round trip through JSON") {
  const Content original = kiosk::test::small_content(kiosk::test::demo_now());
  Content copy;
  Issues issues;
  parse_collection(Collection::meta, "meta.json", to_json(original.meta).dump(), copy, issues);
  const auto page = [](const char* key, const auto& items) {
    nlohmann::json doc;
    doc[key] = nlohmann::json::array();
    for (const auto& item : items) doc[key].push_back(to_json(item));
    return doc.dump();
  };
  parse_collection(Collection::spaces, "spaces.json", page("spaces", original.spaces), copy, issues);
  parse_collection(Collection::events, "events.json", page("events", original.events), copy, issues);
  parse_collection(Collection::desks, "desks.json", page("desks", original.desks), copy, issues);
  parse_collection(Collection::resources, "resources.json", page("resources", original.resources), copy,
                   issues);
  parse_collection(Collection::indicators, "indicators.json", page("indicators", original.indicators), copy,
                   issues);
  parse_collection(Collection::notices, "notices.json", page("notices", original.notices), copy, issues);
  CHECK_FALSE(issues.has_errors());
  CHECK(copy == original);
}
