#pragma once
// A real nginx on 127.0.0.1 (random port, HTTPS with the test CA) serving a feed directory, started
// by the test and stopped when it goes out of scope. What a zone would host the feed with.
#include <sys/types.h>

#include <filesystem>
#include <string>

#include "tests/support/tls_files.hpp"

namespace kiosk::test {

class NginxServer {
 public:
  NginxServer(const std::filesystem::path& root, const TlsFiles& tls, const std::filesystem::path& work_dir);
  // A server whose `server { }` body is `server_body` (instead of serving `root`), with `http_extra`
  // in the http block: nginx as a reverse proxy, configured the way a deployment guide says.
  NginxServer(const TlsFiles& tls, const std::filesystem::path& work_dir, const std::string& server_body,
              const std::string& http_extra);
  ~NginxServer();
  NginxServer(const NginxServer&) = delete;
  NginxServer& operator=(const NginxServer&) = delete;
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  // Lines of the access log: which paths were requested (to prove only changed pages are fetched).
  std::string access_log() const;
  // How often `needle` is in the access log, waiting up to 2 s for at least `at_least` (nginx writes
  // the line just after the client already has its response).
  int count_in_log(const std::string& needle, int at_least = 0) const;

 private:
  void start(const TlsFiles& tls, const std::string& server_body, const std::string& http_extra);
  int port_ = 0;
  pid_t pid_ = -1;
  std::filesystem::path work_;
};

std::string nginx_binary();  // /usr/sbin/nginx, or empty if not installed

}  // namespace kiosk::test
