#pragma once
// A throwaway certificate authority for the sync tests, made with the openssl command: a CA, a
// server certificate for 127.0.0.1/localhost, and one for another host name (wrong-host tests).
#include <filesystem>

namespace kiosk::test {

struct TlsFiles {
  std::filesystem::path ca;                     // trust this
  std::filesystem::path cert, key;              // 127.0.0.1 and localhost
  std::filesystem::path wrong_cert, wrong_key;  // wrong.example, signed by the same CA
};

TlsFiles make_tls_files(const std::filesystem::path& dir);

// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_port();

}  // namespace kiosk::test
