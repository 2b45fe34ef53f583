#pragma once
// Small UTF-8 helpers shared by validation, search and the font glyph collector.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::content::utf8 {

inline constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at s[pos] and advances pos; returns kInvalid (and advances one byte) on a
// malformed, overlong or surrogate sequence.
char32_t next(std::string_view s, std::size_t& pos);

bool valid(std::string_view s);
std::size_t length(std::string_view s);  // in code points; malformed bytes count as one each
void append(std::string& out, char32_t cp);
// At most max_bytes, cut at a code point boundary (never half a character).
std::string truncate(std::string_view s, std::size_t max_bytes);

// Han ideographs (including the rare ones such as 鲲 鹏 瞪 羚) and CJK punctuation / kana.
bool is_cjk(char32_t cp);

// C0 and C1 control characters and DEL: what a terminal may take as a command (ESC, CSI). These two
// are platform/terminal_text.hpp's lists, so validation and terminal output never disagree.
bool is_control(char32_t cp);
// Invisible bidirectional controls (LRM, RLM, embeddings, overrides, isolates, ALM): they reorder
// text on screens that honour them and hide what a string really says.
bool is_bidi_control(char32_t cp);
// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko ...). The kiosk lays text
// out left to right with no shaping; these would show reversed and unjoined.
bool is_right_to_left(char32_t cp);
// Combining marks (accents written after their letter, U+0301 ...).
bool is_combining_mark(char32_t cp);

// Lowercases ASCII and folds full-width ASCII (Ａ１) to half-width, so "３Ｄ" finds "3D".
char32_t fold(char32_t cp);

}  // namespace kiosk::content::utf8
