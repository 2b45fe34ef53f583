#pragma once
// Server-rendered HTML: Mustache templates (assets/console/templates) that HTML-escape every value
// by default; a page is its body template rendered inside layout.mustache. Templates get their
// data as JSON and the strings of the visitor's language under "t".
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "console/web/strings.hpp"

namespace kiosk::console {

class Views {
 public:
  // Loads and parses every template; throws std::runtime_error naming a broken one.
  static Views load(const std::filesystem::path& template_dir);
  // Renders `page` with `data` (plus "t": strings) inside the layout.
  std::string page(const std::string& name, nlohmann::json data, const Strings& strings, Lang lang) const;
  bool has(const std::string& name) const { return templates_.count(name) != 0; }

 private:
  std::string render(const std::string& name, const nlohmann::json& data) const;
  std::map<std::string, std::string> templates_;
};

}  // namespace kiosk::console
