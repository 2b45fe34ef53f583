#include <doctest/doctest.h>

#include "platform/pin_hash.hpp"

using namespace kiosk::platform;

TEST_CASE("a PIN hash verifies its PIN only and is salted") {
  const std::string a = hash_pin("135790", 2000);
  const std::string b = hash_pin("135790", 2000);
  CHECK(a != b);  // random salt: equal PINs do not look equal in two configs
  CHECK(verify_pin(a, "135790"));
  CHECK(verify_pin(b, "135790"));
  CHECK_FALSE(verify_pin(a, "135791"));
  CHECK_FALSE(verify_pin(a, ""));
  CHECK(a.rfind("pbkdf2-sha256$2000$", 0) == 0);
}

TEST_CASE("malformed or weak stored hashes unlock nothing") {
  CHECK_FALSE(verify_pin("", "1234"));
  CHECK_FALSE(verify_pin("plain:1234", "1234"));
  CHECK_FALSE(verify_pin("pbkdf2-sha256$10$00$00", "1234"));  // too few iterations to be a real hash
  CHECK_FALSE(verify_pin("pbkdf2-sha256$100000$zz$zz", "1234"));
}
