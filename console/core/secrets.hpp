#pragma once
// Random secrets and their one-way forms: session ids, CSRF tokens and API tokens come from the
// OS CSPRNG (OpenSSL RAND_bytes); the database keeps only their SHA-256, so a copy of console.db
// lets nobody log in. Passwords use Argon2id (libargon2), slow on purpose.
#include <string>
#include <string_view>

namespace kiosk::console {

// `bytes` random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);
// `length` characters from `alphabet` (at most 256 characters, a power of two: no modulo bias).
std::string random_code(std::size_t length, std::string_view alphabet);
// A secret's stored form.
std::string secret_hash(std::string_view secret);
// Comparison whose time does not depend on where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// Argon2id, encoded with its parameters ("$argon2id$v=19$m=...").
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& encoded);

}  // namespace kiosk::console
