#include "tests/support/nginx_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "tests/support/temp_dir.hpp"

extern char** environ;

namespace kiosk::test {
namespace fs = std::filesystem;

std::string nginx_binary() {
  for (const char* p : {"/usr/sbin/nginx", "/usr/bin/nginx"}) {
    if (::access(p, X_OK) == 0) return p;
  }
  return {};
}

namespace {

bool accepting(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

NginxServer::NginxServer(const fs::path& root, const TlsFiles& tls, const fs::path& work_dir)
    : work_(work_dir) {
  start(tls,
        "    root " + root.string() +
            ";\n    location = /timestamp.json { add_header Cache-Control no-cache; }\n",
        "");
}

NginxServer::NginxServer(const TlsFiles& tls, const fs::path& work_dir, const std::string& server_body,
                         const std::string& http_extra)
    : work_(work_dir) {
  start(tls, server_body + "\n", http_extra);
}

void NginxServer::start(const TlsFiles& tls, const std::string& server_body, const std::string& http_extra) {
  const std::string nginx = nginx_binary();
  if (nginx.empty())
    throw std::runtime_error("nginx is not installed (scripts/install-deps.sh test installs it)");
  fs::create_directories(work_ / "tmp");
  for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
    port_ = free_port();
    const std::string w = work_.string();
    // As root, workers would switch to "nobody" and could not read a test's private directory.
    write_text(work_ / "nginx.conf",
               std::string(::geteuid() == 0 ? "user root;\n" : "") +
                   "worker_processes 1;\ndaemon off;\npid " + w + "/nginx.pid;\nerror_log " + w +
                   "/error.log;\nevents { worker_connections 512; }\nhttp {\n  access_log " + w +
                   "/access.log;\n  client_body_temp_path " + w + "/tmp; proxy_temp_path " + w +
                   "/tmp; fastcgi_temp_path " + w + "/tmp; uwsgi_temp_path " + w + "/tmp; scgi_temp_path " +
                   w + "/tmp;\n  keepalive_requests 10000;\n  " + http_extra +
                   "\n  server {\n    listen 127.0.0.1:" + std::to_string(port_) +
                   " ssl;\n    ssl_certificate " + tls.cert.string() + ";\n    ssl_certificate_key " +
                   tls.key.string() + ";\n" + server_body + "  }\n}\n");
    const std::string conf = (work_ / "nginx.conf").string();
    const char* argv[] = {nginx.c_str(), "-c", conf.c_str(), "-p", w.c_str(), nullptr};
    pid_t pid = -1;
    if (::posix_spawn(&pid, nginx.c_str(), nullptr, nullptr, const_cast<char**>(argv), environ) != 0) {
      throw std::runtime_error("cannot start nginx");
    }
    for (int i = 0; i < 200 && !accepting(port_); ++i) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;  // it died (port taken?): try another port
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (pid > 0 && accepting(port_))
      pid_ = pid;
    else if (pid > 0)
      ::kill(pid, SIGKILL), ::waitpid(pid, nullptr, 0);
  }
  if (pid_ < 0) throw std::runtime_error("nginx did not start: " + read_text(work_ / "error.log"));
}

NginxServer::~NginxServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string NginxServer::access_log() const {
  return read_text(work_ / "access.log");
}

int NginxServer::count_in_log(const std::string& needle, int at_least) const {
  int n = 0;
  for (int attempt = 0; attempt < 200; ++attempt) {
    const std::string log = access_log();
    n = 0;
    for (std::size_t pos = log.find(needle); pos != std::string::npos; pos = log.find(needle, pos + 1)) ++n;
    if (n >= at_least) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return n;
}

}  // namespace kiosk::test
