#include "tests/support/tls_files.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace kiosk::test {
namespace {

void run(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0)
    throw std::runtime_error("failed: " + command);
}

void server_cert(const std::filesystem::path& dir, const std::string& name, const std::string& san,
                 const TlsFiles& ca) {
  const auto d = dir.string() + "/";
  run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " + d + name +
      ".key -out " + d + name + ".csr -subj /CN=" + name);
  write_text(dir / (name + ".ext"), "subjectAltName=" + san + "\n");
  run("openssl x509 -req -in " + d + name + ".csr -CA " + ca.ca.string() + " -CAkey " + d +
      "ca.key -CAcreateserial -out " + d + name + ".pem -days 2 -extfile " + d + name + ".ext");
}

}  // namespace

TlsFiles make_tls_files(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  TlsFiles f;
  f.ca = dir / "ca.pem";
  run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " +
      (dir / "ca.key").string() + " -out " + f.ca.string() + " -days 2 -subj /CN=kiosk-test-CA");
  server_cert(dir, "server", "IP:127.0.0.1,DNS:localhost", f);
  server_cert(dir, "wrong", "DNS:wrong.example", f);
  f.cert = dir / "server.pem";
  f.key = dir / "server.key";
  f.wrong_cert = dir / "wrong.pem";
  f.wrong_key = dir / "wrong.key";
  return f;
}

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("no free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace kiosk::test
