#include "sync/fleet/console_link.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <system_error>

#include "platform/files.hpp"
#include "sync/engine/http_client.hpp"

namespace kiosk::fleet {
namespace {

constexpr std::size_t kMaxCredentialsBytes = 4096;
constexpr std::size_t kMaxPairReplyBytes = 4096;

}  // namespace

std::string console_message(const std::string& body) {
  try {
    const auto j = nlohmann::json::parse(body);
    if (j.is_object() && j.contains("message") && j["message"].is_string())
      return j["message"].get<std::string>();
  } catch (const std::exception&) {
  }
  return "";
}

std::string normalise_console_url(std::string url) {
  while (!url.empty() && (url.back() == '/' || std::isspace(static_cast<unsigned char>(url.back()))))
    url.pop_back();
  if (url.rfind("https://", 0) != 0 || url.size() <= 8) {
    throw std::runtime_error(
        "console.url must be an https:// address (the token must never cross the network in clear)");
  }
  return url;
}

ConsoleConfig parse_console_config(const nlohmann::json& j) {
  if (!j.is_object()) throw std::runtime_error("console must be an object like {\"url\": \"https://...\"}");
  ConsoleConfig c;
  auto url = j.find("url");
  if (url == j.end() || !url->is_string()) throw std::runtime_error("console.url is missing");
  c.url = normalise_console_url(url->get<std::string>());
  if (auto it = j.find("heartbeat_s"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) throw std::runtime_error("console.heartbeat_s must be a number of seconds");
    c.heartbeat_s = it->get<double>();
    if (c.heartbeat_s < 1 || c.heartbeat_s > 3600)
      throw std::runtime_error("console.heartbeat_s must be between 1 and 3600");
  }
  if (auto it = j.find("ca"); it != j.end() && !it->is_null()) {
    if (!it->is_string()) throw std::runtime_error("console.ca must be a file name");
    c.ca = it->get<std::string>();
  }
  return c;
}

std::filesystem::path credentials_path(const std::filesystem::path& data_dir) {
  return data_dir / "console.json";
}

std::optional<Credentials> load_credentials(const std::filesystem::path& data_dir) {
  const auto file = credentials_path(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::nullopt;
  try {
    const auto j = nlohmann::json::parse(platform::read_file(file, kMaxCredentialsBytes));
    Credentials c{j.at("console_url").get<std::string>(), j.at("kiosk_id").get<std::string>(),
                  j.at("token").get<std::string>()};
    if (c.token.empty() || c.kiosk_id.empty()) throw std::runtime_error("empty token or kiosk id");
    return c;
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + " is unreadable (" + e.what() +
                             "): pair the kiosk with the console again");
  }
}

void save_credentials(const std::filesystem::path& data_dir, const Credentials& c) {
  const nlohmann::json j = {{"console_url", c.console_url}, {"kiosk_id", c.kiosk_id}, {"token", c.token}};
  std::filesystem::create_directories(data_dir);
  platform::write_file_atomic(credentials_path(data_dir), j.dump(2) + "\n", 0600);
}

void set_credentials_aside(const std::filesystem::path& data_dir) {
  std::error_code ec;
  const auto file = credentials_path(data_dir);
  std::filesystem::rename(file, file.string() + ".revoked", ec);
}

std::string normalise_pair_code(const std::string& code) {
  std::string out;
  for (unsigned char ch : code) {
    if (std::isalnum(ch)) out.push_back(static_cast<char>(std::toupper(ch)));
  }
  return out;
}

Credentials pair_with_console(const std::string& console_url, const std::string& code,
                              const std::string& ca_file, const std::filesystem::path& data_dir,
                              const std::string& software_version) {
  const std::string url = normalise_console_url(console_url);
  const std::string normal = normalise_pair_code(code);
  if (normal.size() != 8)
    throw PairError("a pairing code has 8 letters and digits; \"" + code + "\" has " +
                    std::to_string(normal.size()));
  sync::HttpOptions options;
  options.ca_file = ca_file;
  options.total_timeout_s = 30;
  options.server_name = "the console";
  sync::HttpClient http(options);
  sync::HttpClient::Upload upload;
  upload.body = nlohmann::json{{"code", normal}, {"software", software_version}}.dump();
  sync::HttpResponse r;
  try {
    r = http.send(url + "/api/v1/pair", "the pairing request", upload, kMaxPairReplyBytes);
  } catch (const std::exception& e) {
    throw PairError(e.what());
  }
  if (r.status == 429)
    throw PairError("too many pairing attempts from this address: wait a minute and try again");
  if (r.status != 200) {
    const std::string said = console_message(r.body);
    throw PairError(said.empty() ? "the console refused the pairing (HTTP " + std::to_string(r.status) + ")"
                                 : "the console refused the pairing: " + said);
  }
  Credentials c;
  try {
    const auto j = nlohmann::json::parse(r.body);
    c.console_url = url;
    c.kiosk_id = j.at("kiosk_id").get<std::string>();
    c.token = j.at("token").get<std::string>();
  } catch (const std::exception& e) {
    throw PairError(std::string("the console's answer to the pairing is not understood (") + e.what() + ")");
  }
  if (c.kiosk_id.empty() || c.token.size() < 32)
    throw PairError("the console's answer to the pairing has no usable token");
  try {
    save_credentials(data_dir, c);
  } catch (const std::exception& e) {
    throw PairError(std::string("paired, but the token could not be saved: ") + e.what());
  }
  return c;
}

}  // namespace kiosk::fleet
