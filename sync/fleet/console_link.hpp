#pragma once
// How a kiosk reaches the staff console: the optional "console" section of kiosk.json, the
// credentials a pairing leaves in the data directory (console.json, mode 0600: the console keeps only
// the token's hash), and the pairing request itself. Without a console section or credentials the
// kiosk works exactly as before: a static feed host is enough.
#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace kiosk::fleet {

struct ConsoleConfig {
  std::string url;          // https://console.example.cn (no trailing slash)
  double heartbeat_s = 60;  // the console's reply may ask for another interval (bounded)
  std::string ca;           // CA file for the console's certificate; empty: the system's store
};

// Throws std::runtime_error naming the field ("console.url must start with https://").
ConsoleConfig parse_console_config(const nlohmann::json& section);

struct Credentials {
  std::string console_url;
  std::string kiosk_id;  // the console's name for this kiosk (given by the admin who added it)
  std::string token;     // the bearer token for heartbeats and screenshots
};

std::filesystem::path credentials_path(const std::filesystem::path& data_dir);
// nullopt when the kiosk was never paired; throws std::runtime_error if the file is unreadable.
std::optional<Credentials> load_credentials(const std::filesystem::path& data_dir);
// Atomically (rename), readable by the kiosk's user only.
void save_credentials(const std::filesystem::path& data_dir, const Credentials& c);
// A revoked token is kept aside (console.json.revoked) so a restart does not knock again.
void set_credentials_aside(const std::filesystem::path& data_dir);

// "ab3k-7q2m " -> "AB3K7Q2M": what staff type on a touch keyboard or a shell.
std::string normalise_pair_code(const std::string& code);

class PairError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Sends the one-time code to the console and stores the token it returns. Throws PairError with a
// sentence for staff (wrong or used code, too many attempts, no connection ...).
Credentials pair_with_console(const std::string& console_url, const std::string& code,
                              const std::string& ca_file, const std::filesystem::path& data_dir,
                              const std::string& software_version);

// The "message" of the console's {"error", "message"} reply, or "" when there is none.
std::string console_message(const std::string& body);

// "https://console.example.cn/" -> "https://console.example.cn"; throws for anything but https.
std::string normalise_console_url(std::string url);

}  // namespace kiosk::fleet
