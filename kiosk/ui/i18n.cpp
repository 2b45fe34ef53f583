#include "kiosk/ui/i18n.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "platform/files.hpp"
#include "sync/content/json_limits.hpp"

namespace kiosk::ui {
namespace {

void flatten(const nlohmann::json& node, const std::string& prefix,
             std::unordered_map<std::string, std::string>& out, const std::string& file) {
  for (const auto& [key, value] : node.items()) {
    const std::string full = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object()) {
      flatten(value, full, out, file);
    } else if (value.is_string()) {
      out[full] = value.get<std::string>();
    } else {
      throw std::runtime_error(file + ": " + full + ": must be a string");
    }
  }
}

std::unordered_map<std::string, std::string> load_file(const std::filesystem::path& file) {
  std::unordered_map<std::string, std::string> out;
  try {
    flatten(content::parse_json_limited(platform::read_file(file, 1 << 20)), "", out, file.string());
  } catch (const content::JsonError& e) {
    throw std::runtime_error(file.string() + ": " + e.what());
  }
  return out;
}

}  // namespace

I18n I18n::load(const std::filesystem::path& dir) {
  I18n i;
  i.zh_ = load_file(dir / "zh.json");
  i.en_ = load_file(dir / "en.json");
  return i;
}

const std::string& I18n::tr(std::string_view key, content::Lang lang) const {
  const auto& table = lang == content::Lang::en ? en_ : zh_;
  if (auto it = table.find(std::string(key)); it != table.end()) return it->second;
  auto [it, inserted] = missing_.try_emplace(std::string(key), std::string(key));
  return it->second;
}

bool I18n::has(std::string_view key, content::Lang lang) const {
  return table(lang).count(std::string(key)) > 0;
}

std::string I18n::format(std::string_view key, content::Lang lang,
                         const std::vector<std::string>& args) const {
  std::string out = tr(key, lang);
  int index = 0;
  for (const auto& arg : args) {
    const std::string marker = "{" + std::to_string(index++) + "}";
    if (auto pos = out.find(marker); pos != std::string::npos) out.replace(pos, marker.size(), arg);
  }
  return out;
}

std::string I18n::all_text() const {
  std::string out;
  for (const auto* table : {&zh_, &en_}) {
    for (const auto& [key, value] : *table) out += value;
  }
  return out;
}

}  // namespace kiosk::ui
