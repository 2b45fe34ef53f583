// Every console string key used in code or templates exists in zh.json and en.json, and the two
// files have the same keys (a missing key would show staff the key itself).
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "console/core/kiosk_state.hpp"
#include "console/web/forms.hpp"
#include "console/web/strings.hpp"
#include "platform/device_facts.hpp"
#include "sync/content/content_json.hpp"
#include "sync/content/model.hpp"
#include "sync/feed/feed_error.hpp"
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
  // The fleet: states, sync failures, results and the reasons a kiosk gives for a refused command.
  for (int i = 0; i <= static_cast<int>(console::KioskState::revoked); ++i)
    used.insert("state." + std::string(console::kiosk_state_name(static_cast<console::KioskState>(i))));
  for (int i = 1; i <= static_cast<int>(feed::Failure::storage); ++i)
    used.insert(std::string("failure.") + feed::failure_code(static_cast<feed::Failure>(i)));
  for (const char* r : {"ok", "error", "never", "not_configured"})
    used.insert(std::string("sync_result.") + r);
  for (const char* d : {"on", "dark", "none"}) used.insert(std::string("display.") + d);
  for (const char* c : {"screenshot", "sync_now"}) used.insert(std::string("command.") + c);
  for (const char* r : {"queued", "sent", "done", "refused", "failed"})
    used.insert(std::string("command_result.") + r);
  for (const char* r :
       {"staff_overlay_open", "display_dark", "timeout", "no_display", "stopping", "read_failed"})
    used.insert(std::string("command_reason.") + r);
  used.erase("fleet.throttle.");  // composed with every code the firmware's bits have:
  for (const auto& code : platform::throttled_codes(0xFFFFFFFFu)) used.insert("fleet.throttle." + code);
  CHECK(used.size() > 60);
  for (const auto& key : used) CHECK_MESSAGE(zh.count(key), "missing in zh.json: " << key);
}
