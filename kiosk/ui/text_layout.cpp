#include "kiosk/ui/text_layout.hpp"

#include <algorithm>

#include "sync/content/utf8.hpp"

namespace kiosk::ui {
namespace {

namespace utf8 = content::utf8;

bool is_closing(char32_t c) {
  switch (c) {
    case U'。':
    case U'，':
    case U'、':
    case U'；':
    case U'：':
    case U'！':
    case U'？':
    case U'）':
    case U'」':
    case U'』':
    case U'》':
    case U'】':
    case U'”':
    case U'’':
    case U'…':
    case U'·':
    case ',':
    case '.':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case ']':
    case '%':
      return true;
    default:
      return false;
  }
}

bool is_opening(char32_t c) {
  switch (c) {
    case U'（':
    case U'「':
    case U'『':
    case U'《':
    case U'【':
    case U'“':
    case U'‘':
    case '(':
    case '[':
      return true;
    default:
      return false;
  }
}

bool breakable_char(char32_t c) {
  return utf8::is_cjk(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

}  // namespace

float text_width(ImFont* font, float size, std::string_view text) {
  if (text.empty()) return 0;
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

std::vector<std::string_view> wrap_lines(ImFont* font, float size, std::string_view text, float width) {
  std::vector<std::string_view> lines;
  const float scale = size / font->FontSize;
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    float x = 0;
    std::size_t pos = line_start;
    std::size_t last_break = std::string_view::npos;  // a position where the line may end
    std::size_t resume = 0;                           // where the next line starts after that break
    char32_t prev = 0;
    bool ended = false;
    while (pos < text.size()) {
      std::size_t next = pos;
      const char32_t c = utf8::next(text, next);
      if (c == '\n') {
        lines.push_back(text.substr(line_start, pos - line_start));
        line_start = next;
        ended = true;
        break;
      }
      if (c == ' ' && pos > line_start) {  // the line may end here; the space itself is dropped
        last_break = pos;
        resume = next;
        x += font->GetCharAdvance(' ') * scale;
        prev = c;
        pos = next;
        continue;
      }
      // A break opportunity before c?
      if (pos > line_start) {
        const bool cjk_boundary =
            prev != ' ' && (breakable_char(c) || breakable_char(prev)) && !is_closing(c) && !is_opening(prev);
        if (cjk_boundary) {
          last_break = pos;
          resume = pos;
        }
      }
      const float w = font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : 0xFFFD)) * scale;
      if (x + w > width && pos > line_start) {
        if (last_break != std::string_view::npos && last_break > line_start) {
          lines.push_back(text.substr(line_start, last_break - line_start));
          line_start = resume;
        } else {
          lines.push_back(text.substr(line_start, pos - line_start));  // cut an over-long word
          line_start = pos;
        }
        ended = true;
        break;
      }
      x += w;
      prev = c;
      pos = next;
    }
    if (!ended) {
      if (line_start < text.size() || lines.empty()) lines.push_back(text.substr(line_start));
      break;
    }
    while (line_start < text.size() && text[line_start] == ' ') ++line_start;
    if (line_start >= text.size() && !text.empty() && text.back() != '\n') break;
  }
  return lines;
}

std::string ellipsize(ImFont* font, float size, std::string_view text, float width) {
  if (text_width(font, size, text) <= width) return std::string(text);
  // A CJK font centres "…" vertically, which reads well after Chinese and oddly after Latin text.
  const auto ellipsis_after = [](char32_t c) { return c < 0x2E80 ? "..." : "…"; };
  const float room = width - std::max(text_width(font, size, "..."), text_width(font, size, "…"));
  if (room <= 0) return std::string();
  const float scale = size / font->FontSize;
  float x = 0;
  std::size_t pos = 0, fits = 0;
  char32_t last = 0;
  while (pos < text.size()) {
    std::size_t next = pos;
    const char32_t c = utf8::next(text, next);
    x += font->GetCharAdvance(static_cast<ImWchar>(c <= 0xFFFF ? c : 0xFFFD)) * scale;
    if (x > room) break;
    fits = next;
    pos = next;
    if (c != ' ') last = c;
  }
  std::string out(text.substr(0, fits));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + ellipsis_after(last);
}

}  // namespace kiosk::ui
