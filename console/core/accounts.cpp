#include "console/core/accounts.hpp"

#include <algorithm>
#include <stdexcept>

#include "console/core/audit.hpp"
#include "console/core/secrets.hpp"

namespace kiosk::console {
namespace {

// Verifying against this keeps a wrong user name as slow as a wrong password.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("not a real password");
  return hash;
}

Role stored_role(const std::string& text) {
  return role_from_name(text).value_or(Role::viewer);
}

}  // namespace

bool valid_account_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '-'; });
}

// Users and API tokens are both named accounts with a role, spaces and one stored secret.
void Accounts::insert_account(const char* kind, const std::string& name, Role role,
                              const std::vector<std::string>& spaces, const std::string& secret_hashed,
                              content::UnixSeconds now, const Principal& by) {
  const bool user = std::string_view(kind) == "user";
  const std::string table = user ? "users" : "tokens";
  db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    auto exists = db.prepare("SELECT 1 FROM " + table + " WHERE name=?1");
    exists.bind(1, name);
    if (exists.step()) throw std::runtime_error(std::string(kind) + " \"" + name + "\" exists already");
    db.prepare("INSERT INTO " + table + "(name, role, spaces, " + (user ? "password_hash" : "token_hash") +
               ", created_at) VALUES(?1, ?2, ?3, ?4, ?5)")
        .bind_all(name, std::string(role_name(role)), join_spaces(spaces), secret_hashed, now)
        .run();
    audit_append(db, by, now, std::string(kind) + ".add", std::string(kind) + ":" + name, "",
                 std::string(role_name(role)) + (spaces.empty() ? "" : " spaces=" + join_spaces(spaces)));
    tx.commit();
  });
}

void Accounts::add_user(const std::string& name, Role role, const std::vector<std::string>& spaces,
                        const std::string& password, content::UnixSeconds now, const Principal& by) {
  if (!valid_account_name(name)) {
    throw std::runtime_error("user name \"" + name + "\": use 1-64 letters, digits, '.', '_' or '-'");
  }
  if (password.size() < 8) throw std::runtime_error("the password must have at least 8 characters");
  insert_account("user", name, role, spaces, hash_password(password), now, by);
}

std::string Accounts::add_token(const std::string& name, Role role, const std::vector<std::string>& spaces,
                                content::UnixSeconds now, const Principal& by) {
  if (!valid_account_name(name)) {
    throw std::runtime_error("token name \"" + name + "\": use 1-64 letters, digits, '.', '_' or '-'");
  }
  const std::string token = "kc_" + random_hex(32);
  insert_account("token", name, role, spaces, secret_hash(token), now, by);
  return token;
}

std::vector<Accounts::UserRow> Accounts::users() {
  return db_.with([&](store::Database& db) {
    std::vector<UserRow> out;
    auto st = db.prepare("SELECT name, role, spaces, disabled FROM users ORDER BY name");
    while (st.step())
      out.push_back({st.text(0), stored_role(st.text(1)), split_spaces(st.text(2)), st.int64(3) != 0});
    return out;
  });
}

std::size_t Accounts::user_count() {
  return db_.with([](store::Database& db) {
    return static_cast<std::size_t>(db.scalar_int("SELECT count(*) FROM users"));
  });
}

