#pragma once
// The staff PIN is stored only as a salted, slow hash in the config:
//   "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>"
// so a copied SD card does not reveal it. `kioskctl pin-hash` makes one.
#include <string>

namespace kiosk::platform {

std::string hash_pin(const std::string& pin, int iterations = 200000);
// False for a wrong PIN and for a malformed or empty hash (then nobody can unlock).
bool verify_pin(const std::string& stored_hash, const std::string& pin);

}  // namespace kiosk::platform
