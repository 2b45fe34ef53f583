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

}  // namespace kiosk::platform
