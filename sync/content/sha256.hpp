#pragma once
// SHA-256 through OpenSSL (already on every kiosk because libcurl links it).
#include <string>
#include <string_view>

namespace kiosk::content {

std::string sha256_hex(std::string_view bytes);  // 64 lowercase hex digits
bool is_sha256_hex(std::string_view s);

}  // namespace kiosk::content
