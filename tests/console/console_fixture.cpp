#include "tests/console/console_fixture.hpp"

#include <curl/curl.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>
#include <thread>

#include "console/core/accounts.hpp"
#include "console/core/console_db.hpp"
#include "console/core/content_dir.hpp"
#include "console/core/items.hpp"
#include "sync/content/time.hpp"
#include "sync/feed/keys.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/tls_files.hpp"

namespace kiosk::test {
namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* out) {
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n ") + 1);
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

content::UnixSeconds wall_now() {
  return static_cast<content::UnixSeconds>(std::time(nullptr));
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

HttpResponse http(const HttpRequest& request) {
  CURL* curl = curl_easy_init();
  HttpResponse response;
  curl_slist* headers = nullptr;
  for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  curl_mime* mime = nullptr;
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!request.ca.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, request.ca.c_str());
  if (request.multipart) {
    mime = curl_mime_init(curl);
    for (const auto& p : *request.multipart) {
      curl_mimepart* part = curl_mime_addpart(mime);
      curl_mime_name(part, p.name.c_str());
      curl_mime_data(part, p.value.data(), p.value.size());
      if (!p.filename.empty()) curl_mime_filename(part, p.filename.c_str());
      if (!p.type.empty()) curl_mime_type(part, p.type.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, nullptr);
  } else if (!request.body.empty() || request.method == "PUT" || request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  if (mime) curl_mime_free(mime);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK && response.status == 0) response.body = curl_easy_strerror(rc);
  return response;
}

std::string csrf_of(const std::string& html) {
  static const std::regex re(R"re(name="_csrf" value="([0-9a-f]+)")re");
  std::smatch m;
  return std::regex_search(html, m, re) ? m[1].str() : std::string();
}

ConsoleFixture::ConsoleFixture() : ConsoleFixture(Options{}) {}

ConsoleFixture::ConsoleFixture(Options options) : options_(std::move(options)) {
  data_ = tmp_ / "console";
  feed_ = tmp_ / "feed";
  keys_ = tmp_ / "keys";
  feed::generate_keys(keys_, wall_now());
  auto db = console::ConsoleDb::create(data_);
  db->set_setting("feed_dir", feed_.string());
  db->set_setting("keys_dir", keys_.string());
  console::ItemStore items(*db);
  const auto cli = console::system_principal("test");
  if (options_.demo) {
    const auto problems = console::import_content_dir(*db, items, demo_dir(), cli, wall_now());
    if (!problems.empty()) throw std::runtime_error("demo import failed: " + problems.front());
  } else {
    items.replace_all(cli, small_content(wall_now()), "import", wall_now());
  }
  console::Accounts accounts(*db, {});
  using console::Role;
  accounts.add_user("admin", Role::admin, {}, kPassword, wall_now(), cli);
  accounts.add_user("publisher", Role::publisher, {}, kPassword, wall_now(), cli);
  accounts.add_user("publisher2", Role::publisher, {}, kPassword, wall_now(), cli);
  accounts.add_user("editor", Role::editor, {}, kPassword, wall_now(), cli);
  accounts.add_user("viewer", Role::viewer, {}, kPassword, wall_now(), cli);
  accounts.add_user("space-editor", Role::editor, {"tjab"}, kPassword, wall_now(), cli);
  tokens_["editor"] = accounts.add_token("editor", Role::editor, {}, wall_now(), cli);
  tokens_["publisher"] = accounts.add_token("publisher", Role::publisher, {}, wall_now(), cli);
  tokens_["space-editor"] = accounts.add_token("space-editor", Role::editor, {"tjab"}, wall_now(), cli);
  db.reset();
  start();
}

ConsoleFixture::~ConsoleFixture() = default;

void ConsoleFixture::start() {
  port_ = free_port();
  auto argv = our_program("console/kiosk-console");
  for (const std::string& a :
       {std::string("serve"), std::string("--data-dir"), data_.string(), std::string("--listen"),
        "127.0.0.1:" + std::to_string(port_), std::string("--batch-seconds"), std::string("0.5")}) {
    argv.push_back(a);
  }
  if (!options_.secure_cookies) argv.push_back("--insecure-cookies");
  for (const auto& a : options_.extra_args) argv.push_back(a);
  server_ = std::make_unique<ChildProcess>(argv, std::vector<std::string>{}, tmp_ / "console.log");
  for (int i = 0; i < 600; ++i) {  // qemu needs a while to start it
    if (http({"GET", url("/login"), {}, "", std::nullopt}).status == 200) return;
    if (server_->wait(0.05)) break;
  }
  throw std::runtime_error("kiosk-console serve did not start:\n" + server_->log());
}

void ConsoleFixture::restart() {
  server_.reset();
  start();
}

ConsoleFixture::Browser ConsoleFixture::login(const std::string& user) const {
  Browser b;
  b.fx = this;
  const auto r = http({"POST",
                       url("/login"),
                       {"Origin: " + url()},
                       "",
                       std::vector<Part>{{"name", user, "", ""}, {"password", kPassword, "", ""}}});
  const std::string set_cookie = r.header("set-cookie");
  const auto start = set_cookie.find("kc_session=");
  if (r.status != 303 || start == std::string::npos)
    throw std::runtime_error("login as " + user + " failed: " + std::to_string(r.status));
  b.cookie = set_cookie.substr(start, set_cookie.find(';', start) - start);
  b.csrf = csrf_of(b.get("/").body);
  return b;
}

HttpResponse ConsoleFixture::Browser::get(const std::string& path) const {
  return http({"GET", fx->url(path), {"Cookie: " + cookie}, "", std::nullopt});
}

HttpResponse ConsoleFixture::Browser::post(const std::string& path, std::vector<Part> fields, bool add_csrf,
                                           const std::string& origin) const {
  if (add_csrf) fields.push_back({"_csrf", csrf, "", ""});
  return http({"POST",
               fx->url(path),
               {"Cookie: " + cookie, "Origin: " + (origin.empty() ? fx->url() : origin)},
               "",
               fields});
}

HttpResponse ConsoleFixture::api(const std::string& method, const std::string& path, const std::string& token,
                                 const std::string& body, std::vector<std::string> headers) const {
  if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
  headers.push_back("Content-Type: application/json");
  return http({method, url(path), headers, body, std::nullopt});
}

long ConsoleFixture::feed_version() const {
  const auto file = feed_ / "timestamp.json";
  if (!std::filesystem::exists(file)) return 0;
  static const std::regex re(R"re("version": ([0-9]+))re");
  const std::string text = read_text(file);
  std::smatch m;
  return std::regex_search(text, m, re) ? std::stol(m[1].str()) : 0;
}

}  // namespace kiosk::test
