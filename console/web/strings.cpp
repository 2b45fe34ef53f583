#include "console/web/strings.hpp"

#include <stdexcept>

#include "platform/files.hpp"

namespace kiosk::console {
namespace {

void load_one(const std::filesystem::path& file, std::map<std::string, std::string>& table,
              nlohmann::json& tree) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(platform::read_file(file, 1 << 20));
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
  if (!doc.is_object()) throw std::runtime_error(file.string() + ": must be a JSON object of strings");
  tree = nlohmann::json::object();
  for (const auto& [key, value] : doc.items()) {
    if (!value.is_string()) throw std::runtime_error(file.string() + ": \"" + key + "\" must be a string");
    table[key] = value.get<std::string>();
    tree[nlohmann::json::json_pointer("/" + [&] {
      std::string path = key;
      for (auto& ch : path) ch = ch == '.' ? '/' : ch;
      return path;
    }())] = value;
  }
}

}  // namespace

Strings Strings::load(const std::filesystem::path& dir) {
  Strings s;
  load_one(dir / "zh.json", s.zh_, s.zh_tree_);
  load_one(dir / "en.json", s.en_, s.en_tree_);
  return s;
}

const std::string& Strings::tr(const std::string& key, Lang lang) const {
  const auto& table = lang == Lang::en ? en_ : zh_;
  auto it = table.find(key);
  if (it != table.end()) return it->second;
  auto zh = zh_.find(key);
  if (zh != zh_.end()) return zh->second;
  static thread_local std::string missing;
  missing = key;
  return missing;
}

}  // namespace kiosk::console