LoginResult Accounts::login(const std::string& name, const std::string& password, const std::string& origin,
                            content::UnixSeconds now) {
  LoginResult result;
  struct Row {
    std::string hash;
    bool found = false, disabled = false;
    std::int64_t failures = 0, blocked_until = 0;
  } row;
  db_.with([&](store::Database& db) {
    auto st = db.prepare("SELECT password_hash, disabled FROM users WHERE name=?1");
    st.bind(1, name);
    if (st.step()) {
      row.found = true;
      row.hash = st.text(0);
      row.disabled = st.int64(1) != 0;
    }
    auto t = db.prepare("SELECT failures, blocked_until FROM login_throttle WHERE name=?1");
    t.bind(1, name);
    if (t.step()) {
      row.failures = t.int64(0);
      row.blocked_until = t.int64(1);
    }
  });
  if (row.blocked_until > now) {
    result.outcome = LoginResult::Outcome::throttled;
    result.retry_after_s = row.blocked_until - now;
    return result;
  }
  // Argon2 runs outside the lock: a login must not stall desk updates.
  const bool ok =
      verify_password(password, row.found ? row.hash : dummy_hash()) && row.found && !row.disabled;
  Principal who{name, Role::viewer, {}, origin};
  db_.with([&](store::Database& db) {
    store::Transaction tx(db);
    if (!ok) {
      const std::int64_t failures = row.failures + 1;
      std::int64_t delay = 0;
      if (failures > policy_.free_failures) {
        delay = std::min<std::int64_t>(policy_.max_delay_s, std::int64_t{1} << std::min<std::int64_t>(
                                                                failures - policy_.free_failures, 20));
      }
      db.prepare(
            "INSERT INTO login_throttle(name, failures, blocked_until) VALUES(?1, ?2, ?3) "
            "ON CONFLICT(name) DO UPDATE SET failures=excluded.failures, "
            "blocked_until=excluded.blocked_until")
          .bind_all(name, failures, now + delay)
          .run();
      if (row.found)
        audit_append(db, who, now, "login.failed", "user:" + name, "",
                     std::to_string(failures) + " failures");
    } else {
      result.session_id = random_hex(32);
      db.prepare("DELETE FROM login_throttle WHERE name=?1").bind_all(name).run();
      db.prepare(
            "INSERT INTO sessions(id_hash, user_name, csrf, created_at, last_seen) VALUES(?1, ?2, ?3, ?4, "
            "?4)")
          .bind_all(secret_hash(result.session_id), name, random_hex(32), now)
          .run();
      db.prepare("DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2")
          .bind_all(now - policy_.idle_s, now - policy_.absolute_s)
          .run();
      audit_append(db, who, now, "login", "user:" + name, "", "");
    }
    tx.commit();
  });
  result.outcome = ok ? LoginResult::Outcome::ok : LoginResult::Outcome::wrong;
  return result;
}

std::optional<Session> Accounts::session(const std::string& session_id, const std::string& origin,
                                         content::UnixSeconds now) {
  if (session_id.empty()) return std::nullopt;
  return db_.with([&](store::Database& db) -> std::optional<Session> {
    const std::string id_hash = secret_hash(session_id);
    auto st = db.prepare(
        "SELECT s.user_name, s.csrf, s.created_at, s.last_seen, u.role, u.spaces, u.disabled "
        "FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.id_hash=?1");
    st.bind(1, id_hash);
    if (!st.step()) return std::nullopt;
    const bool expired = st.int64(3) + policy_.idle_s < now || st.int64(2) + policy_.absolute_s < now;
    if (expired || st.int64(6) != 0) {
      db.prepare("DELETE FROM sessions WHERE id_hash=?1").bind_all(id_hash).run();
      return std::nullopt;
    }
    Session s{Principal{st.text(0), stored_role(st.text(4)), split_spaces(st.text(5)), origin}, st.text(1)};
    // Touching last_seen at most once a minute keeps page views from writing to disk each time.
    if (now - st.int64(3) >= 60) {
      db.prepare("UPDATE sessions SET last_seen=?2 WHERE id_hash=?1").bind_all(id_hash, now).run();
    }
    return s;
  });
}

void Accounts::logout(const std::string& session_id) {
  db_.with([&](store::Database& db) {
    db.prepare("DELETE FROM sessions WHERE id_hash=?1").bind_all(secret_hash(session_id)).run();
  });
}

std::optional<Principal> Accounts::token_principal(const std::string& token, const std::string& origin) {
  if (token.empty()) return std::nullopt;
  return db_.with([&](store::Database& db) -> std::optional<Principal> {
    auto st = db.prepare("SELECT name, role, spaces FROM tokens WHERE token_hash=?1 AND revoked=0");
    st.bind(1, secret_hash(token));
    if (!st.step()) return std::nullopt;
    return Principal{"token:" + st.text(0), stored_role(st.text(1)), split_spaces(st.text(2)), origin};
  });
}

}  // namespace kiosk::console
