#pragma once
// Who may do what. Roles are ordered: each one can do everything the one before it can.
//   viewer     reads everything
//   editor     changes items (in a four-eyes space the change waits for approval), desk status,
//              urgent notices
//   publisher  publishes, approves other people's changes, restores old versions
//   admin      accounts, API tokens, approval policy
// A principal limited to some spaces may only touch items of those spaces; zone-wide items
// (resources, indicators, notices, meta) need an unlimited principal.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::console {

enum class Role { viewer = 0, editor = 1, publisher = 2, admin = 3 };

std::string_view role_name(Role r);
std::optional<Role> role_from_name(std::string_view name);

struct Principal {
  std::string name;  // user name, or "token:<name>" for API tokens
  Role role = Role::viewer;
  std::vector<std::string> spaces;  // empty: every space and the zone-wide items
  std::string origin;               // the client address, for the audit log
  bool at_least(Role r) const { return static_cast<int>(role) >= static_cast<int>(r); }
  // Whether this principal may change an item that belongs to `space` ("" = zone-wide).
  bool may_touch_space(std::string_view space) const;
};

// "a,b" <-> {"a", "b"}; blanks dropped.
std::vector<std::string> split_spaces(std::string_view list);
std::string join_spaces(const std::vector<std::string>& spaces);

// The principal the console uses for its own automatic work (timestamp re-signing, desk batches).
Principal system_principal(std::string what);

}  // namespace kiosk::console
