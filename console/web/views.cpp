#include "console/web/views.hpp"

#include <kainjow/mustache.hpp>
#include <stdexcept>

#include "platform/files.hpp"

namespace kiosk::console {
namespace {

namespace mst = kainjow::mustache;

mst::data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mst::data d{mst::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mst::data d{mst::data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case nlohmann::json::value_t::boolean:
      return mst::data{j.get<bool>()};
    case nlohmann::json::value_t::string:
      return mst::data{j.get<std::string>()};
    case nlohmann::json::value_t::null:
      return mst::data{false};
    default:
      return mst::data{j.dump()};
  }
}

}  // namespace

Views Views::load(const std::filesystem::path& template_dir) {
  Views v;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(template_dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::string text = platform::read_file(entry.path(), 1 << 20);
    mst::mustache probe{text};
    if (!probe.is_valid()) throw std::runtime_error(entry.path().string() + ": " + probe.error_message());
    v.templates_[entry.path().stem().string()] = std::move(text);
  }
  if (ec || !v.templates_.count("layout")) {
    throw std::runtime_error("no console templates in " + template_dir.string() +
                             " (layout.mustache is missing)");
  }
  return v;
}

std::string Views::render(const std::string& name, const nlohmann::json& data) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::runtime_error("no template \"" + name + "\"");
  mst::mustache tmpl{it->second};
  return tmpl.render(to_data(data));
}

std::string Views::page(const std::string& name, nlohmann::json data, const Strings& strings,
                        Lang lang) const {
  data["t"] = strings.tree(lang);
  data["lang"] = lang == Lang::en ? "en" : "zh";
  data["lang_other"] = lang == Lang::en ? "zh" : "en";
  const std::string body = render(name, data);
  data["body"] = body;  // our own rendered (escaped) HTML: the layout inserts it with {{{body}}}
  return render("layout", data);
}

}  // namespace kiosk::console
