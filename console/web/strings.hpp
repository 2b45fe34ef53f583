#pragma once
// The console's words: assets/console/i18n/zh.json and en.json, flat dotted keys. Chinese first;
// tests/console/test_console_strings.cpp fails when a key used in code or templates is missing.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace kiosk::console {

enum class Lang { zh, en };

class Strings {
 public:
  // Throws std::runtime_error naming the file when one is missing or malformed.
  static Strings load(const std::filesystem::path& dir);
  const std::string& tr(const std::string& key, Lang lang) const;
  // Every string of one language as a nested object ("nav.items" -> {"nav": {"items": ...}}), for templates.
  const nlohmann::json& tree(Lang lang) const { return lang == Lang::en ? en_tree_ : zh_tree_; }
  const std::map<std::string, std::string>& table(Lang lang) const { return lang == Lang::en ? en_ : zh_; }

 private:
  std::map<std::string, std::string> zh_, en_;
  nlohmann::json zh_tree_, en_tree_;
};

}  // namespace kiosk::console
