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

TEST_CASE(
    "text follows the panel's physical size: more fits on a 21.5-inch panel - a 55-inch TV reads from 2 m") {
  const float panel_21 = px_per_mm_from_diagonal(1920, 1080, 21.5f);
  CHECK(panel_21 == doctest::Approx(1920.0f / 476.0f).epsilon(0.01));  // 21.5" 16:9 is ~476 mm wide
  const Metrics desk = compute_metrics(1920, 1080, panel_21);
  const Metrics tv = compute_metrics(1920, 1080, px_per_mm_from_diagonal(1920, 1080, 55.0f));
  // Read at arm's length: 6 mm text (not the TV's 24 mm), so about 1.5 times as many lines fit.
  CHECK(desk.body_size / desk.px_per_mm == doctest::Approx(6.0f).epsilon(0.05));
  CHECK(tv.body_size / tv.px_per_mm >= 20.0f);
  CHECK(tv.body_size / desk.body_size >= 1.5f);
  // A 32" panel sits between the two.
  const Metrics mid = compute_metrics(1920, 1080, px_per_mm_from_diagonal(1920, 1080, 32.0f));
  CHECK(mid.body_size / mid.px_per_mm > 6.0f);
  CHECK(mid.body_size / mid.px_per_mm < 24.0f);
  // Small panels are bound by their lines, whatever their size: at least 28 on the short side.
  CHECK(compute_metrics(800, 480, px_per_mm_from_diagonal(800, 480, 7.0f)).body_size == 17.0f);
  CHECK(compute_metrics(1280, 800, px_per_mm_from_diagonal(1280, 800, 10.1f)).body_size == 29.0f);
  // A tiny panel with a huge pixel count is capped the other way: no more than 44 lines.
  CHECK(compute_metrics(1920, 1080, px_per_mm_from_diagonal(1920, 1080, 5.0f)).body_size >= 1080.0f / 44 - 1);
  CHECK(px_per_mm_from_diagonal(1920, 1080, 0) == 0.0f);
}
