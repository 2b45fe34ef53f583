#pragma once
// Line breaking and truncation for mixed Chinese / English text. Dear ImGui 1.86 only breaks at
// spaces, so a Chinese sentence would overflow its card; here a line may break between any two Han
// characters, never inside a Latin word, never before closing punctuation (。，、）」》) or after
// opening punctuation (（「《).
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

float text_width(ImFont* font, float size, std::string_view text);

// Lines of `text` no wider than `width` (explicit '\n' honoured). A single unbreakable run wider than
// the line is cut between characters.
std::vector<std::string_view> wrap_lines(ImFont* font, float size, std::string_view text, float width);

// `text` shortened to fit `width` with a trailing "…"; unchanged if it fits.
std::string ellipsize(ImFont* font, float size, std::string_view text, float width);

}  // namespace kiosk::ui
