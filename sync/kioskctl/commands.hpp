#pragma once
// One function per kioskctl command; main.cpp wires them to the command line (CLI11).
#include <CLI/CLI.hpp>

namespace kiosk::ctl {

// Each registers its subcommand on `app`; the callback sets `exit_code`.
void add_check_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_query_command(CLI::App& app, int& exit_code);
void add_keygen_command(CLI::App& app, int& exit_code);
void add_publish_command(CLI::App& app, int& exit_code);
void add_sync_command(CLI::App& app, int& exit_code);
void add_status_command(CLI::App& app, int& exit_code);
void add_pin_hash_command(CLI::App& app, int& exit_code);
void add_pair_command(CLI::App& app, int& exit_code);
void add_heartbeat_command(CLI::App& app, int& exit_code);

}  // namespace kiosk::ctl
