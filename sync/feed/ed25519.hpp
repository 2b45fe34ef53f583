#pragma once
// Ed25519 through OpenSSL 3 (already linked by libcurl): the one verify function every signature
// in the feed goes through, and the key handling `kioskctl keygen` needs.
#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::feed {

using PublicKey = std::array<unsigned char, 32>;

// True only for a valid signature by `key` over exactly `message` (OpenSSL returns 1 only then).
bool ed25519_verify(const PublicKey& key, std::string_view message, std::string_view signature);

class PrivateKey {
 public:
  static PrivateKey generate();
  // PKCS#8 PEM, as written by save(). Throws std::runtime_error with the file name.
  static PrivateKey load(const std::filesystem::path& pem_file);
  PrivateKey(PrivateKey&& other) noexcept;
  PrivateKey& operator=(PrivateKey&& other) noexcept;
  PrivateKey(const PrivateKey&) = delete;
  ~PrivateKey();

  void save(const std::filesystem::path& pem_file) const;  // mode 0600
  PublicKey public_key() const;
  std::string sign(std::string_view message) const;  // 64 bytes

 private:
  explicit PrivateKey(void* pkey) : pkey_(pkey) {}
  void* pkey_ = nullptr;  // EVP_PKEY*, kept out of the header
};

// Key ids name keys in signatures: the first 16 hex digits of SHA-256 of the raw public key.
std::string key_id(const PublicKey& key);

std::string base64_encode(std::string_view bytes);
// Throws std::runtime_error on anything but canonical, padded base64.
std::string base64_decode(std::string_view text);
PublicKey public_key_from_base64(std::string_view text);  // throws on a wrong length
std::string to_base64(const PublicKey& key);

}  // namespace kiosk::feed
