#pragma once
// UI strings: one JSON file per language under assets/i18n/, dotted keys ("home.events_today").
// A test fails when a key used in code is missing from a language file (tests/ui/test_i18n.cpp).
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sync/content/model.hpp"

namespace kiosk::ui {

class I18n {
 public:
  // Loads zh.json and en.json from dir; throws std::runtime_error with the file and problem.
  static I18n load(const std::filesystem::path& dir);

  // The string for key in lang; a missing key shows the key itself (and is caught by the test).
  const std::string& tr(std::string_view key, content::Lang lang) const;
  bool has(std::string_view key, content::Lang lang) const;
  // {0}, {1} ... replaced in order.
  std::string format(std::string_view key, content::Lang lang,
                     std::initializer_list<std::string> args) const {
    return format(key, lang, std::vector<std::string>(args));
  }
  std::string format(std::string_view key, content::Lang lang, const std::vector<std::string>& args) const;

  // Every string of both languages, for the font glyph set.
  std::string all_text() const;
  const std::unordered_map<std::string, std::string>& table(content::Lang lang) const {
    return lang == content::Lang::en ? en_ : zh_;
  }

 private:
  std::unordered_map<std::string, std::string> zh_, en_;
  mutable std::unordered_map<std::string, std::string> missing_;
};

}  // namespace kiosk::ui
