#pragma once
// Text from content reaches terminals and the journal (kioskctl's output, log lines quoting a bad
// feed). A terminal obeys ESC and CSI sequences and shows bidi overrides: written as "<U+001B>"
// instead, content can never recolour, clear or disguise what staff read.
#include <string>
#include <string_view>

namespace kiosk::platform {

// Every C0/C1 control but newline and tab, DEL and every bidi control as <U+XXXX>; bytes that are
// not UTF-8 as <XX>; everything else unchanged.
std::string terminal_safe(std::string_view s);

// The two classes terminal_safe writes as codes (content validation refuses them too):
bool is_control_character(char32_t cp);  // C0, DEL, C1
bool is_bidi_control(char32_t cp);       // ALM, LRM, RLM, embeddings, overrides, isolates

}  // namespace kiosk::platform
