#include "tests/console/webdriver.hpp"

#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "tests/console/console_fixture.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/tls_files.hpp"

namespace kiosk::test {
namespace {

using nlohmann::json;
constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

}  // namespace

bool have_browser() {
  return std::filesystem::exists("/usr/bin/chromium") && std::filesystem::exists("/usr/bin/chromedriver");
}

Browser::Browser(const std::filesystem::path& work, const std::string& window) {
  std::filesystem::create_directories(work / "profile");
  port_ = free_port();
  driver_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"/usr/bin/chromedriver", "--port=" + std::to_string(port_)},
      std::vector<std::string>{}, work / "chromedriver.log");
  for (int i = 0; i < 200; ++i) {
    if (http({"GET", "http://127.0.0.1:" + std::to_string(port_) + "/status", {}, "", std::nullopt}).status ==
        200)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Flags as the machine notes say: no sandbox as root, and no background traffic (the network is closed).
  const json args = {"--headless",
                     "--no-sandbox",
                     "--disable-gpu",
                     "--disable-dev-shm-usage",
                     "--no-first-run",
                     "--disable-sync",
                     "--disable-background-networking",
                     "--disable-component-update",
                     "--window-size=" + window,
                     "--user-data-dir=" + (work / "profile").string()};
  json chrome = {{"binary", "/usr/bin/chromium"}, {"args", args}};
  // A desktop window is at least 500 px wide; a phone's viewport needs Chromium's device emulation.
  const int width = std::stoi(window.substr(0, window.find(',')));
  if (width < 500) {
    chrome["mobileEmulation"] = {
        {"deviceMetrics",
         {{"width", width}, {"height", std::stoi(window.substr(window.find(',') + 1))}, {"pixelRatio", 2}}}};
  }
  const json caps = {
      {"capabilities", {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", chrome}}}}}};
  const json reply = json::parse(command("POST", "/session", caps.dump()));
  session_ = reply["value"]["sessionId"].get<std::string>();
}

Browser::~Browser() {
  try {
    if (!session_.empty()) command("DELETE", "/session/" + session_);
  } catch (...) {
  }
}

std::string Browser::command(const std::string& method, const std::string& path, const std::string& body) {
  const auto r = http({method,
                       "http://127.0.0.1:" + std::to_string(port_) + path,
                       {"Content-Type: application/json"},
                       body.empty() && method == "POST" ? "{}" : body,
                       std::nullopt});
  if (r.status != 200) {
    throw std::runtime_error("webdriver " + method + " " + path + " " + body.substr(0, 200) + ": " +
                             std::to_string(r.status) + " " + r.body.substr(0, 500));
  }
  return r.body;
}

std::string Browser::script(const std::string& expression) {
  const auto r =
      json::parse(command("POST", "/session/" + session_ + "/execute/sync",
                          json{{"script", "return " + expression + ";"}, {"args", json::array()}}.dump()));
  return r["value"].dump();
}

void Browser::screenshot(const std::filesystem::path& png) {
  static constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string text = json::parse(command("GET", "/session/" + session_ + "/screenshot"))["value"];
  std::string bytes;
  unsigned value = 0;
  int bits = -8;
  for (char c : text) {
    const char* at = std::strchr(kBase64, c);
    if (at == nullptr || c == '\0') continue;
    value = (value << 6) | static_cast<unsigned>(at - kBase64);
    bits += 6;
    if (bits >= 0) {
      bytes.push_back(static_cast<char>((value >> bits) & 0xFF));
      bits -= 8;
    }
  }
  write_text(png, bytes);
}

void Browser::go(const std::string& url) {
  command("POST", "/session/" + session_ + "/url", json{{"url", url}}.dump());
}

std::string Browser::url() {
  return json::parse(command("GET", "/session/" + session_ + "/url"))["value"].get<std::string>();
}

bool Browser::wait_for_url(const std::string& part) {
  for (int i = 0; i < 200; ++i) {
    if (url().find(part) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

bool Browser::wait_for(const std::string& css) {
  for (int i = 0; i < 200; ++i) {
    if (has(css)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string Browser::source() {
  return json::parse(command("GET", "/session/" + session_ + "/source"))["value"].get<std::string>();
}

std::string Browser::element(const std::string& css) {
  const json reply = json::parse(command("POST", "/session/" + session_ + "/element",
                                         json{{"using", "css selector"}, {"value", css}}.dump()));
  return reply["value"][kElementKey].get<std::string>();
}

bool Browser::has(const std::string& css) {
  const json reply = json::parse(command("POST", "/session/" + session_ + "/elements",
                                         json{{"using", "css selector"}, {"value", css}}.dump()));
  return !reply["value"].empty();
}

void Browser::type(const std::string& css, const std::string& text) {
  const std::string id = element(css);
  try {
    command("POST", "/session/" + session_ + "/element/" + id + "/clear");
    command("POST", "/session/" + session_ + "/element/" + id + "/value", json{{"text", text}}.dump());
  } catch (const std::exception& e) {
    throw std::runtime_error("typing into " + css + " on " + url() + ": " + e.what());
  }
}

void Browser::attach(const std::string& css, const std::filesystem::path& file) {
  command("POST", "/session/" + session_ + "/element/" + element(css) + "/value",
          json{{"text", file.string()}}.dump());
}

void Browser::click(const std::string& css) {
  command("POST", "/session/" + session_ + "/element/" + element(css) + "/click");
}

void Browser::set_value(const std::string& css, const std::string& value) {
  const json script = {{"script", "document.querySelector(arguments[0]).value = arguments[1];"},
                       {"args", {css, value}}};
  command("POST", "/session/" + session_ + "/execute/sync", script.dump());
}

}  // namespace kiosk::test
