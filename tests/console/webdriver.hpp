#pragma once
// A small W3C WebDriver client (libcurl + nlohmann/json through the fixture's http()) driving
// Debian's chromium through chromedriver, headless: the console's pages tried in a real browser.
#include <filesystem>
#include <memory>
#include <string>

#include "tests/support/child_process.hpp"

namespace kiosk::test {

class Browser {
 public:
  // Starts chromedriver and a fresh headless Chromium profile in `work`.
  explicit Browser(const std::filesystem::path& work, const std::string& window = "1280,900");
  ~Browser();
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  void go(const std::string& url);
  std::string url();
  std::string source();
  // Waits up to 10 s for the address to contain `part` (a navigation the page started itself).
  bool wait_for_url(const std::string& part);
  // Waits up to 10 s for an element to exist.
  bool wait_for(const std::string& css);
  // Types into the element a CSS selector finds (clearing it first).
  void type(const std::string& css, const std::string& text);
  // Chooses a file in an <input type=file>.
  void attach(const std::string& css, const std::filesystem::path& file);
  void click(const std::string& css);
  // Sets a form control's value the way a picker would (date and time inputs, selects).
  void set_value(const std::string& css, const std::string& value);
  bool has(const std::string& css);
  // Runs `return <expression>` in the page; the value as JSON text.
  std::string script(const std::string& expression);
  // The viewport as a PNG file (for a person to look at what the tests saw).
  void screenshot(const std::filesystem::path& png);

 private:
  std::string element(const std::string& css);
  std::string command(const std::string& method, const std::string& path, const std::string& body = "");
  int port_ = 0;
  std::string session_;
  std::unique_ptr<ChildProcess> driver_;
};

// Whether chromium and chromedriver are installed (scripts/install-deps.sh test installs them).
bool have_browser();

}  // namespace kiosk::test
