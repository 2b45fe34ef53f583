// Every UI string key used in code exists in every language file, and the files have the same keys.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "sync/content/model.hpp"
#include "sync/engine/sync_status.hpp"
#include "sync/feed/feed_error.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;

namespace {

// Keys written literally in the UI code: tr("a.b"), format("a.b", ...), and the nav table.
std::set<std::string> literal_keys() {
  std::set<std::string> keys;
  // A key ends in a letter or digit: "month.short." + n is a prefix, checked in composed_keys().
  const std::regex call(R"re((?:tr|format)\(\s*"([a-z_]+\.[a-z_.0-9]*[a-z_0-9])")re");
  const std::regex nav(R"re("(nav\.[a-z_]+)")re");
  for (const char* dir : {"kiosk/ui", "kiosk/app"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_dir() / dir)) {
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") continue;
      const std::string text = test::read_text(entry.path());
      for (const auto* re : {&call, &nav}) {
        for (std::sregex_iterator it(text.begin(), text.end(), *re), end; it != end; ++it)
          keys.insert((*it)[1]);
      }
    }
  }
  return keys;
}

// Keys the code builds from a prefix and a value.
template <class E>
void add_enum(std::set<std::string>& keys, const std::string& prefix) {
  for (auto name : content::EnumNames<E>::names) keys.insert(prefix + std::string(name));
}

std::set<std::string> composed_keys() {
  std::set<std::string> keys;
  add_enum<content::EventCategory>(keys, "category.");
  add_enum<content::EventStatus>(keys, "event_status.");
  add_enum<content::ResourceCategory>(keys, "resource_category.");
  add_enum<content::DeskStatus>(keys, "desk_status.");
  add_enum<content::DeskKind>(keys, "desk_kind.");
  add_enum<content::DeskKind>(keys, "desk_kind_one.");
  keys.insert("event_status.running"), keys.insert("event_status.soon");  // phases, not statuses
  add_enum<content::IndicatorGroup>(keys, "index_group.");
  for (int d = 0; d < 7; ++d)
    keys.insert("weekday.long." + std::to_string(d)), keys.insert("weekday.short." + std::to_string(d));
  for (int m = 1; m <= 12; ++m)
    keys.insert("month." + std::to_string(m)), keys.insert("month.short." + std::to_string(m));
  keys.insert("staff.wrong_pin");
  for (auto state : sync::kSyncStates) keys.insert("sync_states." + std::string(state));
  for (int f = static_cast<int>(feed::Failure::config); f <= static_cast<int>(feed::Failure::storage); ++f) {
    keys.insert(std::string("sync_failures.") + feed::failure_code(static_cast<feed::Failure>(f)));
  }
  return keys;
}

}  // namespace

TEST_CASE("every key used in code is in zh.json and en.json") {
  auto keys = literal_keys();
  CHECK(keys.size() > 80);  // the scan found the code's keys, not nothing
  const auto composed = composed_keys();
  keys.insert(composed.begin(), composed.end());
  for (const auto& key : keys) {
    CHECK_MESSAGE(test::i18n().has(key, content::Lang::zh), "zh.json lacks " << key);
    CHECK_MESSAGE(test::i18n().has(key, content::Lang::en), "en.json lacks " << key);
  }
}

TEST_CASE("both language files have the same keys") {
  for (const auto& [key, value] : test::i18n().table(content::Lang::zh)) {
    CHECK_MESSAGE(test::i18n().has(key, content::Lang::en), "en.json lacks " << key);
  }
  for (const auto& [key, value] : test::i18n().table(content::Lang::en)) {
    CHECK_MESSAGE(test::i18n().has(key, content::Lang::zh), "zh.json lacks " << key);
  }
}

TEST_CASE("a broken language file is reported with its name") {
  test::TempDir dir;
  test::write_text(dir / "zh.json", "{\"a\": 1}");
  test::write_text(dir / "en.json", "{}");
  CHECK_THROWS_WITH(ui::I18n::load(dir.path()), doctest::Contains("zh.json: a: must be a string"));
}
