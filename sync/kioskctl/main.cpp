// kioskctl: validate, import, query, publish and sync kiosk content without a screen.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "platform/log.hpp"
#include "sync/kioskctl/commands.hpp"
#include "sync/kioskctl/safe_output.hpp"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);             // a server hanging up is an error value, not a crash
  const kiosk::ctl::SafeOutput safe_output;  // content never reaches the terminal as escape sequences
  CLI::App app{"kioskctl - staff and diagnostics tool for the lobby kiosk"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  int exit_code = 0;
  kiosk::ctl::add_check_command(app, exit_code);
  kiosk::ctl::add_import_command(app, exit_code);
  kiosk::ctl::add_query_command(app, exit_code);
  kiosk::ctl::add_keygen_command(app, exit_code);
  kiosk::ctl::add_publish_command(app, exit_code);
  kiosk::ctl::add_sync_command(app, exit_code);
  kiosk::ctl::add_status_command(app, exit_code);
  kiosk::ctl::add_pin_hash_command(app, exit_code);
  kiosk::ctl::add_pair_command(app, exit_code);
  kiosk::ctl::add_heartbeat_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "kioskctl: " << e.what() << "\n";
    return 2;
  }
  return exit_code;
}
