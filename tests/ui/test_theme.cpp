#include <doctest/doctest.h>

#include "kiosk/ui/theme.hpp"

using namespace kiosk::ui;

TEST_CASE("every text colour on its background meets WCAG AA (4.5:1)") {
  const Palette p;
  for (const auto& pair : text_pairs(p)) {
    const double ratio = contrast_ratio(pair.text, pair.background);
    CHECK_MESSAGE(ratio >= 4.5, pair.name << ": " << ratio << ":1");
  }
  CHECK(contrast_ratio({255, 255, 255}, {0, 0, 0}) == doctest::Approx(21.0));
}

TEST_CASE("touch targets are at least 9 mm on every reference display") {
  struct Display {
    float w, h;
  };
  for (const Display d : {Display{800, 480}, Display{1280, 800}, Display{1920, 1080}, Display{1080, 1920}}) {
    const Metrics m = compute_metrics(d.w, d.h);
    CHECK_MESSAGE(m.touch >= 9.0f * m.px_per_mm, d.w << "x" << d.h);
    CHECK(m.tap_slop >= 10.0f);
  }
  // A known DPI wins over the guess: a 10.1" panel at 1280x800 has ~5.9 px/mm.
  const Metrics tablet = compute_metrics(1280, 800, 5.9f);
  CHECK(tablet.touch >= 9.0f * 5.9f);
}

TEST_CASE("text on a lobby TV is large enough to read from two metres") {
  // 1080p 55" TV: ~1.59 px/mm. Body text >= 20 mm tall (cap height ~14 mm) reads at 2 m.
  const Metrics m = compute_metrics(1920, 1080);
  CHECK(m.body_size / m.px_per_mm >= 20.0f);
  CHECK(compute_metrics(800, 480).body_size >= 16.0f);
}
