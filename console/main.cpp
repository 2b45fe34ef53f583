// kiosk-console: the staff console's command line. `init` sets up a data directory, `user add` and
// `token add` create accounts, `serve` runs the web console and the JSON API, `export` writes the
// draft back as a content directory, `audit verify` checks the audit chain.
#include <CLI/CLI.hpp>
#include <csignal>
#include <ctime>
#include <iostream>
#include <thread>

#include "console/core/accounts.hpp"
#include "console/core/audit.hpp"
#include "console/core/console_db.hpp"
#include "console/core/content_dir.hpp"
#include "console/core/fleet.hpp"
#include "console/core/items.hpp"
#include "console/core/publisher.hpp"
#include "console/web/server.hpp"
#include "platform/files.hpp"
#include "platform/log.hpp"
#include "platform/paths.hpp"
#include "sync/feed/keys.hpp"

namespace fs = std::filesystem;
using namespace kiosk;
using namespace kiosk::console;

namespace {

content::UnixSeconds now() {
  return static_cast<content::UnixSeconds>(std::time(nullptr));
}

Principal operator_principal() {
  Principal p = system_principal("cli");
  const char* user = std::getenv("SUDO_USER");
  if (!user) user = std::getenv("USER");
  p.name = std::string("cli:") + (user ? user : "operator");
  return p;
}

std::string read_password_file(const std::string& path) {
  std::string text = platform::read_file(path, 4096);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

PublisherConfig publisher_config(ConsoleDb& db) {
  PublisherConfig c;
  c.feed_dir = db.setting("feed_dir");
  c.keys_dir = db.setting("keys_dir");
  return c;
}

void check_keys(const fs::path& keys) {
  const feed::KeyPaths k(keys);
  for (const auto& f : {k.online_key(), k.root_json()}) {
    if (!fs::exists(f)) {
      throw std::runtime_error(
          f.string() + " is missing: make keys with `kioskctl keygen --out " + keys.string() +
          "`, then move root.key to offline storage (the console needs only online.key and root.json)");
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{
      "kiosk-console - the staff web console that edits, approves and publishes the kiosks' signed feed"};
  app.require_subcommand(1);
  int exit_code = 0;

  std::string data_dir, feed_dir, keys_dir, import_dir;
  auto* init = app.add_subcommand("init", "Create the console's database in a data directory");
  init->add_option("--data-dir", data_dir, "The console's data directory")->required();
  init->add_option("--feed-dir", feed_dir, "Where the signed feed is written (served by nginx)")->required();
  init->add_option("--keys", keys_dir,
                   "Keys directory with online.key and root.json (root.key may stay offline)")
      ->required();
  init->add_option("--import", import_dir, "A content directory to start from (what staff have today)");
  init->callback([&] {
    check_keys(keys_dir);
    auto db = ConsoleDb::create(data_dir);
    db->set_setting("feed_dir", fs::absolute(feed_dir).string());
    db->set_setting("keys_dir", fs::absolute(keys_dir).string());
    fs::create_directories(feed_dir);
    std::cout << "created " << console_db_path(data_dir).string() << "\n";
    if (!import_dir.empty()) {
      ItemStore items(*db);
      const auto problems = import_content_dir(*db, items, import_dir, operator_principal(), now());
      if (!problems.empty()) {
        for (const auto& p : problems) std::cout << p << "\n";
        std::cout << problems.size()
                  << " error(s): nothing was imported; fix the directory and run import again\n";
        exit_code = 1;
        return;
      }
      std::cout << "imported " << import_dir << "\n";
    }
  });

  auto* import = app.add_subcommand("import", "Replace the draft with a content directory");
  import->add_option("--data-dir", data_dir)->required();
  import->add_option("DIR", import_dir, "Content directory")->required();
  import->callback([&] {
    auto db = ConsoleDb::open(data_dir);
  ItemStore items(*db);
  const auto problems = import_content_dir(*db, items, import_dir, operator_principal(), now());
  for (const auto& p : problems) std::cout << p << "\n";
  if (!problems.empty()) {
    std::cout << problems.size() << " error(s): nothing was imported\n";
    exit_code = 1;
    return;
  }
  std::cout << "imported " << import_dir << "\n";
});

std::string name, role_text, spaces_text, password_file;
auto* user = app.add_subcommand("user", "Staff accounts") -> require_subcommand(1);
auto* user_add = user->add_subcommand("add", "Add a staff account");
user_add->add_option("NAME", name)->required();
user_add->add_option("--role", role_text, "viewer, editor, publisher or admin")->required();
user_add->add_option("--spaces", spaces_text, "Limit to these spaces (comma-separated ids)");
user_add->add_option("--password-file", password_file, "A file holding the password (at least 8 characters)")
    ->required();
user_add->add_option("--data-dir", data_dir)->required();
user_add->callback([&] {
  const auto role = role_from_name(role_text);
  if (!role) throw std::runtime_error("--role: viewer, editor, publisher or admin");
  auto db = ConsoleDb::open(data_dir);
  Accounts accounts(*db, {});
  accounts.add_user(name, *role, split_spaces(spaces_text), read_password_file(password_file), now(),
                    operator_principal());
  std::cout << "added user " << name << " (" << role_name(*role) << ")\n";
});

auto* token = app.add_subcommand("token", "API tokens for integrations") -> require_subcommand(1);
auto* token_add = token->add_subcommand("add", "Add an API token; prints it once");
token_add->add_option("NAME", name)->required();
token_add->add_option("--role", role_text, "editor or publisher")->required();
token_add->add_option("--spaces", spaces_text, "Limit to these spaces (comma-separated ids)");
token_add->add_option("--data-dir", data_dir)->required();
token_add->callback([&] {
  const auto role = role_from_name(role_text);
  if (!role || (*role != Role::editor && *role != Role::publisher))
    throw std::runtime_error("--role: editor or publisher");
  auto db = ConsoleDb::open(data_dir);
  Accounts accounts(*db, {});
  std::cout << accounts.add_token(name, *role, split_spaces(spaces_text), now(), operator_principal())
            << "\n";
});

std::string kiosk_space;
auto* kiosk =
    app.add_subcommand("kiosk", "Lobby kiosks: pairing codes and revocation") -> require_subcommand(1);
auto* kiosk_add =
    kiosk->add_subcommand("add", "Add a kiosk (or renew its code); prints a one-time pairing code");
kiosk_add->add_option("ID", name, "The kiosk's id, e.g. hq-lobby-1")->required();
kiosk_add->add_option("--space", kiosk_space, "The space it stands in");
kiosk_add->add_option("--data-dir", data_dir)->required();
kiosk_add->callback([&] {
  auto db = ConsoleDb::open(data_dir);
  Fleet fleet(*db, {}, now);
  const std::string code = fleet.add_kiosk(name, kiosk_space, operator_principal());
  std::cout << code << std::endl;  // before the explanation on stderr, for scripts reading both
  std::cerr << "one-time pairing code for kiosk \"" << name << "\", valid 24 hours: on the kiosk, "
            << "kioskctl pair --console https://... --code " << code << " --data-dir /var/lib/kiosk\n";
});
auto* kiosk_revoke =
    kiosk->add_subcommand("revoke", "Revoke a kiosk's token (it keeps its content, stops beating)");
kiosk_revoke->add_option("ID", name)->required();
kiosk_revoke->add_option("--data-dir", data_dir)->required();
kiosk_revoke->callback([&] {
  auto db = ConsoleDb::open(data_dir);
  Fleet fleet(*db, {}, now);
  if (!fleet.revoke(name, operator_principal()))
    throw std::runtime_error("there is no kiosk \"" + name + "\"");
  std::cout << "kiosk \"" << name << "\" revoked\n";
});

std::string listen = "127.0.0.1:8080", public_origin;
bool insecure_cookies = false;
double batch_seconds = 2.0, resign_hours = 12, timestamp_hours = 48, session_idle_minutes = 30,
       session_max_hours = 12;
double api_rate = 500, api_burst = 1000;
double heartbeat_seconds = 60, offline_seconds = 300, behind_seconds = 600;
auto* serve = app.add_subcommand("serve", "Run the web console and the JSON API");
serve->add_option("--data-dir", data_dir)->required();
serve->add_option("--listen", listen, "HOST:PORT, loopback behind nginx (default 127.0.0.1:8080)");
serve->add_option("--public-origin", public_origin,
                  "The address staff use, e.g. https://console.example.org");
serve->add_flag("--insecure-cookies", insecure_cookies,
                "Session cookie without Secure (plain-HTTP development only)");
serve->add_option("--batch-seconds", batch_seconds,
                  "Desk and urgent changes are published after this many seconds");
serve->add_option("--resign-hours", resign_hours, "How often the timestamp is re-signed");
serve->add_option("--timestamp-hours", timestamp_hours, "How long a signed timestamp stays valid");
serve->add_option("--session-idle-minutes", session_idle_minutes, "Idle time before a browser session ends");
serve->add_option("--session-max-hours", session_max_hours,
                  "A browser session ends after this long, active or not");
serve->add_option("--api-rate", api_rate, "API requests per second per token before 429");
serve->add_option("--api-burst", api_burst, "API requests a token may burst above the rate");
serve->add_option("--heartbeat-seconds", heartbeat_seconds, "How often kiosks beat (told in every reply)");
serve->add_option("--offline-seconds", offline_seconds,
                  "A kiosk silent this long is offline (at least 2.5 beats)");
serve->add_option("--behind-seconds", behind_seconds, "A newer version not shown after this long: behind");
serve->callback([&] {
  auto db = ConsoleDb::open(data_dir);
  ServeOptions options;
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen: HOST:PORT");
  options.host = listen.substr(0, colon);
  options.port = std::stoi(listen.substr(colon + 1));
  options.asset_dir = platform::asset_dir(KIOSK_SOURCE_ASSETS);
  options.secure_cookies = !insecure_cookies;
  options.public_origin = public_origin;
  options.publisher = publisher_config(*db);
  options.publisher.batch_window_s = batch_seconds;
  options.publisher.resign_interval = static_cast<content::UnixSeconds>(resign_hours * 3600);
  options.publisher.timestamp_lifetime = static_cast<content::UnixSeconds>(timestamp_hours * 3600);
  options.session.idle_s = static_cast<content::UnixSeconds>(session_idle_minutes * 60);
  options.session.absolute_s = static_cast<content::UnixSeconds>(session_max_hours * 3600);
  options.api_rate_per_s = api_rate;
  options.api_burst = api_burst;
  options.fleet.default_heartbeat_s = heartbeat_seconds;
  options.fleet.offline_after_s = offline_seconds;
  options.fleet.behind_after_s = behind_seconds;
  check_keys(options.publisher.keys_dir);
  // SIGTERM and SIGINT end the server cleanly: a thread waits for them (handlers may not stop it).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ConsoleServer server(*db, options);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop();
  });
  try {
    server.run();
  } catch (...) {
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    throw;
  }
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
});

std::string out_dir;
auto* export_cmd =
    app.add_subcommand("export", "Write the draft as a content directory (kioskctl check passes on it)");
export_cmd->add_option("--data-dir", data_dir)->required();
export_cmd->add_option("--out", out_dir, "Directory to write")->required();
export_cmd->callback([&] {
  auto db = ConsoleDb::open(data_dir);
  ItemStore items(*db);
  write_content_dir(items.draft(), db->image_dir(), out_dir);
  std::cout << "exported to " << out_dir << "\n";
});

std::string reason;
auto* publish =
    app.add_subcommand("publish", "Sign and publish the draft as a new version (as the Publish page does)");
publish->add_option("--data-dir", data_dir)->required();
publish->add_option("--reason", reason, "A note for the history");
publish->callback([&] {
  auto db = ConsoleDb::open(data_dir);
  ItemStore items(*db);
  Publisher publisher(*db, items, publisher_config(*db), now);
  const auto out = publisher.publish_draft(operator_principal(), reason);
  for (const auto& p : out.problems) std::cout << p << "\n";
  if (!out.ok) {
    std::cout << (out.error.empty() ? std::to_string(out.problems.size()) + " error(s): nothing was published"
                                    : out.error)
              << "\n";
    exit_code = 1;
    return;
  }
  std::cout << (out.new_version ? "published version " : "unchanged: version ") << out.version << " ("
            << out.diff.size() << " items changed)\n";
});

auto* audit = app.add_subcommand("audit", "The audit log") -> require_subcommand(1);
auto* verify = audit->add_subcommand("verify", "Check the audit chain; names the first broken row");
verify->add_option("--data-dir", data_dir)->required();
verify->callback([&] {
  auto db = ConsoleDb::open(data_dir);
  const auto check = db->with([](store::Database& sql) { return audit_verify(sql); });
  if (check.first_broken) {
    std::cout << "audit chain broken at row " << *check.first_broken << ": " << check.problem << "\n";
    exit_code = 1;
    return;
  }
  std::cout << "audit chain intact: " << check.rows << " rows\n";
});

try {
  app.parse(argc, argv);
} catch (const CLI::ParseError& e) {
  return app.exit(e);
} catch (const std::exception& e) {
  std::cerr << "kiosk-console: " << e.what() << "\n";
  return 2;
}
return exit_code;
}
