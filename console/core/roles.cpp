#include "console/core/roles.hpp"

#include <algorithm>

namespace kiosk::console {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::viewer:
      return "viewer";
    case Role::editor:
      return "editor";
    case Role::publisher:
      return "publisher";
    case Role::admin:
      return "admin";
  }
  return "viewer";
}

std::optional<Role> role_from_name(std::string_view name) {
  for (Role r : {Role::viewer, Role::editor, Role::publisher, Role::admin}) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

bool Principal::may_touch_space(std::string_view space) const {
  if (spaces.empty()) return true;
  if (space.empty()) return false;
  return std::find(spaces.begin(), spaces.end(), space) != spaces.end();
}

std::vector<std::string> split_spaces(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const auto end = comma == std::string_view::npos ? list.size() : comma;
    std::string part(list.substr(start, end - start));
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string join_spaces(const std::vector<std::string>& spaces) {
  std::string out;
  for (const auto& s : spaces) out += (out.empty() ? "" : ",") + s;
  return out;
}

Principal system_principal(std::string what) {
  Principal p;
  p.name = "console:" + what;
  p.role = Role::admin;
  p.origin = "console";
  return p;
}

}  // namespace kiosk::console
