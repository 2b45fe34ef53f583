#include "platform/pin_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace kiosk::platform {
namespace {

std::string to_hex(const unsigned char* p, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

bool from_hex(const std::string& s, std::vector<unsigned char>& out) {
  if (s.size() % 2 != 0) return false;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out.clear();
  for (std::size_t i = 0; i < s.size(); i += 2) {
    const int hi = nibble(s[i]), lo = nibble(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<unsigned char>(hi * 16 + lo));
  }
  return true;
}

std::vector<unsigned char> derive(const std::string& pin, const std::vector<unsigned char>& salt,
                                  int iterations) {
  std::vector<unsigned char> key(32);
  if (PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), static_cast<int>(key.size()), key.data()) != 1) {
    throw std::runtime_error("PBKDF2 failed inside OpenSSL");
  }
  return key;
}

}  // namespace

std::string hash_pin(const std::string& pin, int iterations) {
  std::vector<unsigned char> salt(16);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
    throw std::runtime_error("no randomness for the salt");
  const auto key = derive(pin, salt, iterations);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + to_hex(salt.data(), salt.size()) + "$" +
         to_hex(key.data(), key.size());
}

bool verify_pin(const std::string& stored, const std::string& pin) {
  const std::string prefix = "pbkdf2-sha256$";
  if (stored.rfind(prefix, 0) != 0 || pin.empty()) return false;
  const std::size_t a = stored.find('$', prefix.size());
  const std::size_t b = a == std::string::npos ? a : stored.find('$', a + 1);
  if (b == std::string::npos) return false;
  int iterations = 0;
  try {
    iterations = std::stoi(stored.substr(prefix.size(), a - prefix.size()));
  } catch (...) {
    return false;
  }
  if (iterations < 1000 || iterations > 10'000'000) return false;
  std::vector<unsigned char> salt, expected;
  if (!from_hex(stored.substr(a + 1, b - a - 1), salt) || !from_hex(stored.substr(b + 1), expected) ||
      expected.size() != 32) {
    return false;
  }
  const auto key = derive(pin, salt, iterations);
  return CRYPTO_memcmp(key.data(), expected.data(), key.size()) == 0;  // constant time
}

}  // namespace kiosk::platform
