#pragma once
// Staff accounts, API tokens, browser sessions and the login throttle.
#include <optional>
#include <string>
#include <vector>

#include "console/core/console_db.hpp"
#include "console/core/roles.hpp"
#include "sync/content/time.hpp"

namespace kiosk::console {

struct SessionPolicy {
  content::UnixSeconds idle_s = 30 * 60;        // a forgotten browser logs itself out
  content::UnixSeconds absolute_s = 12 * 3600;  // even an active session ends after a working day
  int free_failures = 3;                        // failed logins before the delay starts
  content::UnixSeconds max_delay_s = 300;       // the delay doubles per failure up to this
};

struct Session {
  Principal who;
  std::string csrf;
};

struct LoginResult {
  enum class Outcome { ok, wrong, throttled } outcome = Outcome::wrong;
  std::string session_id;  // the cookie value (only here; the database keeps its hash)
  content::UnixSeconds retry_after_s = 0;
};

class Accounts {
 public:
  Accounts(ConsoleDb& db, SessionPolicy policy) : db_(db), policy_(policy) {}

  // Throws std::runtime_error with a message for the operator (name taken, bad name).
  void add_user(const std::string& name, Role role, const std::vector<std::string>& spaces,
                const std::string& password, content::UnixSeconds now, const Principal& by);
  // Returns the token, shown once.
  std::string add_token(const std::string& name, Role role, const std::vector<std::string>& spaces,
                        content::UnixSeconds now, const Principal& by);

  struct UserRow {
    std::string name;
    Role role;
    std::vector<std::string> spaces;
    bool disabled;
  };
  std::vector<UserRow> users();
  std::size_t user_count();

  // A failed or throttled attempt costs the same whether the user exists or not.
  LoginResult login(const std::string& name, const std::string& password, const std::string& origin,
                    content::UnixSeconds now);
  std::optional<Session> session(const std::string& session_id, const std::string& origin,
                                 content::UnixSeconds now);
  void logout(const std::string& session_id);
  std::optional<Principal> token_principal(const std::string& token, const std::string& origin);

 private:
  void insert_account(const char* kind, const std::string& name, Role role,
                      const std::vector<std::string>& spaces, const std::string& secret_hashed,
                      content::UnixSeconds now, const Principal& by);
  ConsoleDb& db_;
  SessionPolicy policy_;
};

// User and token names: letters, digits, '.', '_', '-', 1..64.
bool valid_account_name(const std::string& name);

}  // namespace kiosk::console
