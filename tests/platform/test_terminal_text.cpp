// Text that leaves the kiosk for a terminal or the journal (kioskctl's output, log lines quoting a
// bad feed) must not carry commands to it.
#include <doctest/doctest.h>

#include "platform/terminal_text.hpp"

using kiosk::platform::terminal_safe;

TEST_CASE(
    "terminal_safe writes controls - bidi marks and broken bytes as visible codes - and keeps the text") {
  CHECK(terminal_safe("泰达 ok\n\tnext") == "泰达 ok\n\tnext");
  CHECK(terminal_safe("red \x1b[31m!") == "red <U+001B>[31m!");
  CHECK(terminal_safe("csi \u009B2J") == "csi <U+009B>2J");  // C1, as UTF-8
  CHECK(terminal_safe("bell\x07 del\x7f") == "bell<U+0007> del<U+007F>");
  CHECK(terminal_safe("a\u202Eb") == "a<U+202E>b");
  CHECK(terminal_safe("bad \xC3\x28") == "bad <C3>(");
  CHECK(terminal_safe("raw \x9B") == "raw <9B>");            // a lone C1 byte, not UTF-8
  CHECK(terminal_safe("over \xC0\x80") == "over <C0><80>");  // an overlong NUL
}
