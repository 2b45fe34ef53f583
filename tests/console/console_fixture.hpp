#pragma once
// A real console for the tests: a data directory made with the console's own code (keys, demo
// content, one account per role), and `kiosk-console serve` run as a child process on a free
// loopback port. Requests go over real HTTP with libcurl.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace kiosk::test {

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; the last value wins
  std::string header(const std::string& name) const;
};

struct Part {
  std::string name, value, filename, type;  // filename set: a file part
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::optional<std::vector<Part>> multipart;
  std::string ca = {};  // HTTPS: the CA to trust
};
HttpResponse http(const HttpRequest& request);

// One password for every test account.
inline const std::string kPassword = "correct horse 8";

class ConsoleFixture {
 public:
  struct Options {
    bool demo = true;             // import assets/demo (else the small content set)
    bool secure_cookies = false;  // the Secure flag needs HTTPS in a browser
    std::vector<std::string> extra_args;
  };
  ConsoleFixture();
  explicit ConsoleFixture(Options options);
  ~ConsoleFixture();

  int port() const { return port_; }
  std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  const std::filesystem::path& data() const { return data_; }
  const std::filesystem::path& feed() const { return feed_; }
  const std::filesystem::path& keys() const { return keys_; }
  const std::filesystem::path& dir() const { return tmp_.path(); }
  // API tokens made at set-up: "editor", "publisher", "space-editor" (space tjab only).
  const std::string& token(const std::string& name) const { return tokens_.at(name); }
  std::string log() const { return server_ ? server_->log() : std::string(); }

  // A logged-in browser: its session cookie and the CSRF token of its pages.
  struct Browser {
    const ConsoleFixture* fx = nullptr;
    std::string cookie, csrf;
    HttpResponse get(const std::string& path) const;
    // A multipart form post with the CSRF token and this console's Origin added.
    HttpResponse post(const std::string& path, std::vector<Part> fields, bool add_csrf = true,
                      const std::string& origin = "") const;
  };
  // Accounts: admin, publisher, publisher2, editor, viewer, space-editor.
  Browser login(const std::string& user) const;

  // API call with a bearer token.
  HttpResponse api(const std::string& method, const std::string& path, const std::string& token,
                   const std::string& body = "", std::vector<std::string> headers = {}) const;

  // The feed's current version (timestamp.json), 0 if none.
  long feed_version() const;
  void restart();

 private:
  void start();
  Options options_;
  TempDir tmp_;
  std::filesystem::path data_, feed_, keys_;
  std::map<std::string, std::string> tokens_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> server_;
};

// The value of the first `name="_csrf" value="..."` in a page.
std::string csrf_of(const std::string& html);

}  // namespace kiosk::test
