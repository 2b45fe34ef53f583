// The character classes validation refuses: what the kiosk font and layout cannot draw.
#include <doctest/doctest.h>

#include "sync/content/utf8.hpp"

using namespace kiosk::content;

TEST_CASE("character classes: controls - bidi controls - right-to-left letters - combining marks") {
  CHECK(utf8::is_control(0x1B));
  CHECK(utf8::is_control(0x9B));
  CHECK_FALSE(utf8::is_control(0xA0));
  CHECK(utf8::is_bidi_control(0x200F));
  CHECK_FALSE(utf8::is_bidi_control(0x200B));
  CHECK(utf8::is_right_to_left(0x05D0));
  CHECK(utf8::is_right_to_left(0xFB50));
  CHECK_FALSE(utf8::is_right_to_left(0x4E2D));
  CHECK(utf8::is_combining_mark(0x0301));
  CHECK_FALSE(utf8::is_combining_mark(0x00E9));
}
