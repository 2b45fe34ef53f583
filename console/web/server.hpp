#pragma once
// kiosk-console serve: the web console and the JSON API on one loopback port (cpp-httplib), behind
// nginx, which terminates TLS (docs/console.md). The publisher's background thread runs alongside.
#include <filesystem>
#include <memory>
#include <string>

#include "console/core/accounts.hpp"
#include "console/core/console_db.hpp"
#include "console/core/fleet.hpp"
#include "console/core/publisher.hpp"

namespace kiosk::console {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::filesystem::path asset_dir;  // holds console/templates, console/i18n, console/static
  SessionPolicy session;
  PublisherConfig publisher;
  bool secure_cookies = true;   // off only for plain-HTTP development on loopback
  std::string public_origin;    // "https://console.example.org"; empty: trust the Host header
  double api_rate_per_s = 500;  // per API token or user: sustained requests per second ...
  double api_burst = 1000;      // ... and the burst above it before 429
  FleetPolicy fleet;            // heartbeat interval, offline and behind thresholds, retention
  double fleet_tick_s = 1;      // how often the monitor looks for late and offline kiosks
};

class ConsoleServer {
 public:
  ConsoleServer(ConsoleDb& db, ServeOptions options);
  ~ConsoleServer();
  // Binds and serves until stop() (or SIGTERM in the program). Throws if the address is taken.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::console
