#include "console/core/secrets.hpp"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

#include "sync/content/sha256.hpp"

namespace kiosk::console {
namespace {

// OWASP's second Argon2id profile (19 MiB, 2 passes, 1 lane): ~30 ms here, well under a second on
// a Pi 4, and small enough that a burst of logins cannot exhaust a 1 GB board.
constexpr std::uint32_t kTimeCost = 2;
constexpr std::uint32_t kMemoryKiB = 19 * 1024;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw std::runtime_error("the system random generator failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char b : buffer) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string random_code(std::size_t length, std::string_view alphabet) {
  const std::size_t n = alphabet.size();
  if (n == 0 || n > 256 || (n & (n - 1)) != 0)
    throw std::logic_error("random_code: the alphabet size must be a power of two");
  std::vector<unsigned char> buffer(length);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw std::runtime_error("the system random generator failed");
  }
  std::string out;
  for (unsigned char b : buffer) out += alphabet[b % n];
  return out;
}

std::string secret_hash(std::string_view secret) {
  return content::sha256_hex(secret);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hash_password(std::string_view password) {
  std::vector<unsigned char> salt(kSaltBytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    throw std::runtime_error("the system random generator failed");
  }
  const std::size_t length = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes,
                                               static_cast<std::uint32_t>(kSaltBytes), kHashBytes, Argon2_id);
  std::string encoded(length, '\0');
  const int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(),
                                       salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK)
    throw std::runtime_error(std::string("password hashing failed: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(std::string_view password, const std::string& encoded) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace kiosk::console
