#include "platform/terminal_text.hpp"

#include <cstdint>
#include <cstdio>
#include <utility>

namespace kiosk::platform {
namespace {

// The code point at s[pos] and its length in bytes; length 0 for a byte that starts no valid
// UTF-8 sequence (overlong forms and surrogates included).
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t pos) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char b0 = b(pos);
  if (b0 < 0x80) return {b0, 1};
  const std::size_t n = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
  if (n == 0 || pos + n > s.size()) return {0, 0};
  char32_t cp = b0 & (0x7F >> n);
  for (std::size_t i = 1; i < n; ++i) {
    if ((b(pos + i) & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (b(pos + i) & 0x3F);
  }
  const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
  return {cp, n};
}

}  // namespace

bool is_control_character(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) {
    const auto [cp, length] = decode(s, pos);
    char code[12];
    if (length == 0) {
      std::snprintf(code, sizeof code, "<%02X>", static_cast<unsigned char>(s[pos]));
      out += code;
      ++pos;
      continue;
    }
    if ((is_control_character(cp) && cp != '\n' && cp != '\t') || is_bidi_control(cp)) {
      std::snprintf(code, sizeof code, "<U+%04X>", static_cast<unsigned>(cp));
      out += code;
    } else {
      out.append(s.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

}  // namespace kiosk::platform
