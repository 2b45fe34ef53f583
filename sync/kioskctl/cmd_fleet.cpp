// kioskctl pair / heartbeat: the console link from a shell — pairing a kiosk whose screen is not at
// hand, and one heartbeat from a data directory's facts (tests, and staff checking the link).
#include <iostream>

#include "sync/fleet/console_link.hpp"
#include "sync/fleet/fleet_agent.hpp"
#include "sync/fleet/report_facts.hpp"
#include "sync/kioskctl/commands.hpp"

namespace kiosk::ctl {

void add_pair_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "pair", "Pair a kiosk's data directory with the staff console (code from \"Add kiosk\")");
  struct Args {
    std::string console, code, data_dir, ca;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--console", a->console, "The console's https:// address")->required();
  cmd->add_option("--code", a->code, "The 8-character pairing code")->required();
  cmd->add_option("--data-dir", a->data_dir, "Kiosk data directory (the token is stored there, mode 0600)")
      ->required();
  cmd->add_option("--ca", a->ca, "CA certificate file for the console");
  cmd->callback([a, &exit_code] {
    try {
      const auto c = fleet::pair_with_console(a->console, a->code, a->ca, a->data_dir, KIOSK_VERSION);
      std::cout << "paired with " << c.console_url << " as kiosk \"" << c.kiosk_id << "\"; token saved in "
                << fleet::credentials_path(a->data_dir).string() << "\n";
      exit_code = 0;
    } catch (const fleet::PairError& e) {
      std::cerr << "kioskctl: " << e.what() << "\n";
      exit_code = 1;
    }
  });
}

void add_heartbeat_command(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("heartbeat", "Send one heartbeat to the console from a data directory's facts");
  struct Args {
    std::string console, data_dir, ca, system_root = "/";
    bool once = true;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--console", a->console, "The console's https:// address (default: the one paired with)");
  cmd->add_option("--data-dir", a->data_dir, "Kiosk data directory")->required();
  cmd->add_option("--ca", a->ca, "CA certificate file for the console");
  cmd->add_option("--system-root", a->system_root, "Where /sys and /proc are read (tests)")->group("");
  cmd->add_flag("--once", a->once, "One heartbeat (the default; the kiosk itself beats continuously)");
  cmd->callback([a, &exit_code] {
    auto credentials = fleet::load_credentials(a->data_dir);
    if (!credentials) {
      std::cerr << "kioskctl: " << a->data_dir
                << " is not paired with a console: run `kioskctl pair` first\n";
      exit_code = 2;
      return;
    }
    if (!a->console.empty()) credentials->console_url = fleet::normalise_console_url(a->console);
    const auto report = fleet::report_from_data_dir(a->data_dir, a->system_root, KIOSK_VERSION);
    sync::HttpClient http(fleet::console_http_options(a->ca));
    const auto out = fleet::send_heartbeat(http, *credentials, report);
    if (out.kind != fleet::BeatOutcome::Kind::ok) {
      std::cerr << "kioskctl: " << out.error << "\n";
      exit_code = 1;
      return;
    }
    std::cout << "heartbeat accepted for kiosk \"" << credentials->kiosk_id << "\" (content version "
              << report.content_version << "); next in " << out.reply.next_s << " s";
    for (const auto& c : out.reply.commands)
      std::cout << "; the console asks for " << c.kind << " (#" << c.id << ")";
    std::cout << "\n";
    exit_code = 0;
  });
}

}  // namespace kiosk::ctl
