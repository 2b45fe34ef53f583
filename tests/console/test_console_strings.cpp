// Every console string key used in code or templates exists in zh.json and en.json, and the two
// files have the same keys (a missing key would show staff the key itself).
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "console/web/forms.hpp"
#include "console/web/strings.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/model.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

using namespace kiosk;

TEST_CASE("console strings: zh and en have the same keys and cover every key in use") {
  const auto dir = test::source_dir() / "assets" / "console";
  const auto strings = console::Strings::load(dir / "i18n");
  std::set<std::string> zh, en;
  for (const auto& [k, v] : strings.table(console::Lang::zh)) {
    zh.insert(k);
    CHECK_MESSAGE(!v.empty(), k);
  }
  for (const auto& [k, v] : strings.table(console::Lang::en)) {
    en.insert(k);
    CHECK_MESSAGE(!v.empty(), k);
  }
  CHECK(zh == en);

  std::set<std::string> used;
  const std::regex in_template(R"re(\{\{[#^/]?t\.([a-z_]+\.[a-z_.]+)\}\})re");
  for (const auto& entry : std::filesystem::directory_iterator(dir / "templates")) {
    const std::string text = test::read_text(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), in_template), end; it != end; ++it)
      used.insert((*it)[1]);
  }
  const std::regex in_code(R"re(tr\(\s*"([a-z_]+\.[a-z_.]+)")re");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_dir() / "console")) {
    if (entry.path().extension() != ".cpp") continue;
    const std::string text = test::read_text(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), in_code), end; it != end; ++it)
      used.insert((*it)[1]);
  }
  // Keys composed from a prefix and a value.
  for (auto c : content::kAllCollections)
    used.insert("collection." + std::string(content::collection_name(c)));
  for (auto s : content::EnumNames<content::DeskStatus>::names) used.insert("desk_status." + std::string(s));
  for (const char* r : {"viewer", "editor", "publisher", "admin"}) used.insert(std::string("role.") + r);
  for (const char* d : {"added", "changed", "removed"}) used.insert(std::string("diff.") + d);
  for (auto c : content::kAllCollections) {
    for (const auto& f : console::form_fields(c)) {
      used.insert("field." + f.key);
      for (const auto& choice : f.choices) used.insert("choice." + f.choice_set + "." + choice);
    }
  }
  CHECK(used.size() > 60);
  for (const auto& key : used) CHECK_MESSAGE(zh.count(key), "missing in zh.json: " << key);
}
