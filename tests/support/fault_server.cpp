#include "tests/support/fault_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include "sync/content/sha256.hpp"
#include "tests/support/temp_dir.hpp"

namespace kiosk::test {
namespace {

SSL_CTX* as_ctx(void* p) {
  return static_cast<SSL_CTX*>(p);
}

bool send_all(SSL* ssl, const std::string& s) {
  std::size_t off = 0;
  while (off < s.size()) {
    const int n = SSL_write(ssl, s.data() + off, static_cast<int>(s.size() - off));
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

std::string html(const std::string& title) {
  return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title +
         "</h1><form>Wi-Fi login: <input name=phone></form></body></html>";
}

}  // namespace

FaultServer::FaultServer(const std::filesystem::path& root, const TlsFiles& tls, bool wrong_host)
    : root_(root) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  const auto& cert = wrong_host ? tls.wrong_cert : tls.cert;
  const auto& key = wrong_host ? tls.wrong_key : tls.key;
  if (SSL_CTX_use_certificate_file(ctx, cert.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) {
    SSL_CTX_free(ctx);
    throw std::runtime_error("fault server: cannot load the test certificate");
  }
  ctx_ = ctx;
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("fault server: cannot listen");
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

FaultServer::~FaultServer() {
  stop_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  if (thread_.joinable()) thread_.join();
  for (auto& w : workers_) w.join();
  SSL_CTX_free(as_ctx(ctx_));
}

void FaultServer::set(Mode mode, std::string prefix) {
  std::lock_guard lock(mutex_);
  mode_ = mode;
  prefix_ = std::move(prefix);
}

void FaultServer::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int client = ::accept(listen_fd_, nullptr, nullptr);
    if (client < 0) continue;
    workers_.emplace_back([this, client] { handle(client); });
  }
}

void FaultServer::handle(int client) {
  SSL* ssl = SSL_new(as_ctx(ctx_));
  SSL_set_fd(ssl, client);
  const auto finish = [&] {
    SSL_shutdown(ssl);
    SSL_free(ssl);
    ::close(client);
  };
  if (SSL_accept(ssl) != 1) return finish();
  // Keep-alive: serve requests on this connection until the client closes or we stop.
  while (!stop_) {
    std::string request;
    char buf[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      pollfd p{client, POLLIN, 0};
      if (SSL_pending(ssl) == 0 && ::poll(&p, 1, 100) <= 0) {
        if (stop_) return finish();
        continue;
      }
      const int n = SSL_read(ssl, buf, sizeof buf);
      if (n <= 0) return finish();
      request.append(buf, static_cast<std::size_t>(n));
    }
    ++requests_;
    const std::size_t sp1 = request.find(' '), sp2 = request.find(' ', sp1 + 1);
    const std::string path = request.substr(sp1 + 1, sp2 - sp1 - 1);
    std::string etag_in;
    if (auto h = request.find("If-None-Match: "); h != std::string::npos) {
      etag_in = request.substr(h + 15, request.find("\r\n", h) - h - 15);
    }
    Mode mode;
    {
      std::lock_guard lock(mutex_);
      mode = path.rfind(prefix_, 0) == 0 ? mode_ : Mode::normal;
    }
    switch (mode) {
      case Mode::normal: {
        const auto file = root_ / path.substr(1);
        std::error_code ec;
        if (path.find("..") != std::string::npos || !std::filesystem::is_regular_file(file, ec)) {
          if (!send_all(ssl, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")) return finish();
          break;
        }
        const std::string body = read_text(file);
        const std::string etag = "\"" + content::sha256_hex(body).substr(0, 16) + "\"";
        if (etag_in == etag) {
          if (!send_all(ssl, "HTTP/1.1 304 Not Modified\r\nETag: " + etag + "\r\n\r\n")) return finish();
          break;
        }
        if (!send_all(ssl, "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                               "\r\nETag: " + etag + "\r\nContent-Type: application/octet-stream\r\n\r\n" +
                               body)) {
          return finish();
        }
        break;
      }
      case Mode::never_answer:
        while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return finish();
      case Mode::slow_drip: {
        send_all(ssl, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
        while (!stop_ && send_all(ssl, "x")) std::this_thread::sleep_for(std::chrono::milliseconds(250));
        return finish();
      }
      case Mode::truncated: {
        const std::string body = read_text(root_ / path.substr(1));
        send_all(ssl, "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                          body.substr(0, body.size() / 2));
        return finish();  // and hang up
      }
      case Mode::endless: {
        send_all(ssl, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n");
        const std::string chunk(16384, 'z');
        while (!stop_ && send_all(ssl, chunk)) {
        }
        return finish();
      }
      case Mode::server_error: {
        const std::string body = html("500 Internal Server Error");
        send_all(ssl, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body);
        break;
      }
      case Mode::unavailable: {
        const std::string body = html("503 Service Unavailable");
        send_all(ssl,
                 "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 30\r\nContent-Type: "
                 "text/html\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body);
        break;
      }
      case Mode::rate_limited:
        send_all(ssl, "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Length: 0\r\n\r\n");
        break;
      case Mode::captive_portal: {
        const std::string body = html("Welcome to Lobby Wi-Fi");
        send_all(ssl, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body);
        break;
      }
      case Mode::not_found:
        send_all(ssl, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        break;
      case Mode::not_modified:
        send_all(ssl, "HTTP/1.1 304 Not Modified\r\n\r\n");
        break;
      case Mode::redirect_http:
        send_all(ssl, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + std::to_string(port_) + path +
                          "\r\nContent-Length: 0\r\n\r\n");
        break;
    }
  }
  finish();
}

}  // namespace kiosk::test
