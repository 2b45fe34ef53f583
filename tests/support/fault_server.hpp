#pragma once
// Our own HTTPS server on 127.0.0.1 for bad networks and bad servers: it serves a feed directory
// like nginx, and can instead hang, drip, cut off, never stop, fail with 5xx or 429, or answer like
// a captive portal — for every path, or only for paths under a prefix (e.g. "/objects/").
#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/tls_files.hpp"

namespace kiosk::test {

class FaultServer {
 public:
  enum class Mode {
    normal,          // serve files, with ETag / If-None-Match
    never_answer,    // accept, read the request, say nothing
    slow_drip,       // 200, then a few bytes a second
    truncated,       // announce the whole length, send half, close
    endless,         // 200 with no length, bytes until the client gives up
    server_error,    // 500 with an HTML page
    unavailable,     // 503 with an HTML page and Retry-After: 30
    rate_limited,    // 429 with Retry-After: 120
    captive_portal,  // 200 text/html login page
    not_found,       // 404
    not_modified,    // 304 whatever the request asked (a broken cache)
    redirect_http,   // 302 to the same path over plain http
  };

  // `wrong_host`: present the certificate for wrong.example instead of 127.0.0.1.
  FaultServer(const std::filesystem::path& root, const TlsFiles& tls, bool wrong_host = false);
  ~FaultServer();
  FaultServer(const FaultServer&) = delete;
  FaultServer& operator=(const FaultServer&) = delete;

  void set(Mode mode, std::string path_prefix = "/");
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }

 private:
  void serve();
  void handle(int client);

  std::filesystem::path root_;
  int listen_fd_ = -1;
  int port_ = 0;
  void* ctx_ = nullptr;  // SSL_CTX*
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  Mode mode_ = Mode::normal;
  std::string prefix_ = "/";
  std::thread thread_;
  std::vector<std::thread> workers_;
};

}  // namespace kiosk::test
